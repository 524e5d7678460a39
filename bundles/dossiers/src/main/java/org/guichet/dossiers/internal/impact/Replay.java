package org.guichet.dossiers.internal.impact;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.Installment;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeUnavailableException;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.dossiers.PortalFacts;
import org.guichet.dossiers.internal.jpa.ImpactChangeEntity;
import org.guichet.dossiers.internal.jpa.ImpactRunEntity;
import org.guichet.dossiers.internal.shared.EvaluationDiff;

/**
 * Replays a candidate version on one page of a run's dossiers: reads them (id order, after the run's cursor), each
 * with its stored answers, their sources and the portal facts of its person (one query for the page), evaluates them with the
 * candidate, compares with the evaluation stored on the dossier, writes the changed ones as IMPACT_CHANGE rows and
 * moves the run's cursor and progress. Reads dossiers as plain columns, never as entities: nothing of a dossier can
 * be written back.
 */
final class Replay {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** dossiers per page (and per transaction): progress moves every page */
    static final int PAGE = 500;
    /**
     * The dossiers replayed: every one submitted (a stored evaluation exists), withdrawn ones aside (they will never
     * be decided nor paid).
     */
    static final Set<DossierState> STATES = EnumSet.of(DossierState.SUBMITTED, DossierState.IN_REVIEW,
            DossierState.WAITING_COMPLEMENT, DossierState.GRANTED, DossierState.REFUSED, DossierState.CLOSED);

    /** The candidate went away during the run: nothing more can be replayed. */
    static final class CandidateGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CandidateGone(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final EvaluationService evaluation;
    /** time spent in the engine, for the run's log line (the rest is the database and JSON) */
    final java.util.concurrent.atomic.LongAdder evaluationNanos = new java.util.concurrent.atomic.LongAdder();

    private final java.util.concurrent.ExecutorService helpers;
    private final int threads;

    /**
     * @param threads how many threads evaluate a page at once (the worker and {@code threads - 1} helpers); 1 for
     *                the worker alone
     */
    Replay(EvaluationService evaluation, int threads) {
        this.evaluation = evaluation;
        this.threads = Math.max(1, threads);
        this.helpers = this.threads == 1 ? null : java.util.concurrent.Executors.newFixedThreadPool(this.threads - 1,
                r -> {
                    Thread t = new Thread(r, "guichet-impact-evaluation");
                    t.setDaemon(true);
                    t.setPriority(Thread.NORM_PRIORITY - 1);
                    return t;
                });
    }

    void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }

