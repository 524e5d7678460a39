package org.guichet.dossiers.internal.instruction;

import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Move;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Transition;

/** Taking, releasing and assigning dossiers; every change touches the versioned row, so races lose with a 409. */
final class Assignment {
    private final Desk desk;

    Assignment(Desk desk) {
        this.desk = desk;
    }

    void take(EntityManager em, Caller agent, long dossierId, Long expectedVersion) {
        Desk.requireStaff(agent);
        DossierEntity d = desk.instructable(em, agent, dossierId);
        if (expectedVersion != null && expectedVersion.longValue() != d.version) {
            throw Tx.editConflict();
        }
        if (d.heldBy(agent.accountId())) {
            return;
        }
        if (d.assigneeId() != null) {
            String assignee = AccountViews.person(em, d.assigneeId()).displayName();
            throw new GuichetException(GuichetException.Kind.CONFLICT, "ALREADY_TAKEN", null, "Ce dossier vient d'être"
                    + " pris par " + assignee + ".", null, java.util.Map.of("assigneeId", d.assigneeId(), "assignee",
                    assignee));
        }
        d.move(Move.byAgent(Transition.TAKE, agent.accountId()), desk.today());
        desk.touch(d);
        Desk.record(em, agent, d, "DOSSIER_TAKEN", "Dossier pris en charge");
    }

    void release(EntityManager em, Caller agent, long dossierId) {
        Desk.requireStaff(agent);
        DossierEntity d = desk.held(em, agent, dossierId);
        d.move(Move.byAgent(Transition.RELEASE, agent.accountId()), desk.today());
        desk.touch(d);
        Desk.record(em, agent, d, "DOSSIER_RELEASED", "Dossier remis dans la file");
    }

    void assign(EntityManager em, Caller supervisor, long dossierId, long agentId) {
        DossierEntity d = desk.access.dossier(em, supervisor, dossierId, Action.ASSIGN);
        AccountEntity a = em.find(AccountEntity.class, agentId);
        if (a == null || !AccountViews.roles(a).contains(Role.AGENT) || !AccountViews.schemes(a).contains(d.schemeId)) {
            throw GuichetException.invalid("NOT_AN_AGENT_OF_SCHEME", "agentId",
                    "Cette personne n'instruit pas ce dispositif.");
        }
        d.move(Move.byAgent(Transition.ASSIGN, agentId), desk.today());
        desk.touch(d);
        Desk.record(em, supervisor, d, "DOSSIER_ASSIGNED", "Dossier attribué à " + a.displayName);
    }
}
