package org.guichet.dossiers.internal.access;

import java.time.Clock;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.access.AccessPolicy.Facts;
import org.guichet.dossiers.internal.access.AccessPolicy.Standing;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.MandateEntity;
import org.guichet.dossiers.internal.jpa.MandateState;
import org.guichet.dossiers.internal.shared.Schemes;

/** Loads what {@link AccessPolicy} needs about a dossier, asks it, and gives the row to those it allows. */
public final class DossierAccess {
    private final Schemes schemes;
    private final Clock clock;

    public DossierAccess(Schemes schemes, Clock clock) {
        this.schemes = schemes;
        this.clock = clock;
    }

    /** The dossier and how the caller stands towards it. */
    public record Granted(DossierEntity dossier, Standing standing) { }

    /** The dossier, if the caller may do this to it; else the policy's refusal (404 when not even readable). */
    public Granted require(EntityManager em, Caller caller, long dossierId, Action action) {
        if ((action == Action.INSTRUCT || action == Action.PHONE_HELP) && !isStaff(caller)) {
            throw org.guichet.api.error.GuichetException.forbidden("AGENT_ONLY",
                    "Réservé aux agents instructeurs de la Région.");
        }
        if (action == Action.ASSIGN && !caller.has(Role.SUPERVISOR)) {
            throw org.guichet.api.error.GuichetException.forbidden("SUPERVISOR_ONLY",
                    "Seul un responsable d'instruction attribue les dossiers.");
        }
        DossierEntity d = em.find(DossierEntity.class, dossierId);
        if (d == null) {
            throw AccessPolicy.notFound();
        }
        Standing s = AccessPolicy.require(caller, action, facts(em, d), clock.instant());
        return new Granted(d, s);
    }

    public DossierEntity dossier(EntityManager em, Caller caller, long dossierId, Action action) {
        return require(em, caller, dossierId, action).dossier();
    }

    /** The dossier if it names this organisation (its key reaches nothing else). */
    public DossierEntity forOrganisation(EntityManager em, long organisationId, long dossierId) {
        DossierEntity d = em.find(DossierEntity.class, dossierId);
        if (d == null) {
            throw AccessPolicy.notFound();
        }
        AccessPolicy.requireOrganisation(organisationId, facts(em, d));
        return d;
    }

    public Facts facts(EntityManager em, DossierEntity d) {
        MandateEntity m = d.mandateId == null ? null : em.find(MandateEntity.class, d.mandateId);
        SchemeDescriptor descriptor = schemes.orNull(d);
        boolean applicantMayFile = descriptor == null || descriptor.filers().contains("APPLICANT");
        return new Facts(d.id, d.applicantId, d.schemeId, d.state(), m == null ? null : m.mediatorId,
                m != null && m.state == MandateState.ACTIVE, d.organisationId, applicantMayFile, d.test());
    }

    public static boolean isStaff(Caller c) {
        return c.assistance() == null && (c.has(Role.AGENT) || c.has(Role.SUPERVISOR));
    }

    public Clock clock() {
        return clock;
    }
}
