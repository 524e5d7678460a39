package org.guichet.dossiers.internal.impact;

import static org.guichet.dossiers.internal.impact.Population.PERIOD_END;
import static org.guichet.dossiers.internal.impact.Population.PERIOD_START;
import static org.guichet.dossiers.internal.impact.Population.VT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;
import org.guichet.api.impact.ImpactChange;
import org.guichet.api.impact.ImpactResults;
import org.guichet.api.impact.ImpactResults.AmountBand;
import org.guichet.api.impact.ImpactResults.Count;
import org.guichet.api.impact.ImpactRun;
import org.guichet.api.impact.ImpactRunState;
import org.guichet.dossiers.testing.TestPortal;
import org.guichet.dossiers.testing.TestSchemes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The impact of a candidate version (issue 17, points 6 and 7): a changed bracket and a changed eligibility
 * threshold replayed on a generated population, checked against counts made here from the generated answers; the
 * run never writes a dossier; who may run it; one run at a time per version; a failing dossier is counted; a run
 * interrupted by a stop is FAILED at the next start.
 */
class ImpactRunTest {
    static TestSchemes schemes;
    TestPortal portal;
    Caller admin;

    TestPortal.Kind kind() {
        return TestPortal.Kind.DERBY;
    }

    @BeforeAll
    static void compile() {
        schemes = Candidate.schemes();
        assertTrue(schemes.info(VT, Candidate.VERSION).isPresent(), "the candidate is installed");
        assertEquals("1.0.0", schemes.info(VT, null).orElseThrow().version(), "new dossiers keep getting 1.0.0");
    }