    static Timestamp startOf(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(PARIS).toInstant());
    }

    /** How many dossiers the run will replay. */
    static int count(EntityManager em, ImpactRunEntity run) {
        return em.createQuery("select count(d) from DossierEntity d where d.schemeId = :s and d.state in :states"
                + " and d.submittedAt >= :from and d.submittedAt < :to", Long.class)
                .setParameter("s", run.schemeId).setParameter("states", STATES)
                .setParameter("from", startOf(run.periodFrom.toLocalDate()))
                .setParameter("to", startOf(run.periodTo.toLocalDate().plusDays(1))).getSingleResult().intValue();
    }

    /**
     * One page, in the caller's transaction: returns the outcomes of the dossiers read (none: the run is over).
     * The tally is the caller's to update once the transaction has committed (a replayed transaction must not count
     * twice).
     */
    List<Outcome> page(EntityManager em, ImpactRunEntity run) {
        List<Object[]> rows = em.createQuery("select d.id, d.reference, d.state, d.applicantId, d.answers,"
                + " d.evaluation, d.answerSources from DossierEntity d where d.schemeId = :s and d.state in :states"
                + " and d.submittedAt >= :from and d.submittedAt < :to and d.id > :after order by d.id", Object[].class)
                .setParameter("s", run.schemeId).setParameter("states", STATES)
                .setParameter("from", startOf(run.periodFrom.toLocalDate()))
                .setParameter("to", startOf(run.periodTo.toLocalDate().plusDays(1)))
                .setParameter("after", run.lastDossierId == null ? Long.MIN_VALUE : run.lastDossierId)
                .setMaxResults(PAGE).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> persons = new HashMap<>();
        rows.forEach(r -> persons.put((Long) r[0], (Long) r[3]));
        Map<Long, EvaluationContext> facts = PortalFacts.ofAll(em, persons);
        List<Outcome> outcomes = evaluateAll(run, rows, facts);
        for (int k = 0; k < rows.size(); k++) {
            Object[] r = rows.get(k);
            long id = (Long) r[0];
            Outcome o = outcomes.get(k);
            if (o.diff() == null || o.diff().changed()) {
                em.persist(change(run.id, id, (String) r[1], String.valueOf(r[2]), o));
            }
            if (o.diff() == null) {
                run.failedCount++;
            }
            run.doneCount++;
            run.lastDossierId = id;
        }
        return outcomes;
    }

    /**
     * The page's dossiers evaluated on the helper threads, in slices (the engine is thread-safe, the work pure); on
     * the calling thread alone without helpers. Writing stays on the transaction's thread.
     */
    private List<Outcome> evaluateAll(ImpactRunEntity run, List<Object[]> rows, Map<Long, EvaluationContext> facts) {
        Outcome[] out = new Outcome[rows.size()];
        int slices = helpers == null ? 1 : threads;
        int size = (rows.size() + slices - 1) / slices;
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += size) {
            int start = from;
            int end = Math.min(rows.size(), from + size);
            Runnable slice = () -> {
                for (int k = start; k < end; k++) {
                    Object[] r = rows.get(k);
                    // with the answers administrations gave, as the dossier's own evaluations had them
                    out[k] = replay(run, (String) r[4], (String) r[5],
                            PortalFacts.withSources(facts.get((Long) r[0]), (String) r[4], (String) r[6]));
                }
            };
            if (helpers == null || end == rows.size()) {
                slice.run();
            } else {
                futures.add(helpers.submit(slice));
            }
        }
        for (java.util.concurrent.Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrompu par l'arrêt du guichet : relancez le calcul.", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException x ? x : new IllegalStateException(e.getCause());
            }
        }
        return List.of(out);
    }

    /** One dossier: a failure of its own (answers the candidate refuses, a rule that throws) is its outcome. */
    Outcome replay(ImpactRunEntity run, String answersJson, String storedJson, EvaluationContext facts) {
        Evaluation before;
        Map<String, Object> answers;
        try {
            before = Json.read(storedJson, Evaluation.class);
            answers = Json.readMap(answersJson);
        } catch (RuntimeException e) {
            return Outcome.failed("Réponses ou évaluation enregistrées illisibles.");
        }
        if (before == null) {
            return Outcome.failed("Aucune évaluation enregistrée à comparer.");
        }
        Evaluation after;
        long t0 = System.nanoTime();
        try {
            // the staff's audience: a candidate is usually a PREVIEW, which applicants are never served
            after = evaluation.evaluate(run.schemeId, run.candidateVersion, null, Audience.STAFF, answers,
                    Locale.FRENCH, facts == null ? EvaluationContext.ANONYMOUS : facts);
        } catch (InvalidAnswersException e) {
            return Outcome.failed("Réponses refusées par la version " + run.candidateVersion + " : "
                    + e.errors().stream().map(AnswerError::field).distinct().collect(Collectors.joining(", ")));
        } catch (SchemeNotFoundException | SchemeUnavailableException e) {
            throw new CandidateGone(e);
        } catch (RuntimeException e) {
            // a rule that fails on this dossier's answers: a defect of the candidate, counted and shown
            return Outcome.failed("Échec de l'évaluation par la version " + run.candidateVersion + " : "
                    + limit(String.valueOf(e.getMessage()), 300));
        } finally {
            evaluationNanos.add(System.nanoTime() - t0);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Evaluation e : List.of(before, after)) {
            e.reasons().forEach(x -> labels.putIfAbsent(x.code(), x.message()));
            e.requiredDocuments().forEach(x -> labels.putIfAbsent(x.id(), x.label()));
        }
        return new Outcome(EvaluationDiff.of(before, after), labels, months(before), months(after), null);
    }

    private static List<Outcome.Month> months(Evaluation e) {
        if (!e.eligible() || e.amount() == null || e.amount().installments() == null) {
            return List.of();
        }
        List<Outcome.Month> out = new ArrayList<>();
        for (Installment i : e.amount().installments()) {
            out.add(new Outcome.Month(i.period(), i.amount()));
        }
        return out;
    }

    private static ImpactChangeEntity change(long runId, long dossierId, String reference, String state, Outcome o) {
        ImpactChangeEntity c = new ImpactChangeEntity();
        c.runId = runId;
        c.dossierId = dossierId;
        c.reference = reference;
        c.dossierState = state;
        c.error = o.error() == null ? null : limit(o.error(), 500);
        EvaluationDiff d = o.diff();
        if (d != null) {
            c.eligibleBefore = d.eligibleBefore() == null ? null : (short) (d.eligibleBefore() ? 1 : 0);
            c.eligibleAfter = (short) (d.eligibleAfter() ? 1 : 0);
            c.reasonsGained = join(d.reasonsGained());
            c.reasonsLost = join(d.reasonsLost());
            c.documentsAdded = join(d.documentsAdded());
            c.documentsDropped = join(d.documentsDropped());
            c.amountBefore = d.amountBefore();
            c.amountAfter = d.amountAfter();
        }
        return c;
    }

    static String join(List<String> codes) {
        return codes.isEmpty() ? null : limit(String.join(",", codes), 1000);
    }

    static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
