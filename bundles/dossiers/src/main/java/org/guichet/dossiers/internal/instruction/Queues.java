package org.guichet.dossiers.internal.instruction;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.Queue;
import org.guichet.api.instruction.QueueFilter;
import org.guichet.api.instruction.QueueItem;
import org.guichet.api.instruction.Workload;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.PhoneCallEntity;
import org.guichet.dossiers.internal.lifecycle.WaitingOn;

/** The agents' queue across their schemes, and supervisors' view of workloads. */
final class Queues {
    static final List<DossierState> OPEN = List.of(DossierState.SUBMITTED, DossierState.IN_REVIEW,
            DossierState.WAITING_COMPLEMENT);
    static final Set<DossierState> LISTABLE = Set.of(DossierState.SUBMITTED, DossierState.IN_REVIEW,
            DossierState.WAITING_COMPLEMENT, DossierState.GRANTED, DossierState.REFUSED, DossierState.WITHDRAWN,
            DossierState.CLOSED);

    private final Desk desk;

    Queues(Desk desk) {
        this.desk = desk;
    }

    Queue queue(EntityManager em, Caller agent, QueueFilter filter) {
        Desk.requireStaff(agent);
        QueueFilter f = filter == null ? QueueFilter.all() : filter;
        DossierState state = null;
        if (f.state() != null) {
            state = LISTABLE.stream().filter(s -> s.name().equals(f.state())).findFirst().orElseThrow(
                    () -> GuichetException.invalid("STATE_INVALID", "state", "État inconnu : " + f.state()));
        }
        WaitingOn waiting = null;
        if (f.waitingOn() != null) {
            waiting = java.util.Arrays.stream(WaitingOn.values()).filter(w -> w.name().equals(f.waitingOn())).findFirst()
                    .orElseThrow(() -> GuichetException.invalid("WAITING_ON_INVALID", "waitingOn",
                            "« En attente de » est AGENT, APPLICANT ou ORGANISATION."));
        }
        if (agent.schemes().isEmpty()) {
            return new Queue(List.of(), Map.of(), Map.of());
        }
        StringBuilder q = new StringBuilder("select d from DossierEntity d where d.schemeId in :schemes");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("schemes", agent.schemes());
        if (f.schemeId() != null) {
            q.append(" and d.schemeId = :scheme");
            p.put("scheme", f.schemeId());
        }
        if (state != null) {
            q.append(" and d.state = :state");
            p.put("state", state);
        } else {
            q.append(" and d.state in :open");
            p.put("open", OPEN);
        }
        if (f.assigneeId() != null) {
            q.append(" and d.assigneeId = :assignee");
            p.put("assignee", f.assigneeId());
        }
        if (Boolean.TRUE.equals(f.unassigned())) {
            q.append(" and d.assigneeId is null");
        }
        if (waiting != null) {
            q.append(" and d.waitingOn = :waiting");
            p.put("waiting", waiting);
        }
        if (f.minAgeDays() != null) {
            q.append(" and d.submittedAt <= :before");
            p.put("before", Timestamp.from(desk.clock.instant().minus(Duration.ofDays(f.minAgeDays()))));
        }
        if (f.deadlineBefore() != null) {
            q.append(" and d.deadline <= :deadline");
            p.put("deadline", Date.valueOf(f.deadlineBefore()));
        }
        q.append(" order by d.submittedAt, d.id");
        TypedQuery<DossierEntity> query = em.createQuery(q.toString(), DossierEntity.class).setMaxResults(500);
        p.forEach(query::setParameter);
        List<QueueItem> items = query.getResultList().stream().map(d -> item(em, d)).toList();
        Map<String, Long> byState = new TreeMap<>();
        Map<String, Long> byWaiting = new TreeMap<>();
        for (Object[] row : em.createQuery("select d.state, d.waitingOn, count(d) from DossierEntity d where"
                + " d.schemeId in :schemes and d.state <> :draft group by d.state, d.waitingOn", Object[].class)
                .setParameter("schemes", agent.schemes()).setParameter("draft", DossierState.DRAFT).getResultList()) {
            long n = ((Number) row[2]).longValue();
            DossierState s = (DossierState) row[0];
            byState.merge(s.name(), n, Long::sum);
            if (s.underInstruction() && row[1] != null) {
                byWaiting.merge(((WaitingOn) row[1]).name(), n, Long::sum);
            }
        }
        return new Queue(items, byState, byWaiting);
    }

    private QueueItem item(EntityManager em, DossierEntity d) {
        Instant submitted = d.submittedAt == null ? d.createdAt.toInstant() : d.submittedAt.toInstant();
        return new QueueItem(d.id, d.reference, d.schemeId, desk.schemes.title(d.schemeId, d.schemeVersion),
                d.state().name(), AccountViews.person(em, d.applicantId), AccountViews.person(em, d.assigneeId()),
                d.waitingOn() == null ? null : d.waitingOn().name(), submitted,
                ChronoUnit.DAYS.between(submitted.atZone(Desk.PARIS).toLocalDate(), desk.today()),
                d.deadline() == null ? null : d.deadline().toLocalDate(), d.version);
    }

    List<Workload> workloads(EntityManager em, Caller supervisor) {
        if (!supervisor.has(Role.SUPERVISOR) || supervisor.assistance() != null) {
            throw GuichetException.forbidden("SUPERVISOR_ONLY", "Réservé aux responsables d'instruction.");
        }
        List<Workload> out = new ArrayList<>();
        Timestamp since = Timestamp.from(desk.clock.instant().minus(Duration.ofDays(30)));
        for (AccountEntity a : em.createQuery("select a from AccountEntity a where a.roles like '%AGENT%' order by"
                + " a.displayName", AccountEntity.class).getResultList()) {
            Set<String> schemes = AccountViews.schemes(a);
            if (schemes.stream().noneMatch(supervisor.schemes()::contains)) {
                continue;
            }
            Map<String, Long> byState = new TreeMap<>();
            for (Object[] row : em.createQuery("select d.state, count(d) from DossierEntity d where d.assigneeId = :a"
                    + " group by d.state", Object[].class).setParameter("a", a.id).getResultList()) {
                byState.put(((DossierState) row[0]).name(), ((Number) row[1]).longValue());
            }
            long active = OPEN.stream().mapToLong(s -> byState.getOrDefault(s.name(), 0L)).sum();
            List<PhoneCallEntity> calls = em.createQuery("select c from PhoneCallEntity c where c.agentId = :a and"
                    + " c.startedAt >= :since", PhoneCallEntity.class).setParameter("a", a.id)
                    .setParameter("since", since).getResultList();
            long minutes = calls.stream().mapToLong(c -> PhoneCalls.seconds(c, desk.clock.instant())).sum() / 60;
            out.add(new Workload(AccountViews.person(a), schemes, active, byState, calls.size(), minutes));
        }
        return out;
    }

}
