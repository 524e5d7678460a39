package org.guichet.dossiers.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;
import org.guichet.api.error.GuichetException;
import org.junit.jupiter.api.Test;

/** Found by fuzzing the partners' CSV files (docs/fuzzing.md). */
class CsvFuzzFindingsTest {
    @Test
    void anUnclosedQuoteIsABadFileNotAnUncheckedIOException() {
        GuichetException e = assertThrows(GuichetException.class, () -> Csv.rows(
                new StringReader("traineeEmail,\"unclosed\nx,y\n"), List.of("traineeEmail")));
        assertEquals("CSV_INVALID", e.code());
        assertEquals("file", e.field());
        assertEquals(GuichetException.Kind.INVALID, e.kind());
    }
}
