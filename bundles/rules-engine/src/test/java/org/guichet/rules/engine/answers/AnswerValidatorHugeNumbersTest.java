package org.guichet.rules.engine.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.InvalidAnswersException;
import org.junit.jupiter.api.Test;

/**
 * Found by fuzzing (docs/fuzzing.md): a number written with a large exponent is short to send and very long to
 * expand. {@code {"hours": 1e20000000}} made the validator build a 66-million-bit integer (about 30 s of CPU for
 * one anonymous eligibility request); a decimal like 1e-999999999 was accepted and left to the rules' arithmetic.
 */
class AnswerValidatorHugeNumbersTest {
    private static final AnswerValidator VALIDATOR = new AnswerValidator(AnswerValidatorFuzzTest.DESCRIPTOR);

    private static List<AnswerError> errors(String field, Object value) {
        Map<String, Object> answers = new HashMap<>();
        answers.put(field, value);
        return assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertThrows(InvalidAnswersException.class,
                () -> VALIDATOR.validate(answers, Locale.FRENCH)).errors());
    }

    private static String codeOf(List<AnswerError> errors, String field) {
        return errors.stream().filter(e -> e.field().equals(field)).findFirst().orElseThrow().code();
    }

    @Test
    void anIntegerWithAHugeExponentIsRefusedAtOnceNotExpanded() {
        assertEquals("TOO_LARGE", codeOf(errors("hours", new BigDecimal("1E+20000000")), "hours"));
        assertEquals("TOO_LARGE", codeOf(errors("income", "1e20000000"), "income"));
    }

    @Test
    void aDecimalWithAHugeExponentIsRefused() {
        assertEquals("TOO_LARGE", codeOf(errors("shares", new BigDecimal("1E+20000000")), "shares"));
        assertEquals("INVALID_TYPE", codeOf(errors("shares", new BigDecimal("1E-999999999")), "shares"));
        assertEquals("INVALID_TYPE", codeOf(errors("shares", "0,000000000000000000000000001"), "shares"));
    }

    @Test
    void ordinaryNumbersStillPass() {
        Map<String, Object> answers = new HashMap<>(Map.of("birthDate", "2000-01-01", "startDate", "2026-01-01",
                "endDate", "2026-01-31", "hours", "14 400", "kind", "A", "hasIncome", true, "income", 4800,
                "shares", "1,25"));
        answers.put("hours", 4_000L);
        Map<String, Object> typed = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> VALIDATOR.validate(answers, Locale.FRENCH));
        assertEquals(4_000L, typed.get("hours"));
        assertEquals(new BigDecimal("1.25"), typed.get("shares"));
    }
}