    @BeforeEach
    void start() {
        portal = new TestPortal(kind());
        admin = portal.caller(portal.insertAccount("admin@region.example", "Adèle Admin", Set.of(Role.ADMIN), Set.of(),
                null));
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    /** A service whose runs happen inside start (the worker is the calling thread). */
    ImpactServiceImpl inline() {
        return new ImpactServiceImpl(portal.emf(), schemes, schemes, Clock.systemUTC(), Runnable::run);
    }

    /** A service whose worker never runs anything: runs stay QUEUED, as when the portal stops at once. */
    ImpactServiceImpl stalled() {
        return new ImpactServiceImpl(portal.emf(), schemes, schemes, Clock.systemUTC(), work -> { });
    }

    @Test
    void aChangedBracketAndThresholdCountAsTheGeneratedAnswersSay() throws Exception {
        List<Population.Row> rows = Population.generate(portal.dataSource(), schemes, "1.0.0", 3000, 17);
        List<String> dossiers = Population.dump(portal.dataSource(), "DOSSIER");
        List<String> events = Population.dump(portal.dataSource(), "ACTIVITY_EVENT");

        ImpactServiceImpl impact = inline();
        ImpactRun queued = impact.start(admin, VT, Candidate.VERSION, PERIOD_START, PERIOD_END);
        assertEquals(ImpactRunState.QUEUED, queued.state());
        ImpactRun run = impact.run(admin, queued.id());
        assertEquals(ImpactRunState.DONE, run.state(), "error: " + run.error());
        assertEquals("1.0.0", run.baselineVersion());

        // the independent count, from the answers alone
        int replayed = 0;
        int becameIneligible = 0;
        int tooShortGained = 0;
        int raised = 0;
        for (Population.Row r : rows) {
            if (!r.replayed()) {
                continue;
            }
            replayed++;
            boolean shortNow = r.hours() > Candidate.HOURS_BEFORE && r.hours() <= Candidate.HOURS_AFTER;
            tooShortGained += shortNow ? 1 : 0;
            boolean eligibleBefore = !r.benefit() && r.hours() > Candidate.HOURS_BEFORE;
            becameIneligible += eligibleBefore && shortNow ? 1 : 0;
            boolean inBracket = Boolean.TRUE.equals(r.answers().get("taxNoticeProvided"))
                    && !Boolean.TRUE.equals(r.answers().get("singleParent"))
                    && r.familyQuotient().compareTo(new BigDecimal("1000")) > 0
                    && r.familyQuotient().compareTo(new BigDecimal("1500")) <= 0;
            raised += eligibleBefore && !shortNow && inBracket ? 1 : 0;
        }
        assertTrue(raised > 50 && becameIneligible > 50, "the population exercises both changes: " + raised + ", "
                + becameIneligible);
        assertEquals(replayed, run.done(), "every submitted dossier of the period, drafts and withdrawn ones aside");
        assertEquals(replayed, run.total());
        assertEquals(0, run.failed());

        ImpactResults results = impact.results(admin, run.id());
        assertEquals(replayed, results.replayed());
        assertEquals(0, results.becameEligible());
        assertEquals(becameIneligible, results.becameIneligible());
        assertEquals(List.of(new Count("TRAINING_TOO_SHORT", results.reasonsGained().get(0).label(), tooShortGained)),
                results.reasonsGained());
        assertTrue(results.reasonsGained().get(0).label().contains("formation"), results.reasonsGained().toString());
        assertEquals(List.of(), results.reasonsLost());
        // every dossier made ineligible loses its whole amount; every raised one gains 30 € × its months (prorated)
        int increases = 0;
        int decreases = 0;
        int unchanged = 0;
        for (AmountBand b : results.amountBands()) {
            if (b.from() != null && b.from().signum() == 0 && b.to() != null && b.to().signum() == 0) {
                unchanged += b.count();
            } else if (b.to() != null && b.to().signum() <= 0) {
                decreases += b.count();
            } else {
                increases += b.count();
            }
        }
        assertEquals(raised, increases, "increases: " + results.amountBands());
        assertEquals(becameIneligible, decreases, "decreases: " + results.amountBands());
        assertEquals(replayed - raised - becameIneligible, unchanged);
        // 30 € for about five and a half months: every increase is in the band from 100 to 500 €
        AmountBand hundredToFiveHundred = results.amountBands().stream()
                .filter(b -> b.from() != null && b.from().compareTo(new BigDecimal("100")) == 0).findFirst()
                .orElseThrow();
        assertEquals(raised, hundredToFiveHundred.count());
        assertEquals(raised + tooShortGained, results.changed(), "changed: raised, or refused for a short training");
        // the totals per month add up to the totals
        BigDecimal monthsBefore = results.months().stream().map(ImpactResults.MonthTotal::before)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal monthsAfter = results.months().stream().map(ImpactResults.MonthTotal::after)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, monthsBefore.compareTo(results.totalBefore()), monthsBefore + " vs " + results.totalBefore());
        assertEquals(0, monthsAfter.compareTo(results.totalAfter()));
        assertEquals("2026-09", results.months().get(0).month());

        // the changed dossiers, for agents: one per changed dossier, whole pages and the export agree
        assertEquals(results.changed(), impact.changes(admin, run.id(), 1, 50).total());
        List<ImpactChange> all = new ArrayList<>();
        impact.eachChange(admin, run.id(), all::add);
        assertEquals(results.changed(), all.size());
        ImpactChange first = all.get(0);
        assertNotNull(first.reference());
        assertTrue(first.reference().startsWith("VT-2026-"));

        // nothing of a dossier was written, no event recorded
        assertEquals(dossiers, Population.dump(portal.dataSource(), "DOSSIER"));
        assertEquals(events, Population.dump(portal.dataSource(), "ACTIVITY_EVENT"));
    }

