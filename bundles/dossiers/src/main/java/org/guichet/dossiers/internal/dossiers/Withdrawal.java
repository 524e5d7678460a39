package org.guichet.dossiers.internal.dossiers;

import java.sql.Timestamp;
import java.time.Clock;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.error.GuichetException;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.Words;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.MandateEntity;
import org.guichet.dossiers.internal.jpa.MandateState;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Move;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Transition;

/** The applicant's own decisions about a dossier: giving it up, and letting a mandated mediator reach it. */
public final class Withdrawal {
    private final DossierAccess access;
    private final Clock clock;

    public Withdrawal(DossierAccess access, Clock clock) {
        this.access = access;
        this.clock = clock;
    }

    public Mails.Mailed<DossierEntity> withdraw(EntityManager em, Caller caller, long dossierId, String reason) {
        if (reason != null && reason.length() > 2000) {
            throw new GuichetException(GuichetException.Kind.INVALID, "TOO_LONG", "reason",
                    "Texte trop long : 2000 caractères au plus.", null, java.util.Map.of("max", 2000));
        }
        DossierEntity d = access.dossier(em, caller, dossierId, Action.WITHDRAW);
        if (d.state() == DossierState.WITHDRAWN) {
            return Mails.Mailed.of(d);
        }
        Long holder = d.assigneeId();
        d.move(Move.of(Transition.WITHDRAW), clock.instant().atZone(OpenDossier.PARIS).toLocalDate());
        d.updatedAt = Timestamp.from(clock.instant());
        var open = org.guichet.dossiers.internal.shared.Lookups.openComplement(em, d.id);
        if (open != null) {
            open.state = "CANCELLED"; // nothing is awaited from her any more
        }
        Activity.record(em, "DOSSIER_WITHDRAWN", Activity.actorId(caller), Activity.actorName(caller),
                Activity.onBehalf(caller, d.applicantId), Activity.channel(caller, d.applicantId), d.id,
                caller.organisationId(), "Demande retirée" + (reason == null || reason.isBlank() ? "" : " : " + reason.strip()));
        em.flush();
        OutgoingMail notice = null;
        if (holder != null) {
            AccountEntity agent = em.find(AccountEntity.class, holder);
            notice = Mails.mail(agent.email, Words.of(agent.language), "withdrawn", "DOSSIER_WITHDRAWN",
                    "name", agent.displayName, "reference", d.reference);
        }
        return Mails.Mailed.of(d, notice);
    }

    public DossierEntity share(EntityManager em, Caller caller, long dossierId, Long mandateId) {
        DossierEntity d = access.dossier(em, caller, dossierId, Action.SHARE);
        String detail;
        if (mandateId == null) {
            d.mandateId = null;
            detail = "Demande plus partagée avec un médiateur";
        } else {
            MandateEntity m = em.find(MandateEntity.class, mandateId);
            if (m == null || m.applicantId.longValue() != d.applicantId.longValue() || m.state != MandateState.ACTIVE) {
                throw GuichetException.notFound("MANDATE_NOT_FOUND", "Ce mandat n'existe pas, ou il n'est pas en cours.");
            }
            d.mandateId = m.id;
            AccountEntity mediator = em.find(AccountEntity.class, m.mediatorId);
            detail = "Demande partagée avec " + mediator.displayName;
        }
        d.updatedAt = Timestamp.from(clock.instant());
        Activity.record(em, "DOSSIER_SHARED", Activity.actorId(caller), Activity.actorName(caller), null,
                Activity.channel(caller, d.applicantId), d.id, null, detail);
        em.flush();
        return d;
    }
}
