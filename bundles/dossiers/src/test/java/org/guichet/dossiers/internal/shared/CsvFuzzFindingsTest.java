package org.guichet.dossiers.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.guichet.api.error.GuichetException;
import org.junit.jupiter.api.Test;

/** Found by fuzzing the partners' CSV files (docs/fuzzing.md). */
class CsvFuzzFindingsTest {
    @Test
    void anUnclosedQuoteIsABadFileNotAnUncheckedIOException() {
        GuichetException e = assertThrows(GuichetException.class, () -> Spreadsheet.csv(
                "traineeEmail,\"unclosed\nx,y\n", Spreadsheet.ATTENDANCE_COLUMNS, 10));
        assertEquals("CSV_INVALID", e.code());
        assertEquals("file", e.field());
        assertEquals(GuichetException.Kind.INVALID, e.kind());
    }
}
