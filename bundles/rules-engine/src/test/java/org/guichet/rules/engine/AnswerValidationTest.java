package org.guichet.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.InvalidAnswersException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Answers are checked against the descriptor before any rule runs, and every error is reported at once. */
class AnswerValidationTest {
    private static CompiledScheme scheme;

    @BeforeAll
    static void compile() {
        CompilationResult r = new SchemeCompiler().compile(new DirectorySchemeSource(Fixture.resource("mini")),
                AnswerValidationTest.class.getClassLoader());
        assertTrue(r.ok(), r.problems().toString());
        scheme = r.scheme();
    }

    @AfterAll
    static void close() {
        scheme.close();
    }

    static Map<String, Object> valid() {
        Map<String, Object> a = new HashMap<>();
        a.put("birthDate", "2000-01-01");
        a.put("startDate", "2026-01-01");
        a.put("endDate", "2026-01-31");
        a.put("hours", 100);
        a.put("kind", "A");
        a.put("hasIncome", true);
        a.put("income", 4800);
        a.put("shares", 1);
        return a;
    }

    private static List<AnswerError> errors(Map<String, Object> answers, Locale locale) {
        return assertThrows(InvalidAnswersException.class, () -> scheme.evaluate(answers, locale)).errors();
    }

    private static void assertOneError(String field, String code, Map<String, Object> answers) {
        List<AnswerError> errors = errors(answers, Locale.FRENCH);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(field, errors.get(0).field());
        assertEquals(code, errors.get(0).code());
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> a = valid();
        a.put(field, value);
        return a;
    }

    @Test
    void eachCode() {
        assertOneError("hours", "REQUIRED", with("hours", null));
        assertOneError("hours", "REQUIRED", with("hours", "  "));
        assertOneError("income", "REQUIRED", with("income", null));
        assertOneError("hours", "INVALID_TYPE", with("hours", 600.5));
        assertOneError("hours", "INVALID_TYPE", with("hours", "beaucoup"));
        assertOneError("hours", "INVALID_TYPE", with("hours", true));
        assertOneError("hasIncome", "INVALID_TYPE", with("hasIncome", "oui"));
        assertOneError("kind", "INVALID_TYPE", with("kind", 1));
        assertOneError("note", "INVALID_TYPE", with("note", 12));
        assertOneError("startDate", "INVALID_TYPE", with("startDate", 20260101));
        assertOneError("startDate", "INVALID_DATE", with("startDate", "2026-02-30"));
        assertOneError("startDate", "INVALID_DATE", with("startDate", "01/01/2026"));
        assertOneError("startDate", "INVALID_DATE", with("startDate", "2026-1-1"));
        assertOneError("kind", "NOT_A_CHOICE", with("kind", "C"));
        assertOneError("kind", "NOT_A_CHOICE", with("kind", "a"));
        assertOneError("hours", "TOO_SMALL", with("hours", -1));
        assertOneError("shares", "TOO_SMALL", with("shares", 0));
        assertOneError("shares", "TOO_SMALL", with("shares", new BigDecimal("-0.5")));
        assertOneError("hours", "TOO_LARGE", with("hours", 5001));
        assertOneError("hours", "TOO_LARGE", with("hours", "99999999999999999999999"));
        assertOneError("endDate", "NOT_AFTER", with("endDate", "2026-01-01"));
        assertOneError("endDate", "NOT_AFTER", with("endDate", "2025-12-31"));
        assertOneError("colour", "UNKNOWN_FIELD", with("colour", "blue"));
    }

    @Test
    void friendlyFormsOfValidAnswersAreAccepted() throws Exception {
        // whole numbers as 600.0, numbers as text (HTML forms), French decimal comma, grouped thousands
        for (Object hours : List.of(100, 100L, 100.0, new BigDecimal("100.00"), "100", " 100 ")) {
            assertTrue(scheme.evaluate(with("hours", hours), Locale.FRENCH).eligible(), "hours " + hours);
        }
        for (Object shares : List.of(1.5, "1,5", "1.5", new BigDecimal("1.5"))) {
            scheme.evaluate(with("shares", shares), Locale.FRENCH);
        }
        scheme.evaluate(with("income", "4 800"), Locale.FRENCH);
        scheme.evaluate(with("hasIncome", "true"), Locale.FRENCH);
        scheme.evaluate(with("shares", 5000), Locale.FRENCH); // min only: no upper limit
        scheme.evaluate(with("hours", 5000), Locale.FRENCH);  // max is inclusive
    }

    @Test
    void anOptionalAnswerMayBeLeftOut() throws Exception {
        Map<String, Object> a = valid();
        a.put("hasIncome", false);
        a.remove("income");
        a.remove("shares");
        assertTrue(scheme.evaluate(a, null).eligible());
    }

    @Test
    void everyErrorAtOnceInFormOrder() {
        Map<String, Object> a = valid();
        a.put("zzz", 1);
        a.remove("birthDate");
        a.put("kind", "Z");
        a.put("endDate", "2025-01-01");
        a.put("shares", 0);
        List<String> got = errors(a, Locale.FRENCH).stream().map(e -> e.field() + " " + e.code()).toList();
        assertEquals(List.of("birthDate REQUIRED", "endDate NOT_AFTER", "kind NOT_A_CHOICE", "shares TOO_SMALL",
                "zzz UNKNOWN_FIELD"), got);
    }

    @Test
    void messagesArePlainFrenchOrEnglish() {
        AnswerError fr = errors(with("hours", null), Locale.FRENCH).get(0);
        assertEquals("Merci de répondre à la question « Heures ».", fr.message());
        AnswerError en = errors(with("hours", null), Locale.ENGLISH).get(0);
        assertEquals("Please answer “Hours”.", en.message());
        AnswerError choice = errors(with("kind", "C"), Locale.FRENCH).get(0);
        assertTrue(choice.message().contains("Genre A ; Genre B"), choice.message());
        AnswerError small = errors(with("shares", 0), Locale.FRENCH).get(0);
        assertEquals("« Parts » : le nombre doit être plus grand que 0.", small.message());
        AnswerError after = errors(with("endDate", "2025-01-01"), Locale.ENGLISH).get(0);
        assertEquals("“Last day”: this date must come after “First day”.", after.message());
    }

    @Test
    void nothingIsEvaluatedForInvalidAnswers() {
        assertThrows(InvalidAnswersException.class, () -> scheme.evaluate(null, Locale.FRENCH));
        assertThrows(InvalidAnswersException.class, () -> scheme.evaluate(Map.of(), Locale.FRENCH));
    }
}
