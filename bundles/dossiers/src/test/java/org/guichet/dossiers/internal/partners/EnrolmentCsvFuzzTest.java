package org.guichet.dossiers.internal.partners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.guichet.api.error.GuichetException;
import org.guichet.api.partners.RowError;
import org.guichet.dossiers.internal.shared.Csv;

/**
 * Fuzzing the enrolment CSV that a training organisation uploads (docs/fuzzing.md): the shared {@link Csv} reader,
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
        List<Map<String, Object>> rows;
        try {
            rows = Csv.rows(new InputStreamReader(new ByteArrayInputStream(file), StandardCharsets.UTF_8),
                    EnrolmentRows.FIELDS);
        } catch (GuichetException e) {
            checkRefusal(e);
            return;
        }
        for (int i = 0; i < Math.min(rows.size(), PartnerServiceImpl.MAX_ROWS); i++) {
            EnrolmentRows.Checked c = EnrolmentRows.check(i + 1, rows.get(i));
            if (c.errors().isEmpty()) {
                assertNotNull(c.values());
                assertTrue(c.values().get("trainingHours") instanceof Integer);
            } else {
                assertNull(c.values());
                int row = i + 1;
                c.errors().forEach(e -> checkRowError(e, row));
            }
        }
        assertTrue(System.nanoTime() - start < SLOW_NANOS, "slow");
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
