package org.guichet.dossiers.internal.impact;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.impact.ImpactChange;
import org.guichet.api.impact.ImpactChanges;
import org.guichet.api.impact.ImpactResults;
import org.guichet.api.impact.ImpactRun;
import org.guichet.api.impact.ImpactRunState;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.jpa.ImpactChangeEntity;
import org.guichet.dossiers.internal.jpa.ImpactRunEntity;

/**
 * Starting a run (one at a time per scheme version, by the IMPACT_SLOT primary key), reading runs, results and
 * changed dossiers, and ending runs. Each method works in the caller's transaction.
 */
final class ImpactRuns {
    /** the longest period a run covers: enough for a campaign and its neighbours, bounded for the machine */
    static final int MAX_DAYS = 3 * 366;
    static final int MAX_PAGE_SIZE = 500;

    private final SchemeRegistry registry;
    private final Clock clock;

    ImpactRuns(SchemeRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Records a QUEUED run and takes the version's slot. Two starts at once both insert the slot: one commits, the
     * other's insert fails on the key (or waits for it, on Derby) and its transaction is replayed by Tx, which then
     * finds the slot taken here and answers 409.
     */
    ImpactRun start(EntityManager em, Caller staff, String schemeId, String version, LocalDate from, LocalDate to) {
        ImpactAccess.require(staff, schemeId);
        SchemeInfo candidate = ImpactCandidates.find(registry, schemeId, version).orElseThrow(() ->
                new GuichetException(Kind.NOT_FOUND, "IMPACT_CANDIDATE_NOT_FOUND", "version", "La version " + version
                        + " de ce dispositif n'est pas une version candidate : seule une version qui n'est pas encore"
                        + " servie aux nouvelles demandes peut être rejouée.", null, Map.of("version", String.valueOf(version))));
        if (from == null) {
            throw GuichetException.invalid("PERIOD_REQUIRED", "from", "Indiquez le premier jour de la période.");
        }
        if (to == null) {
            throw GuichetException.invalid("PERIOD_REQUIRED", "to", "Indiquez le dernier jour de la période.");
        }
        if (to.isBefore(from)) {
            throw GuichetException.invalid("PERIOD_REVERSED", "to",
                    "Le dernier jour de la période vient avant le premier.");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new GuichetException(Kind.INVALID, "PERIOD_TOO_LONG", "to", "La période dépasse trois ans :"
                    + " choisissez une période plus courte.", null, Map.of("maxDays", MAX_DAYS));
        }
        Optional<Long> running = slot(em, schemeId, version);
        if (running.isPresent()) {
            throw running(running.get());
        }
        ImpactRunEntity r = new ImpactRunEntity();
        r.schemeId = schemeId;
        r.candidateVersion = candidate.version();
        r.baselineVersion = registry.served(schemeId, null, null, Audience.PUBLIC).map(SchemeInfo::version).orElse(null);
        r.periodFrom = Date.valueOf(from);
        r.periodTo = Date.valueOf(to);
        r.state = ImpactRunState.QUEUED;
        r.startedBy = staff.accountId();
        r.startedByName = Replay.limit(staff.displayName() == null ? staff.email() : staff.displayName(), 200);
        r.createdAt = Timestamp.from(clock.instant());
        em.persist(r);
        em.flush();
        em.createNativeQuery("INSERT INTO IMPACT_SLOT (SCHEME_ID, CANDIDATE_VERSION, RUN_ID) VALUES (?, ?, ?)")
                .setParameter(1, schemeId).setParameter(2, r.candidateVersion).setParameter(3, r.id).executeUpdate();
        return view(r);
    }

    static GuichetException running(long runId) {
        return new GuichetException(Kind.CONFLICT, "IMPACT_RUNNING", null, "Un calcul d'impact de cette version est"
                + " déjà en cours : suivez-le plutôt que d'en lancer un autre.", null, Map.of("runId", runId));
    }

    static Optional<Long> slot(EntityManager em, String schemeId, String version) {
        List<?> ids = em.createNativeQuery("SELECT RUN_ID FROM IMPACT_SLOT WHERE SCHEME_ID = ? AND CANDIDATE_VERSION = ?")
                .setParameter(1, schemeId).setParameter(2, version).getResultList();
        return ids.stream().findFirst().map(x -> ((Number) x).longValue());
    }

    /** Ends a run (DONE or FAILED) and frees its version's slot. */
    void end(EntityManager em, ImpactRunEntity r, ImpactRunState state, String error, String results) {
        r.state = state;
        r.error = error == null ? null : Replay.limit(error, 2000);
        r.results = results;
        r.endedAt = Timestamp.from(clock.instant());
        em.createNativeQuery("DELETE FROM IMPACT_SLOT WHERE RUN_ID = ?").setParameter(1, r.id).executeUpdate();
    }

    /** At start-up: runs left QUEUED or RUNNING by a stopped portal will never end; they are marked FAILED. */
    int failInterrupted(EntityManager em) {
        List<ImpactRunEntity> left = em.createQuery("select r from ImpactRunEntity r where r.state in :s",
                ImpactRunEntity.class).setParameter("s", List.of(ImpactRunState.QUEUED, ImpactRunState.RUNNING))
                .getResultList();
        for (ImpactRunEntity r : left) {
            end(em, r, ImpactRunState.FAILED, "Interrompu par un redémarrage du guichet : relancez le calcul.", null);
        }
        return left.size();
    }

    /** A run the caller may read (404 for a run of another scheme than hers: existence does not leak). */
    ImpactRunEntity readable(EntityManager em, Caller staff, long runId) {
        ImpactAccess.requireStaff(staff);
        ImpactRunEntity r = em.find(ImpactRunEntity.class, runId);
        if (r == null || !ImpactAccess.may(staff, r.schemeId)) {
            throw GuichetException.notFound("IMPACT_RUN_NOT_FOUND", "Ce calcul d'impact n'existe pas.");
        }
        return r;
    }

    List<ImpactRun> runs(EntityManager em, Caller staff, String schemeId, String version) {
        ImpactAccess.require(staff, schemeId);
        return em.createQuery("select r from ImpactRunEntity r where r.schemeId = :s and r.candidateVersion = :v"
                + " order by r.id desc", ImpactRunEntity.class).setParameter("s", schemeId).setParameter("v", version)
                .setMaxResults(20).getResultList().stream().map(ImpactRuns::view).toList();
    }

    ImpactResults results(EntityManager em, Caller staff, long runId) {
        ImpactRunEntity r = readable(em, staff, runId);
        if (r.state != ImpactRunState.DONE || r.results == null) {
            throw new GuichetException(Kind.CONFLICT, "IMPACT_NOT_DONE", null, "Le calcul d'impact n'est pas terminé :"
                    + " les résultats viendront à la fin.", null, Map.of("state", r.state.name()));
        }
        ImpactResults stored = Json.read(r.results, ImpactResults.class);
        return new ImpactResults(view(r), stored.replayed(), stored.changed(), stored.becameEligible(),
                stored.becameIneligible(), stored.failed(), stored.reasonsGained(), stored.reasonsLost(),
                stored.documentsAdded(), stored.documentsDropped(), stored.amountBands(), stored.months(),
                stored.totalBefore(), stored.totalAfter());
    }

    ImpactChanges changes(EntityManager em, Caller staff, long runId, int page, int size) {
        readable(em, staff, runId);
        int p = Math.max(1, page);
        int s = Math.max(1, Math.min(MAX_PAGE_SIZE, size));
        long total = em.createQuery("select count(c) from ImpactChangeEntity c where c.runId = :r", Long.class)
                .setParameter("r", runId).getSingleResult();
        List<ImpactChange> items = em.createQuery("select c from ImpactChangeEntity c where c.runId = :r order by c.id",
                ImpactChangeEntity.class).setParameter("r", runId).setFirstResult((p - 1) * s).setMaxResults(s)
                .getResultList().stream().map(ImpactRuns::view).toList();
        return new ImpactChanges(items, p, s, total);
    }

    /** The next changed dossiers after a change id (keyset), for exports. */
    List<ImpactChangeEntity> changesAfter(EntityManager em, long runId, long afterId, int size) {
        return em.createQuery("select c from ImpactChangeEntity c where c.runId = :r and c.id > :after order by c.id",
                ImpactChangeEntity.class).setParameter("r", runId).setParameter("after", afterId).setMaxResults(size)
                .getResultList();
    }

    static ImpactRun view(ImpactRunEntity r) {
        return new ImpactRun(r.id, r.schemeId, r.candidateVersion, r.baselineVersion, r.periodFrom.toLocalDate(),
                r.periodTo.toLocalDate(), r.state, r.doneCount, r.totalCount, r.failedCount, r.startedByName,
                r.createdAt.toInstant(), r.startedAt == null ? null : r.startedAt.toInstant(),
                r.endedAt == null ? null : r.endedAt.toInstant(), r.error);
    }

    static ImpactChange view(ImpactChangeEntity c) {
        return new ImpactChange(c.dossierId, c.reference, c.dossierState, bool(c.eligibleBefore),
                bool(c.eligibleAfter), split(c.reasonsGained), split(c.reasonsLost), c.amountBefore, c.amountAfter,
                split(c.documentsAdded), split(c.documentsDropped), c.error);
    }

    private static Boolean bool(Short s) {
        return s == null ? null : s != 0;
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }
}
