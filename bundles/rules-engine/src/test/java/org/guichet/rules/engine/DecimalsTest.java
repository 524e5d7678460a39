package org.guichet.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.InvalidAnswersException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code decimals:} on a DECIMAL field ("two decimals at most" for euros): checked in the descriptor and the answers. */
class DecimalsTest {
    @TempDir Path dir;

    private Fixture withDecimals(String value) {
        return Fixture.copy("mini", dir).replace("scheme.yaml", "    minExclusive: true\n",
                "    minExclusive: true\n    decimals: " + value + "\n");
    }

    private static List<AnswerError> errors(CompiledScheme s, Object shares, Locale locale) {
        Map<String, Object> a = new java.util.HashMap<>(AnswerValidationTest.valid());
        a.put("shares", shares);
        return assertThrows(InvalidAnswersException.class, () -> s.evaluate(a, locale)).errors();
    }

    private static void accepted(CompiledScheme s, Object shares) throws Exception {
        Map<String, Object> a = new java.util.HashMap<>(AnswerValidationTest.valid());
        a.put("shares", shares);
        s.evaluate(a, Locale.FRENCH);
    }

    @Test
    void anAnswerWithMoreDecimalsIsRefusedTrailingZerosDoNotCount() throws Exception {
        CompilationResult r = withDecimals("2").compile();
        assertTrue(r.ok(), r.problems().toString());
        try (CompiledScheme s = r.scheme()) {
            assertEquals(2, s.descriptor().fields().stream().filter(f -> f.name().equals("shares")).findFirst()
                    .orElseThrow().decimals());
            List<AnswerError> e = errors(s, new BigDecimal("1.255"), Locale.FRENCH);
            assertEquals(1, e.size(), e.toString());
            assertEquals("TOO_MANY_DECIMALS", e.get(0).code());
            assertEquals("« Parts » : 2 chiffres au plus après la virgule.", e.get(0).message());
            assertEquals("“Shares”: at most 2 decimals.", errors(s, "1,001", Locale.ENGLISH).get(0).message());
            accepted(s, "1.250");
            accepted(s, new BigDecimal("1.25"));
            accepted(s, 2);
        }
    }

    @Test
    void decimalsIsForDecimalFieldsAndAWholeNumber() {
        CompilationResult wrong = withDecimals("1.5").compile();
        assertFalse(wrong.ok());
        assertTrue(wrong.problems().toString().contains("decimals must be a whole number from 0 to 10"),
                wrong.problems().toString());
        Fixture onInteger = Fixture.copy("mini", dir.resolve("b")).replace("scheme.yaml", "  - name: hours\n",
                "  - name: hours\n    decimals: 2\n");
        CompilationResult r = onInteger.compile();
        assertTrue(r.problems().toString().contains("decimals is only for DECIMAL fields"), r.problems().toString());
    }
}
