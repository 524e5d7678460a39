package org.guichet.dossiers.internal.partners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.guichet.api.error.GuichetException;
import org.guichet.api.partners.RowError;
import org.guichet.dossiers.internal.shared.Spreadsheet;

/**
 * Fuzzing the enrolment CSV that a training organisation uploads (docs/fuzzing.md): the shared {@link Spreadsheet} reader (the bytes as uploaded),
 * then each row through {@link EnrolmentRows}, as PartnerServiceImpl.importCsv does before it writes. Contract: the
 * file is refused with a GuichetException (400, a code, the field "file") or read into rows; each row is either
 * kept with its typed values or rejected with RowErrors (row, field, code, a short message) — never another
 * exception, which would fail the whole upload with a 500, and quickly.
 */
public class EnrolmentCsvFuzzTest {
    public static final long SLOW_NANOS = 10_000_000_000L;

    @FuzzTest(maxDuration = "3m")
    void enrolmentCsv(byte[] file) {
        long start = System.nanoTime();
        List<Spreadsheet.Row> rows;
        try {
            rows = Spreadsheet.read(file, Spreadsheet.ENROLMENT_COLUMNS, PartnerServiceImpl.MAX_ROWS);
        } catch (GuichetException e) {
            checkRefusal(e);
            return;
        }
        checkRows(rows);
        assertTrue(System.nanoTime() - start < SLOW_NANOS, "slow");
    }

    /**
     * The same contract for workbooks: the seeds are .xlsx files (dates as date cells and as text, numbers, a blank
     * row, French headings), which the fuzzer mutates; most mutations break the zip, some reach the sheet's XML.
     */
    @FuzzTest(maxDuration = "3m")
    void enrolmentXlsx(byte[] file) {
        enrolmentCsv(file);
    }

    private static void checkRows(List<Spreadsheet.Row> rows) {
        assertTrue(rows.size() <= PartnerServiceImpl.MAX_ROWS);
        int previous = 0;
        for (Spreadsheet.Row r : rows) {
            assertTrue(r.number() > previous, "rows numbered in order");
            previous = r.number();
            EnrolmentRows.Checked c = EnrolmentRows.check(r.number(), r.values());
            if (c.errors().isEmpty()) {
                assertNotNull(c.values());
                assertTrue(c.values().get("trainingHours") instanceof Integer);
            } else {
                assertNull(c.values());
                c.errors().forEach(e -> checkRowError(e, r.number()));
            }
        }
    }

    /** What the API turns into a 400 with a code and the field. */
    public static void checkRefusal(GuichetException e) {
        assertEquals(GuichetException.Kind.INVALID, e.kind(), e.toString());
        assertNotNull(e.code());
        assertEquals("file", e.field());
        assertTrue(e.getMessage().length() < 1_000, "a message of " + e.getMessage().length() + " characters");
    }

    public static void checkRowError(RowError e, int row) {
        assertEquals(row, e.row());
        assertNotNull(e.field());
        assertNotNull(e.code());
        assertNotNull(e.message());
        // a message quotes the value: a cell of a megabyte must not come back whole in the report
        assertTrue(e.message().length() < 1_000 + e.field().length(), "a message of " + e.message().length()
                + " characters");
    }
}
