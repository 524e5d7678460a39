package org.guichet.dossiers.internal.payments;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.internal.partners.EnrolmentCsvFuzzTest;
import org.guichet.dossiers.internal.shared.Csv;

/**
 * Fuzzing the monthly attendance CSV (docs/fuzzing.md): {@link Csv}, then each row through {@link AttendanceRows}
 * and, for a valid row, the payable amount computed from it as PaymentServiceImpl does. Contract as for enrolments:
 * the file refused with a GuichetException, or rows kept or rejected with RowErrors; hours kept fit the database
 * column (DECIMAL(8, 2)); never another exception, and quickly.
 */
class AttendanceCsvFuzzTest {
    @FuzzTest(maxDuration = "3m")
    void attendanceCsv(byte[] file) {
        long start = System.nanoTime();
        List<Map<String, Object>> rows;
        try {
            rows = Csv.rows(new InputStreamReader(new ByteArrayInputStream(file), StandardCharsets.UTF_8),
                    AttendanceRows.FIELDS);
        } catch (GuichetException e) {
            EnrolmentCsvFuzzTest.checkRefusal(e);
            return;
        }
        for (int i = 0; i < Math.min(rows.size(), 5_000); i++) {
            AttendanceRows.Checked c = AttendanceRows.check(i + 1, rows.get(i));
            if (c.errors().isEmpty()) {
                assertNotNull(c.email());
                assertNotNull(c.month());
                fitsTheColumn(c.attended());
                fitsTheColumn(c.scheduled());
                BigDecimal payable = Schedules.payable(new BigDecimal("1200.00"), c.attended(), c.scheduled());
                assertTrue(payable.signum() >= 0 && payable.compareTo(new BigDecimal("1200.00")) <= 0, payable.toString());
            } else {
                int row = i + 1;
                c.errors().forEach(e -> EnrolmentCsvFuzzTest.checkRowError(e, row));
            }
        }
        assertTrue(System.nanoTime() - start < EnrolmentCsvFuzzTest.SLOW_NANOS, "slow");
    }

    private static void fitsTheColumn(BigDecimal hours) {
        assertNotNull(hours);
        assertTrue(hours.scale() <= 2 && hours.precision() - hours.scale() <= 6, hours.toString());
    }
}
