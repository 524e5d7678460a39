package org.guichet.dossiers.internal.instruction;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.guichet.dossiers.internal.shared.Preload;

/** The agents' queue across their schemes, and supervisors' view of workloads. */
final class Queues {
    static final List<DossierState> OPEN = List.of(DossierState.SUBMITTED, DossierState.IN_REVIEW,
            DossierState.WAITING_COMPLEMENT);
    static final Set<DossierState> LISTABLE = Set.of(DossierState.SUBMITTED, DossierState.IN_REVIEW,
            DossierState.WAITING_COMPLEMENT, DossierState.GRANTED, DossierState.REFUSED, DossierState.WITHDRAWN,
            DossierState.CLOSED);

    /** the oldest dossiers a queue shows at once */
    static final int PAGE = 500;

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
        // One query per (scheme, state): each reads the (scheme, state, submitted) index in order and stops after the
        // page, instead of one query sorting every open dossier of every scheme; the pages are then merged here.
        // Only the columns a queue line shows are read: never the answers, evaluation and receipt of 500 dossiers.
        StringBuilder q = new StringBuilder("select d.id, d.reference, d.schemeId, d.schemeVersion, d.state,"
                + " d.applicantId, d.assigneeId, d.waitingOn, d.submittedAt, d.createdAt, d.deadline, d.version"
                + " from DossierEntity d where d.schemeId = :scheme and d.state = :state");
        Map<String, Object> p = new LinkedHashMap<>();
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
        q.append(" order by d.submittedAt");
        List<String> schemes = agent.schemes().stream().filter(x -> f.schemeId() == null || x.equals(f.schemeId()))
                .sorted().toList();
        List<DossierState> states = state != null ? List.of(state) : OPEN;
        List<Object[]> rows = new ArrayList<>();
        for (String scheme : schemes) {
            for (DossierState st : states) {
                TypedQuery<Object[]> query = em.createQuery(q.toString(), Object[].class).setMaxResults(PAGE);
                p.forEach(query::setParameter);
                rows.addAll(query.setParameter("scheme", scheme).setParameter("state", st).getResultList());
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (Timestamp) r[8], Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(r -> (Long) r[0]));
        if (rows.size() > PAGE) {
            rows = new ArrayList<>(rows.subList(0, PAGE));
        }
        List<Long> people = new ArrayList<>();
        rows.forEach(r -> {
            people.add((Long) r[5]);
            people.add((Long) r[6]);
        });
        Preload.all(em, AccountEntity.class, people);
        List<QueueItem> items = rows.stream().map(r -> item(em, r)).toList();
        // counts of the dossiers under instruction, by state and by whom they wait on (decided ones are archives:
        // counting their hundred thousand rows at each queue load is what made it slow)
        Map<String, Long> byState = new TreeMap<>();
        for (Object[] row : em.createQuery("select d.state, count(d) from DossierEntity d where d.schemeId in :schemes"
                + " and d.state in :open group by d.state", Object[].class).setParameter("schemes", agent.schemes())
                .setParameter("open", OPEN).getResultList()) {
            byState.merge(((DossierState) row[0]).name(), ((Number) row[1]).longValue(), Long::sum);
        }
        Map<String, Long> byWaiting = new TreeMap<>();
        for (Object[] row : em.createQuery("select d.waitingOn, count(d) from DossierEntity d where d.schemeId in"
                + " :schemes and d.state in :open and d.waitingOn is not null group by d.waitingOn", Object[].class)
                .setParameter("schemes", agent.schemes()).setParameter("open", OPEN).getResultList()) {
            byWaiting.merge(((WaitingOn) row[0]).name(), ((Number) row[1]).longValue(), Long::sum);
        }
        return new Queue(items, byState, byWaiting);
    }

    /** A queue line from the projected columns (see the query). */
    private QueueItem item(EntityManager em, Object[] r) {
        Timestamp submittedAt = (Timestamp) r[8];
        Instant submitted = submittedAt == null ? ((Timestamp) r[9]).toInstant() : submittedAt.toInstant();
        Date deadline = (Date) r[10];
        return new QueueItem((Long) r[0], (String) r[1], (String) r[2], desk.schemes.title((String) r[2],
                (String) r[3]), ((DossierState) r[4]).name(), AccountViews.person(em, (Long) r[5]),
                AccountViews.person(em, (Long) r[6]), r[7] == null ? null : ((WaitingOn) r[7]).name(), submitted,
                ChronoUnit.DAYS.between(submitted.atZone(Desk.PARIS).toLocalDate(), desk.today()),
                deadline == null ? null : deadline.toLocalDate(), ((Number) r[11]).longValue());
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
