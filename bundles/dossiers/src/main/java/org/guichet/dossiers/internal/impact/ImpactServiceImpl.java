package org.guichet.dossiers.internal.impact;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.persistence.EntityManagerFactory;
import org.guichet.api.accounts.Caller;
import org.guichet.api.impact.ImpactChange;
import org.guichet.api.impact.ImpactChanges;
import org.guichet.api.impact.ImpactResults;
import org.guichet.api.impact.ImpactRun;
import org.guichet.api.impact.ImpactRunState;
import org.guichet.api.impact.ImpactService;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.jpa.ImpactChangeEntity;
import org.guichet.dossiers.internal.jpa.ImpactRunEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Impact runs in the background: a thin component over {@link ImpactRuns} (start, reads) and {@link Replay} (one
 * page of dossiers), with one worker thread, so that a run never competes with itself and leaves the other core to
 * the portal's requests. Progress is committed every page; a dossier whose replay fails is counted and listed, never
 * fatal; the candidate disappearing or the database failing ends the run FAILED. On activation, runs a stopped
 * portal left unfinished are marked FAILED (nothing would ever end them).
 */
@Component(service = ImpactService.class)
public class ImpactServiceImpl implements ImpactService {
    private static final Logger LOG = LoggerFactory.getLogger(ImpactServiceImpl.class);

    private final Tx tx;
    private final SchemeRegistry registry;
    private final ImpactRuns runs;
    private final Replay replay;
    private final Clock clock;
    private final Executor worker;
    private volatile boolean stopping;

    @Activate
    public ImpactServiceImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference SchemeRegistry registry,
            @Reference EvaluationService evaluation) {
        // the Database reference is only an order: it is registered once every migration is applied, so that the
        // runs table exists when activation marks interrupted runs (CI saw the service missing for good without it)
        this(emf, registry, evaluation, Clock.systemUTC(), Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "guichet-impact");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        }));
    }

    /** For tests: a clock and a worker of one's own ({@code Runnable::run} runs a run inside {@link #start}). */
    public ImpactServiceImpl(EntityManagerFactory emf, SchemeRegistry registry, EvaluationService evaluation,
            Clock clock, Executor worker) {
        this.tx = new Tx(emf);
        this.registry = registry;
        this.runs = new ImpactRuns(registry, clock);
        // the machine's cores, two at most: a run must leave room for the portal's requests
        this.replay = new Replay(evaluation, Math.min(2, Runtime.getRuntime().availableProcessors()));
        this.clock = clock;
        this.worker = worker;
        int failed = tx.call(runs::failInterrupted);
        if (failed > 0) {
            LOG.warn("{} impact run(s) interrupted by the last stop marked FAILED", failed);
        }
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        replay.close();
        if (worker instanceof ExecutorService s) {
            s.shutdown();
            try {
                if (!s.awaitTermination(10, TimeUnit.SECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public ImpactRun start(Caller staff, String schemeId, String candidateVersion, LocalDate from, LocalDate to) {
        ImpactRun run = tx.call(em -> runs.start(em, staff, schemeId, candidateVersion, from, to));
        LOG.info("Impact run {} of {} {} queued by account {} ({} to {})", run.id(), schemeId, candidateVersion,
                staff.accountId(), from, to);
        try {
            worker.execute(() -> execute(run.id()));
        } catch (RejectedExecutionException e) {
            tx.run(em -> runs.end(em, em.find(ImpactRunEntity.class, run.id()), ImpactRunState.FAILED,
                    "Le guichet s'arrête : relancez le calcul.", null));
        }
        return run;
    }

    /** The whole run, on the worker thread. */
    void execute(long runId) {
        long started = System.nanoTime();
        long engineBefore = replay.evaluationNanos.sum();
        Tally tally = new Tally();
        try {
            boolean go = tx.call(em -> {
                ImpactRunEntity r = em.find(ImpactRunEntity.class, runId);
                if (r == null || r.state != ImpactRunState.QUEUED) {
                    return false;
                }
                r.totalCount = Replay.count(em, r);
                r.state = ImpactRunState.RUNNING;
                r.startedAt = Timestamp.from(clock.instant());
                return true;
            });
            if (!go) {
                return;
            }
            while (true) {
                if (stopping) {
                    throw new IllegalStateException("Interrompu par l'arrêt du guichet : relancez le calcul.");
                }
                List<Outcome> page = tx.call(em -> replay.page(em, em.find(ImpactRunEntity.class, runId)));
                if (page.isEmpty()) {
                    break;
                }
                page.forEach(tally::add);
            }
            ImpactRun done = tx.call(em -> {
                ImpactRunEntity r = em.find(ImpactRunEntity.class, runId);
                runs.end(em, r, ImpactRunState.DONE, null, Json.write(tally.results(null)));
                return ImpactRuns.view(r);
            });
            LOG.info("Impact run {} of {} {}: {} dossiers replayed in {} ms, of which {} ms in the rules engine ({}"
                    + " failed)", runId, done.schemeId(), done.candidateVersion(), done.done(),
                    (System.nanoTime() - started) / 1_000_000, (replay.evaluationNanos.sum() - engineBefore) / 1_000_000,
                    done.failed());
        } catch (RuntimeException e) {
            String why = e instanceof Replay.CandidateGone
                    ? "La version candidate n'est plus disponible : " + e.getMessage()
                    : e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().startsWith("Interrompu")
                            ? e.getMessage() : "Échec du calcul : " + e;
            LOG.warn("Impact run {} failed: {}", runId, e.toString(), e);
            try {
                tx.run(em -> runs.end(em, em.find(ImpactRunEntity.class, runId), ImpactRunState.FAILED, why, null));
            } catch (RuntimeException again) {
                LOG.error("Impact run {} could not be marked FAILED (it will be at the next start): {}", runId,
                        again.toString());
            }
        }
    }

    @Override
    public boolean isCandidate(String schemeId, String version) {
        return ImpactCandidates.find(registry, schemeId, version).isPresent();
    }

    @Override
    public ImpactRun run(Caller staff, long runId) {
        return tx.call(em -> ImpactRuns.view(runs.readable(em, staff, runId)));
    }

    @Override
    public Optional<ImpactRun> latest(Caller staff, String schemeId, String candidateVersion) {
        return runs(staff, schemeId, candidateVersion).stream().findFirst();
    }

    @Override
    public List<ImpactRun> runs(Caller staff, String schemeId, String candidateVersion) {
        return tx.call(em -> runs.runs(em, staff, schemeId, candidateVersion));
    }

    @Override
    public ImpactResults results(Caller staff, long runId) {
        return tx.call(em -> runs.results(em, staff, runId));
    }

    @Override
    public ImpactChanges changes(Caller staff, long runId, int page, int size) {
        return tx.call(em -> runs.changes(em, staff, runId, page, size));
    }

    @Override
    public void eachChange(Caller staff, long runId, Consumer<ImpactChange> sink) {
        tx.run(em -> runs.readable(em, staff, runId));
        long after = Long.MIN_VALUE;
        while (true) {
            long from = after;
            List<ImpactChangeEntity> page = tx.call(em -> runs.changesAfter(em, runId, from, ImpactRuns.MAX_PAGE_SIZE));
            if (page.isEmpty()) {
                return;
            }
            page.forEach(c -> sink.accept(ImpactRuns.view(c)));
            after = page.get(page.size() - 1).id;
        }
    }
}
