package org.guichet.dossiers.internal.instruction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.instruction.CaseFile;
import org.guichet.api.instruction.DocumentCheck;
import org.guichet.api.mandates.Mandate;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.dossiers.DossierViews;
import org.guichet.dossiers.internal.jpa.DocumentCheckEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.MandateEntity;
import org.guichet.dossiers.internal.shared.Views;

/** The case file an agent works from: the dossier with everything instruction added to it. */
final class CaseFiles {
    private final Desk desk;
    private final DossierViews views;

    CaseFiles(Desk desk, DossierViews views) {
        this.desk = desk;
        this.views = views;
    }

    CaseFile caseFile(EntityManager em, Caller agent, long dossierId) {
        Desk.requireStaff(agent);
        DossierAccess.Granted g = desk.access.require(em, agent, dossierId, Action.INSTRUCT);
        DossierEntity d = g.dossier();
        Mandate mandate = d.mandateId == null ? null : Views.mandate(em, em.find(MandateEntity.class, d.mandateId));
        return new CaseFile(views.view(em, d, g.standing(), Locale.FRENCH), AccountViews.person(em, d.assigneeId()),
                d.waitingOn() == null ? null : d.waitingOn().name(),
                d.deadline() == null ? null : d.deadline().toLocalDate(), mandate, checks(em, d.id),
                Complements.list(em, d.id), Threads.messages(em, d.id), Threads.notes(em, d.id),
                Decisions.list(em, d.id), Views.payments(em, d.id), PhoneCalls.list(em, d.id, desk.clock.instant()));
    }

    static List<DocumentCheck> checks(EntityManager em, long dossierId) {
        return em.createQuery("select c from DocumentCheckEntity c where c.dossierId = :d order by c.id",
                DocumentCheckEntity.class).setParameter("d", dossierId).getResultList().stream()
                .map(c -> DocumentChecks.view(em, c)).toList();
    }

    /** The applicant, and the mediator who reaches the dossier through an ACTIVE mandate. */
    static List<PersonRef> recipients(EntityManager em, DossierEntity d) {
        List<PersonRef> out = new ArrayList<>();
        out.add(AccountViews.person(em, d.applicantId));
        MandateEntity m = d.mandateId == null ? null : em.find(MandateEntity.class, d.mandateId);
        if (m != null && m.state == org.guichet.dossiers.internal.jpa.MandateState.ACTIVE) {
            out.add(AccountViews.person(em, m.mediatorId));
        }
        return out;
    }

}