    /**
     * Tax data DGFIP gave replaces the tax notice: the dossier's stored evaluation asks for no TAX_NOTICE, and the
     * replay must pass the answers' sources as the dossier's own evaluations do, or the notice shows as "added" on
     * every sourced dossier though the candidate changed nothing about documents.
     */
    @Test
    void answersAnAdministrationGaveAreReplayedWithTheirSource() throws Exception {
        List<Population.Row> rows = Population.generate(portal.dataSource(), schemes, "1.0.0", 400, 29);
        String tag = org.guichet.api.scheme.AnswerSource.DGFIP.tag(java.time.Instant.parse("2026-08-20T08:00:00Z"));
        java.util.Map<String, org.guichet.api.scheme.AnswerSource> dgfip = java.util.Map.of(
                "taxNoticeProvided", org.guichet.api.scheme.AnswerSource.DGFIP,
                "referenceTaxIncome", org.guichet.api.scheme.AnswerSource.DGFIP,
                "taxShares", org.guichet.api.scheme.AnswerSource.DGFIP);
        List<Long> sourced = new ArrayList<>();
        List<Long> untouchedByTheCandidate = new ArrayList<>();
        for (Population.Row r : rows) {
            if (!r.replayed() || !Boolean.TRUE.equals(r.answers().get("taxNoticeProvided")) || sourced.size() >= 120) {
                continue;
            }
            // stored as submission stores it: with the sources, so without the tax notice
            org.guichet.api.scheme.Evaluation stored = schemes.evaluate(VT, "1.0.0", r.answers(),
                    java.util.Locale.FRENCH, org.guichet.api.scheme.EvaluationContext.person(List.of())
                            .withSourcedAnswers(dgfip));
            assertTrue(stored.requiredDocuments().stream().noneMatch(d -> d.id().equals("TAX_NOTICE")),
                    "the notice is replaced: " + stored.requiredDocuments());
            portal.update("UPDATE DOSSIER SET ANSWER_SOURCES = ?, EVALUATION = ? WHERE ID = ?",
                    org.guichet.dossiers.internal.Json.write(java.util.Map.of("taxNoticeProvided", tag,
                            "referenceTaxIncome", tag, "taxShares", tag)),
                    org.guichet.dossiers.internal.Json.write(stored), r.id());
            sourced.add(r.id());
            boolean inBracket = !Boolean.TRUE.equals(r.answers().get("singleParent"))
                    && r.familyQuotient().compareTo(new BigDecimal("1000")) > 0
                    && r.familyQuotient().compareTo(new BigDecimal("1500")) <= 0;
            if (r.hours() > Candidate.HOURS_AFTER && !inBracket) {
                untouchedByTheCandidate.add(r.id());
            }
        }
        assertTrue(sourced.size() > 50 && untouchedByTheCandidate.size() > 20,
                sourced.size() + " sourced, " + untouchedByTheCandidate.size() + " untouched");

        ImpactServiceImpl impact = inline();
        ImpactRun run = impact.run(admin, impact.start(admin, VT, Candidate.VERSION, PERIOD_START, PERIOD_END).id());
        assertEquals(ImpactRunState.DONE, run.state(), "error: " + run.error());
        ImpactResults results = impact.results(admin, run.id());
        assertEquals(List.of(), results.documentsAdded(), "the candidate asks for no new document");
        List<ImpactChange> all = new ArrayList<>();
        impact.eachChange(admin, run.id(), all::add);
        List<Long> listed = all.stream().map(ImpactChange::dossierId).filter(untouchedByTheCandidate::contains)
                .toList();
        assertEquals(List.of(), listed, "dossiers the candidate does not change are not listed");
    }

