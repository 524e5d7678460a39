package org.guichet.dossiers.internal.payments;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.util.List;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.internal.partners.EnrolmentCsvFuzzTest;
import org.guichet.dossiers.internal.shared.Spreadsheet;

/**
 * Fuzzing the monthly attendance CSV (docs/fuzzing.md): the shared {@link Spreadsheet} reader (bytes as uploaded: CSV or xlsx), then each row through {@link AttendanceRows}
 * and, for a valid row, the payable amount computed from it as PaymentServiceImpl does. Contract as for enrolments:
 * the file refused with a GuichetException, or rows kept or rejected with RowErrors; hours kept fit the database
 * column (DECIMAL(8, 2)); never another exception, and quickly.
 */
class AttendanceCsvFuzzTest {
    @FuzzTest(maxDuration = "3m")
    void attendanceCsv(byte[] file) {
        long start = System.nanoTime();
        List<Spreadsheet.Row> rows;
        try {
            rows = Spreadsheet.read(file, Spreadsheet.ATTENDANCE_COLUMNS, PaymentServiceImpl.MAX_ROWS);
        } catch (GuichetException e) {
            EnrolmentCsvFuzzTest.checkRefusal(e);
            return;
        }
        for (Spreadsheet.Row r : rows) {
            AttendanceRows.Checked c = AttendanceRows.check(r.number(), r.values());
            if (c.errors().isEmpty()) {
                assertNotNull(c.email());
                assertNotNull(c.month());
                fitsTheColumn(c.attended());
                fitsTheColumn(c.scheduled());
                BigDecimal payable = Schedules.payable(new BigDecimal("1200.00"), c.attended(), c.scheduled());
                assertTrue(payable.signum() >= 0 && payable.compareTo(new BigDecimal("1200.00")) <= 0, payable.toString());
            } else {
                c.errors().forEach(e -> EnrolmentCsvFuzzTest.checkRowError(e, r.number()));
            }
        }
        assertTrue(System.nanoTime() - start < EnrolmentCsvFuzzTest.SLOW_NANOS, "slow");
    }

    private static void fitsTheColumn(BigDecimal hours) {
        assertNotNull(hours);
        assertTrue(hours.scale() <= 2 && hours.precision() - hours.scale() <= 6, hours.toString());
    }
}
