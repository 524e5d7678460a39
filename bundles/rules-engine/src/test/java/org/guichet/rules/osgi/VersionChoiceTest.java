package org.guichet.rules.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which version is served, as a table. The installed versions (one scheme), written version:state:validFrom:validUntil
 * ('-' for no date):
 * <pre>
 * 1.0.0 ACTIVE   -          2026-12-31   the old rules, until the end of 2026
 * 1.1.0 ACTIVE   2027-01-01 2027-06-30   the first half of 2027
 * 1.2.0 ACTIVE   2027-09-01 -            waits side by side (gap in July and August 2027)
 * 1.3.0 ACTIVE   2028-01-01 -            a second future version
 * 1.4.0 PREVIEW  2027-01-01 -            staff only
 * 0.9.0 FAILED   -          -            never served
 * </pre>
 */
class VersionChoiceTest {
    private static List<SchemeInfo> installed() {
        List<SchemeInfo> v = new ArrayList<>();
        v.add(info("1.0.0", SchemeState.ACTIVE, null, "2026-12-31", 10));
        v.add(info("1.1.0", SchemeState.ACTIVE, "2027-01-01", "2027-06-30", 11));
        v.add(info("1.2.0", SchemeState.ACTIVE, "2027-09-01", null, 12));
        v.add(info("1.3.0", SchemeState.ACTIVE, "2028-01-01", null, 13));
        v.add(info("1.4.0", SchemeState.PREVIEW, "2027-01-01", null, 14));
        v.add(info("0.9.0", SchemeState.FAILED, null, null, 9));
        return v;
    }

    static SchemeInfo info(String version, SchemeState state, String from, String until, long bundleId) {
        return new SchemeInfo("aid", version, state, null, bundleId, "org.guichet.scheme.aid", version, null, null,
                List.of(), List.of(), from == null ? null : LocalDate.parse(from),
                until == null ? null : LocalDate.parse(until));
    }

    @ParameterizedTest(name = "{0} on {1} for {2} → {3} {4}")
    @CsvSource({
        // version asked, date, audience, outcome, version served (or that explains UNAVAILABLE)
        "-,     2026-06-15, PUBLIC, SERVED,       1.0.0",
        "-,     2026-12-31, PUBLIC, SERVED,       1.0.0",   // validUntil is the last day in force
        "-,     2027-01-01, PUBLIC, SERVED,       1.1.0",   // validFrom is the first day
        "-,     2027-06-30, PUBLIC, SERVED,       1.1.0",
        "-,     2027-07-15, PUBLIC, NOT_IN_FORCE, -",       // the gap: 1.1.0 ended, 1.2.0 not begun
        "-,     2027-09-01, PUBLIC, SERVED,       1.2.0",
        "-,     2028-01-01, PUBLIC, SERVED,       1.3.0",   // two in force: the newest wins
        "-,     2027-03-01, STAFF,  SERVED,       1.4.0",   // staff see the preview, newer than 1.1.0
        "-,     2026-06-15, STAFF,  SERVED,       1.0.0",   // ... only on dates it is in force
        "-,     2027-07-15, STAFF,  SERVED,       1.4.0",
        "1.1.0, 2030-01-01, PUBLIC, SERVED,       1.1.0",   // a dossier keeps its version whatever the date
        "1.4.0, 2027-03-01, PUBLIC, NOT_FOUND,    -",       // a preview does not exist for applicants
        "1.4.0, 2027-03-01, STAFF,  SERVED,       1.4.0",
        "0.9.0, 2027-03-01, PUBLIC, UNAVAILABLE,  0.9.0",
        "2.0.0, 2027-03-01, STAFF,  NOT_FOUND,    -",
    })
    void choice(String version, String date, Audience audience, VersionChoice.Outcome outcome, String served) {
        VersionChoice.Choice c = VersionChoice.choose(installed(), "-".equals(version) ? null : version,
                LocalDate.parse(date), audience);
        assertEquals(outcome, c.outcome());
        assertEquals("-".equals(served) ? null : served, c.chosen() == null ? null : c.chosen().version());
    }

    @ParameterizedTest(name = "only {0} installed, for {1} → {2}")
    @CsvSource({
        "PREVIEW, PUBLIC, NOT_FOUND",     // a scheme that exists only as a preview is not even named to applicants
        "PREVIEW, STAFF,  SERVED",
        "FAILED,  PUBLIC, UNAVAILABLE",   // a broken scheme is 503, as before
        "TESTING, PUBLIC, UNAVAILABLE",
    })
    void aSchemeWithOneVersion(SchemeState state, Audience audience, VersionChoice.Outcome outcome) {
        VersionChoice.Choice c = VersionChoice.choose(List.of(info("1.0.0", state, null, null, 1)), null,
                LocalDate.of(2027, 1, 1), audience);
        assertEquals(outcome, c.outcome());
    }

    @ParameterizedTest(name = "only future versions, on {0} → {1}")
    @CsvSource({"2026-12-31, NOT_IN_FORCE, -", "2027-01-01, SERVED, 1.1.0", "2028-02-01, SERVED, 1.3.0"})
    void futureVersionsWaitSideBySide(String date, VersionChoice.Outcome outcome, String served) {
        List<SchemeInfo> future = List.of(info("1.1.0", SchemeState.ACTIVE, "2027-01-01", null, 1),
                info("1.3.0", SchemeState.ACTIVE, "2028-01-01", null, 2));
        VersionChoice.Choice c = VersionChoice.choose(future, null, LocalDate.parse(date), Audience.PUBLIC);
        assertEquals(outcome, c.outcome());
        assertEquals("-".equals(served) ? null : served, c.chosen() == null ? null : c.chosen().version());
    }
}