    @Test
    void onlyAdminsAndTheSchemesSupervisorsSeeTheImpact() throws Exception {
        ImpactServiceImpl impact = inline();
        Caller supervisor = portal.caller(portal.insertAccount("sup@region.example", "Sam Sup", Set.of(Role.SUPERVISOR),
                Set.of(VT), null));
        Caller otherSupervisor = portal.caller(portal.insertAccount("dl@region.example", "Dan Dl",
                Set.of(Role.SUPERVISOR), Set.of("driving-licence"), null));
        Caller agent = portal.caller(portal.insertAccount("agent@region.example", "Ali Agent", Set.of(Role.AGENT),
                Set.of(VT), null));
        Caller applicant = portal.caller(portal.insertAccount("lea@example.fr", "Léa", Set.of(Role.APPLICANT), Set.of(),
                null));
        for (Caller c : List.of(agent, applicant, otherSupervisor)) {
            GuichetException e = assertThrows(GuichetException.class,
                    () -> impact.start(c, VT, Candidate.VERSION, PERIOD_START, PERIOD_END));
            assertEquals(GuichetException.Kind.FORBIDDEN, e.kind(), c.email());
            assertEquals("IMPACT_FORBIDDEN", e.code());
        }
        ImpactRun run = impact.start(supervisor, VT, Candidate.VERSION, PERIOD_START, PERIOD_END);
        assertEquals(ImpactRunState.DONE, impact.run(supervisor, run.id()).state());
        assertEquals(1, impact.runs(admin, VT, Candidate.VERSION).size());
        for (Caller c : List.of(agent, applicant)) {
            assertEquals(GuichetException.Kind.FORBIDDEN, assertThrows(GuichetException.class,
                    () -> impact.run(c, run.id())).kind());
            assertEquals(GuichetException.Kind.FORBIDDEN, assertThrows(GuichetException.class,
                    () -> impact.results(c, run.id())).kind());
        }
        // a supervisor of another scheme does not learn the run exists
        assertEquals(GuichetException.Kind.NOT_FOUND, assertThrows(GuichetException.class,
                () -> impact.changes(otherSupervisor, run.id(), 1, 10)).kind());
        assertEquals(GuichetException.Kind.FORBIDDEN, assertThrows(GuichetException.class,
                () -> impact.runs(otherSupervisor, VT, Candidate.VERSION)).kind());
    }

    @Test
    void onlyACandidateOverAPeriodIsReplayed() {
        ImpactServiceImpl impact = inline();
        GuichetException served = assertThrows(GuichetException.class,
                () -> impact.start(admin, VT, "1.0.0", PERIOD_START, PERIOD_END));
        assertEquals("IMPACT_CANDIDATE_NOT_FOUND", served.code(), "the version new dossiers get is no candidate");
        assertEquals(GuichetException.Kind.NOT_FOUND, served.kind());
        assertEquals("IMPACT_CANDIDATE_NOT_FOUND", assertThrows(GuichetException.class,
                () -> impact.start(admin, VT, "7.0.0", PERIOD_START, PERIOD_END)).code());
        assertEquals("IMPACT_CANDIDATE_NOT_FOUND", assertThrows(GuichetException.class,
                () -> impact.start(admin, "driving-licence", Candidate.VERSION, PERIOD_START, PERIOD_END)).code());
        GuichetException reversed = assertThrows(GuichetException.class,
                () -> impact.start(admin, VT, Candidate.VERSION, PERIOD_END, PERIOD_START));
        assertEquals("PERIOD_REVERSED", reversed.code());
        assertEquals("to", reversed.field());
        assertEquals("PERIOD_REQUIRED", assertThrows(GuichetException.class,
                () -> impact.start(admin, VT, Candidate.VERSION, null, PERIOD_END)).code());
        assertEquals("PERIOD_TOO_LONG", assertThrows(GuichetException.class,
                () -> impact.start(admin, VT, Candidate.VERSION, PERIOD_START, PERIOD_START.plusYears(4))).code());
        assertTrue(impact.runs(admin, VT, Candidate.VERSION).isEmpty(), "nothing recorded");
    }

    @Test
    void twoPeopleStartingAtOnceMakeOneRunAndTheOthersAreToldItRuns() {
        ImpactServiceImpl impact = stalled();
        Caller second = portal.caller(portal.insertAccount("admin2@region.example", "Bob Admin", Set.of(Role.ADMIN),
                Set.of(), null));
        List<TestPortal.Outcome<ImpactRun>> outcomes = TestPortal.race(6,
                i -> impact.start(i % 2 == 0 ? admin : second, VT, Candidate.VERSION, PERIOD_START, PERIOD_END));
        List<ImpactRun> started = outcomes.stream().filter(TestPortal.Outcome::ok).map(TestPortal.Outcome::value)
                .toList();
        assertEquals(1, started.size(), "one run: " + outcomes);
        for (TestPortal.Outcome<ImpactRun> o : outcomes) {
            if (!o.ok()) {
                GuichetException e = assertThrowsGuichet(o.failure());
                assertEquals("IMPACT_RUNNING", e.code(), String.valueOf(o.failure()));
                assertEquals(started.get(0).id(), ((Number) e.details().get("runId")).longValue());
            }
        }
        assertEquals(1, impact.runs(admin, VT, Candidate.VERSION).size());
    }

