package org.guichet.dossiers.internal.instruction;

import java.util.List;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.error.GuichetException;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.Words;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.jpa.ComplementRequestEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Move;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Transition;
import org.guichet.dossiers.internal.shared.Lookups;

/** Closing a dossier: archived after its decision (once nothing is left to pay), or left unanswered past a deadline. */
final class Closing {
    private final Desk desk;

    Closing(Desk desk) {
        this.desk = desk;
    }

    Mails.Mailed<Void> close(EntityManager em, Caller agent, long dossierId, String reason) {
        Desk.requireStaff(agent);
        String why = Desk.required(Desk.limit(reason, 2000, "reason"), "reason");
        DossierEntity d = desk.held(em, agent, dossierId);
        DossierState before = d.state();
        if (before == DossierState.GRANTED) {
            long pending = em.createQuery("select count(p) from PaymentEntity p where p.dossierId = :d and p.status in"
                    + " ('SCHEDULED', 'PAYABLE', 'ISSUED')", Long.class).setParameter("d", d.id).getSingleResult();
            if (pending > 0) {
                throw GuichetException.conflict("PAYMENTS_PENDING", "Des versements restent à faire : le dossier sera"
                        + " clos quand ils seront payés ou annulés.");
            }
        }
        d.move(Move.of(Transition.CLOSE), desk.today());
        ComplementRequestEntity open = Lookups.openComplement(em, d.id);
        if (open != null) {
            open.state = "EXPIRED";
        }
        desk.touch(d);
        Desk.record(em, agent, d, "DOSSIER_CLOSED", "Dossier clos : " + why);
        if (before != DossierState.WAITING_COMPLEMENT) {
            return Mails.Mailed.of(null);
        }
        List<OutgoingMail> notices = CaseFiles.recipients(em, d).stream().map((PersonRef p) -> Mails.mail(p.email(),
                Words.of(AccountViews.language(em, p.id())), "closed", "DOSSIER_CLOSED", "name", p.displayName(),
                "reference", d.reference)).toList();
        return Mails.Mailed.of(null, notices);
    }
}
