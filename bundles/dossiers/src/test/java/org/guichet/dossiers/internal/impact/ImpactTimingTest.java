package org.guichet.dossiers.internal.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.impact.ImpactRun;
import org.guichet.api.impact.ImpactRunState;
import org.guichet.dossiers.testing.TestPortal;
import org.guichet.dossiers.testing.TestSchemes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The time of an impact run on a campaign's volume, printed, never asserted (the figure depends on the machine and
 * on what else runs on it). On demand only:
 * {@code mvn -pl bundles/dossiers test -Dtest=ImpactTimingTest -Dguichet.impact.timing=100000} (in-memory Derby),
 * {@code -Dguichet.impact.timing.db=postgresql} with GUICHET_TEST_POSTGRES_URL for PostgreSQL. The population is
 * {@link Population}'s (vocational-training, varied answers, every submitted one with its stored evaluation).
 */
@EnabledIfSystemProperty(named = "guichet.impact.timing", matches = "\\d+")
class ImpactTimingTest {
    @Test
    void aCampaignsVolume() throws Exception {
        int n = Integer.parseInt(System.getProperty("guichet.impact.timing"));
        TestPortal.Kind kind = "postgresql".equalsIgnoreCase(System.getProperty("guichet.impact.timing.db"))
                ? TestPortal.Kind.POSTGRESQL : TestPortal.Kind.DERBY;
        TestSchemes schemes = Candidate.schemes();
        try (TestPortal portal = new TestPortal(kind)) {
            Caller admin = portal.caller(portal.insertAccount("admin@region.example", "Admin", Set.of(Role.ADMIN),
                    Set.of(), null));
            long t0 = System.nanoTime();
            List<Population.Row> rows = Population.generate(portal.dataSource(), schemes, "1.0.0", n, 2026);
            long generated = System.nanoTime() - t0;
            ImpactServiceImpl impact = new ImpactServiceImpl(portal.emf(), schemes, schemes, Clock.systemUTC(),
                    Runnable::run);
            long t1 = System.nanoTime();
            ImpactRun run = impact.start(admin, Population.VT, Candidate.VERSION, Population.PERIOD_START,
                    Population.PERIOD_END);
            long ran = System.nanoTime() - t1;
            run = impact.run(admin, run.id());
            assertEquals(ImpactRunState.DONE, run.state(), run.error());
            assertEquals(rows.stream().filter(Population.Row::replayed).count(), run.done());
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf("[impact timing] %s: %d dossiers generated in %d s; run of %d dossiers (%d changed) in"
                    + " %.1f s = %.0f dossiers/s; %d processors, load average %.1f%n", kind, n,
                    generated / 1_000_000_000L, run.done(), impact.changes(admin, run.id(), 1, 1).total(),
                    ran / 1e9, run.done() / (ran / 1e9), Runtime.getRuntime().availableProcessors(), load);
        }
    }
}