    static GuichetException assertThrowsGuichet(Throwable t) {
        assertTrue(t instanceof GuichetException, "a refusal, not " + t);
        return (GuichetException) t;
    }

    @Test
    void aRunInterruptedByAStopIsFailedAtTheNextStartAndTheVersionCanBeRunAgain() {
        ImpactServiceImpl stopped = stalled();
        ImpactRun queued = stopped.start(admin, VT, Candidate.VERSION, PERIOD_START, PERIOD_END);
        assertEquals("IMPACT_RUNNING", assertThrows(GuichetException.class,
                () -> stopped.start(admin, VT, Candidate.VERSION, PERIOD_START, PERIOD_END)).code());
        // the portal restarts: the new service finds the run its worker will never end
        ImpactServiceImpl restarted = inline();
        ImpactRun failed = restarted.run(admin, queued.id());
        assertEquals(ImpactRunState.FAILED, failed.state());
        assertTrue(failed.error().contains("redémarrage"), failed.error());
        ImpactRun again = restarted.start(admin, VT, Candidate.VERSION, PERIOD_START, PERIOD_END);
        assertEquals(ImpactRunState.DONE, restarted.run(admin, again.id()).state(), "the version's slot was freed");
    }

    @Test
    void aDossierTheCandidateCannotEvaluateIsCountedAndListedNotFatal() throws Exception {
        List<Population.Row> rows = Population.generate(portal.dataSource(), schemes, "1.0.0", 200, 3);
        Population.Row broken = rows.stream().filter(Population.Row::replayed).findFirst().orElseThrow();
        portal.update("UPDATE DOSSIER SET ANSWERS = ? WHERE ID = ?", "{\"trainingHours\":\"beaucoup\"}", broken.id());
        ImpactServiceImpl impact = inline();
        ImpactRun run = impact.run(admin, impact.start(admin, VT, Candidate.VERSION, PERIOD_START, PERIOD_END).id());
        assertEquals(ImpactRunState.DONE, run.state());
        assertEquals(1, run.failed());
        ImpactResults results = impact.results(admin, run.id());
        assertEquals(1, results.failed());
        assertEquals(rows.stream().filter(Population.Row::replayed).count() - 1, results.replayed());
        ImpactChange listed = impact.changes(admin, run.id(), 1, 500).items().stream()
                .filter(c -> c.dossierId() == broken.id()).findFirst().orElseThrow();
        assertNotNull(listed.error());
        assertTrue(listed.error().contains("0.9.0"), listed.error());
    }

    @Test
    void aBackgroundRunShowsItsProgressAndEnds() throws Exception {
        Population.generate(portal.dataSource(), schemes, "1.0.0", 1200, 5);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            ImpactServiceImpl impact = new ImpactServiceImpl(portal.emf(), schemes, schemes, Clock.systemUTC(), worker);
            ImpactRun run = impact.start(admin, VT, Candidate.VERSION, PERIOD_START, PERIOD_END);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<Integer> seen = new ArrayList<>();
            while (run.state().underWay() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                run = impact.run(admin, run.id());
                seen.add(run.percent());
            }
            assertEquals(ImpactRunState.DONE, run.state());
            assertEquals(100, run.percent());
            assertTrue(run.total() > 500, "more than a page: " + run.total());
            assertNotNull(run.endedAt());
            System.out.println("[impact] progress seen while running: " + seen.stream().distinct().toList());
        } finally {
            worker.shutdown();
            worker.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
