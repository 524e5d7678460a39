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
        give(em, supervisor, d, agentId);
    }

    /**
     * Reassigns only if the dossier is still held by whom the supervisor saw holding it: read in the same transaction
     * as the write, and the write touches the versioned row, so of two supervisors at once the second either reads the
     * new holder (and is told) or loses on the version and is replayed, then reads it and is told.
     */
    void reassign(EntityManager em, Caller supervisor, long dossierId, Long fromAgentId, long toAgentId) {
        DossierEntity d = desk.access.dossier(em, supervisor, dossierId, Action.ASSIGN);
        Long holder = d.assigneeId();
        boolean same = holder == null ? fromAgentId == null : fromAgentId != null && holder.longValue() == fromAgentId;
        if (!same) {
            String name = holder == null ? null : AccountViews.person(em, holder).displayName();
            java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("assigneeId", holder);
            details.put("assignee", name);
            throw new GuichetException(GuichetException.Kind.CONFLICT, "ASSIGNMENT_CHANGED", "agentId",
                    holder == null ? "Ce dossier vient d'être remis dans la file." : "Ce dossier vient d'être confié à "
                    + name + ".", null, details);
        }
        give(em, supervisor, d, toAgentId);
    }

    private void give(EntityManager em, Caller supervisor, DossierEntity d, long agentId) {
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
