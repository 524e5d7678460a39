package org.guichet.dossiers.internal.observatory;

import static org.guichet.dossiers.testing.Guichet.VT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ledger's counters under concurrency: N threads counting the same scheme and day at once (the first of them
 * racing to insert the day's row) lose nothing and count nothing twice. On Derby; PostgresObservatoryCountersTest runs
 * the same on PostgreSQL. And the agent-time method alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservatoryCountersTest {
    static final int THREADS = 12;
    Guichet g;
    ObservatoryServiceImpl observatory;

    protected TestPortal.Kind kind() {
        return TestPortal.Kind.DERBY;
    }

    @BeforeAll
    void start() {
        g = new Guichet(kind());
        observatory = new ObservatoryServiceImpl(g.portal.emf(), g.portal.registry(),
                TestPortal.config(ObservatoryConfig.class, Map.of()), g.clock);
    }

    @AfterAll
    void stop() {
        g.close();
    }

    long day(String scheme, String measure, LocalDate day) {
        return g.portal.queryLong("SELECT COALESCE(SUM(N), 0) FROM OBSERVATORY_DAY WHERE SCHEME_ID = ? AND MEASURE = ?"
                + " AND DAY = ?", scheme, measure, java.sql.Date.valueOf(day));
    }

    @Test
    void simulationsCountedAtOnceAreAllCounted() {
        for (int round = 0; round < 3; round++) {
            // a new day each round: the first increments race to create its row
            g.clock.advance(Duration.ofDays(1));
            LocalDate today = Ledger.day(g.clock.instant());
            var outcomes = TestPortal.race(THREADS, i -> {
                for (int k = 0; k < 5; k++) {
                    observatory.simulated(VT);
                }
                return i;
            });
            assertEquals(List.of(), outcomes.stream().filter(o -> !o.ok()).map(o -> o.failure().toString()).toList());
            assertEquals(THREADS * 5L, day(VT, "SIMULATED", today), "round " + round);
            assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM OBSERVATORY_DAY WHERE SCHEME_ID = ? AND"
                    + " MEASURE = 'SIMULATED' AND DAY = ?", VT, java.sql.Date.valueOf(today)), "one row per day");
        }
    }

    @Test
    void signUpsAtOnceAreAllCounted() {
        // sign-ups are counted on the event's day (the real clock's): compare before and after
        LocalDate today = Ledger.day(Instant.now());
        long before = day(Ledger.ALL_SCHEMES, "ACCOUNT_CREATED", today);
        var outcomes = TestPortal.race(THREADS, i -> g.accounts.signUp("compte" + i + "@example.fr",
                "la mer est calme ce matin", "Compte " + i));
        assertEquals(List.of(), outcomes.stream().filter(o -> !o.ok()).map(o -> o.failure().toString()).toList());
        if (Ledger.day(Instant.now()).equals(today)) {
            assertEquals(before + THREADS, day(Ledger.ALL_SCHEMES, "ACCOUNT_CREATED", today));
        }
    }

    @Test
    void documentsRefusedAtOnceAreAllCounted() {
        List<Caller> people = new java.util.ArrayList<>();
        List<Long> dossiers = new java.util.ArrayList<>();
        String type = null;
        for (int i = 0; i < THREADS; i++) {
            Caller a = g.applicant("Refus" + i);
            Dossier d = g.dossiers.create(a, VT, null);
            people.add(a);
            dossiers.add(d.id());
            type = d.live().checklist().get(0).documentType();
        }
        String t = type;
        long before = g.portal.queryLong("SELECT COALESCE(SUM(N), 0) FROM OBSERVATORY_DOCUMENT WHERE SCHEME_ID = ? AND"
                + " DOCUMENT_TYPE = ? AND OUTCOME = 'REFUSED_AT_UPLOAD'", VT, t);
        var outcomes = TestPortal.race(THREADS, i -> g.dossiers.addDocument(people.get(i), dossiers.get(i), t,
                "note.txt", new ByteArrayInputStream("pas un pdf".getBytes(StandardCharsets.UTF_8)), null));
        assertTrue(outcomes.stream().allMatch(o -> o.failure() instanceof GuichetException ge
                && ge.kind() == GuichetException.Kind.UNSUPPORTED_TYPE), outcomes.toString());
        assertEquals(before + THREADS, g.portal.queryLong("SELECT COALESCE(SUM(N), 0) FROM OBSERVATORY_DOCUMENT WHERE"
                + " SCHEME_ID = ? AND DOCUMENT_TYPE = ? AND OUTCOME = 'REFUSED_AT_UPLOAD'", VT, t));
        assertEquals(THREADS, g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE EVENT_TYPE ="
                + " 'DOCUMENT_REFUSED_AT_UPLOAD' AND DOSSIER_ID >= ?", dossiers.get(0)));
    }

    @Test
    void agentTimeIsTheGapBetweenOnesOwnCloseActionsElseAFlatFiveMinutes() {
        Instant t = Instant.parse("2026-03-02T09:00:00Z");
        assertEquals(300, Ledger.seconds(null, null, 7, t), "a first action");
        assertEquals(600, Ledger.seconds(7L, t, 7, t.plusSeconds(600)), "10 minutes after her previous one");
        assertEquals(1200, Ledger.seconds(7L, t, 7, t.plusSeconds(1200)), "20 minutes: still the same session");
        assertEquals(300, Ledger.seconds(7L, t, 7, t.plusSeconds(1201)), "longer: a new session");
        assertEquals(300, Ledger.seconds(8L, t, 7, t.plusSeconds(60)), "another agent's action is not hers");
        assertEquals(300, Ledger.seconds(1007L, t, 1007, t.minusSeconds(60)), "out of order: a session of its own");
        assertEquals(60, Ledger.seconds(Long.valueOf(1007), t, 1007, t.plusSeconds(60)), "ids compared by value");
    }

    @Test
    void suppressionHidesSmallCellsAndTheOneThatWouldGiveThemAway() {
        assertEquals("[false, false, false]", Suppression.show(Suppression.group(List.of(0L, 5L, 9L), 5)));
        assertEquals("[true, false, true]", Suppression.show(Suppression.group(List.of(3L, 9L, 6L), 5)),
                "3 hidden alone would be the total minus 15: the 6 goes too");
        assertEquals("[true, true, false]", Suppression.show(Suppression.group(List.of(3L, 2L, 9L), 5)),
                "two hidden cells hide each other");
        assertEquals("[true, true]", Suppression.show(Suppression.group(List.of(1L, 0L), 5)),
                "even a zero beside a lone small cell");
        assertEquals("[false]", Suppression.show(Suppression.group(List.of(5L), 5)));
    }
}
