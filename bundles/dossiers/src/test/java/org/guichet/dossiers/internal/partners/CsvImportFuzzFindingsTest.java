package org.guichet.dossiers.internal.partners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.guichet.api.partners.EnrolmentReport;
import org.guichet.api.partners.Organisation;
import org.guichet.api.partners.RowError;
import org.guichet.api.payments.AttendanceReport;
import org.guichet.dossiers.testing.Guichet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What fuzzing the partners' CSV files found (docs/fuzzing.md), through the service a partner's upload reaches:
 * one bad cell must reject its row with a code, never fail the whole upload with a 500 or keep a CPU busy.
 */
class CsvImportFuzzFindingsTest {
    static Guichet g;
    static Organisation school;
    static final String HEADER = "traineeEmail,trainingStartDate,trainingEndDate,trainingHours,programme,regionFunded\n";

    @BeforeAll
    static void start() {
        g = new Guichet();
        school = g.organisation("École de la mer");
    }

    @AfterAll
    static void stop() {
        g.close();
    }

    private static RowError only(List<RowError> rejected) {
        assertEquals(1, rejected.size(), rejected.toString());
        return rejected.get(0);
    }

    @Test
    void aDayThatDoesNotExistRejectsItsRowInsteadOfThrowingDateTimeException() {
        EnrolmentReport r = g.partners.importCsv(school, new StringReader(HEADER
                + "lea@exemple.fr,31/02/2026,2026-06-30,600,QUALIF,oui\n"));
        RowError e = only(r.rejected());
        assertEquals("trainingStartDate", e.field());
        assertEquals("INVALID_VALUE", e.code());
    }

    @Test
    void hoursBeyondAnIntRejectTheRowInsteadOfThrowingArithmeticException() {
        EnrolmentReport r = g.partners.importCsv(school, new StringReader(HEADER
                + "lea@exemple.fr,2026-01-05,2026-06-30,1e10,QUALIF,oui\n"));
        RowError e = only(r.rejected());
        assertEquals("trainingHours", e.field());
        assertEquals("OUT_OF_RANGE", e.code());
    }

    @Test
    void aLongRunOfDigitsIsRefusedWithoutParsingItForSeconds() {
        EnrolmentReport r = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> g.partners.importCsv(school,
                new StringReader(HEADER + "lea@exemple.fr,2026-01-05,2026-06-30,6" + "0".repeat(400_000)
                        + ",QUALIF,oui\n")));
        RowError e = only(r.rejected());
        assertEquals("trainingHours", e.field());
        assertEquals("INVALID_VALUE", e.code());
        assertEquals(true, e.message().length() < 200, e.message());
    }

    @Test
    void attendedHoursFinerThanAHundredthAreRefusedNotKeptWithAScaleOfABillion() {
        AttendanceReport r = g.payments.reportAttendance(school, List.of(Map.of("traineeEmail", "lea@exemple.fr",
                "month", "2026-03", "attendedHours", "1e-999999999", "scheduledHours", "151.67")));
        RowError e = only(r.rejected());
        assertEquals("attendedHours", e.field());
        assertEquals("INVALID_VALUE", e.code());
    }
}
