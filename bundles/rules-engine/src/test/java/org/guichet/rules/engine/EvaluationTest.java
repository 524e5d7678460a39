package org.guichet.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.scheme.AmountLine;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.Installment;
import org.guichet.api.scheme.Reason;
import org.guichet.api.scheme.RequiredDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation's shape: texts from the descriptor, descriptor order, the amount only when eligible. */
class EvaluationTest {
    private static CompiledScheme scheme;

    @BeforeAll
    static void compile() {
        CompilationResult r = new SchemeCompiler().compile(new DirectorySchemeSource(Fixture.resource("mini")),
                EvaluationTest.class.getClassLoader());
        assertTrue(r.ok(), r.problems().toString());
        scheme = r.scheme();
    }

    @AfterAll
    static void close() {
        scheme.close();
    }

    @Test
    void eligibleWithAmountLinesInstallmentsAndRules() throws Exception {
        Map<String, Object> a = AnswerValidationTest.valid();
        a.put("startDate", "2026-01-15");
        a.put("endDate", "2026-02-10");
        a.put("note", "a note earns the bonus");
        Evaluation e = scheme.evaluate(a, Locale.FRENCH);
        assertEquals("mini-scheme", e.scheme().id());
        assertEquals("2.1.0", e.scheme().version());
        assertTrue(e.eligible());
        assertEquals(List.of(), e.reasons());
        // INCOME_PROOF is inserted twice by its rule: listed once
        assertEquals(List.of(new RequiredDocument("IDENTITY", "Pièce d'identité", "Pour savoir qui vous êtes", "Identity"),
                new RequiredDocument("INCOME_PROOF", "Preuve de revenu", "Pour le calcul", "Income proof")),
                e.requiredDocuments());
        // QF floor(4800/12/1) = 400 -> 600; bonus 10.5 fired first (salience) yet listed after BASE
        assertEquals(List.of(new AmountLine("BASE", "Base", new BigDecimal("600.00"), "Base from the quotient"),
                new AmountLine("BONUS", "Bonus", new BigDecimal("10.50"), "Bonus")), e.amount().lines());
        assertEquals("EUR", e.amount().currency());
        assertEquals(new BigDecimal("610.50"), e.amount().monthly());
        // January 15-31: 17/31 × 610.50 = 334.790… -> 334.79; February 1-10: 10/28 × 610.50 = 218.035… -> 218.04
        assertEquals(List.of(new Installment("2026-01", new BigDecimal("334.79")),
                new Installment("2026-02", new BigDecimal("218.04"))), e.amount().installments());
        assertEquals(new BigDecimal("552.83"), e.amount().total());
        assertEquals("Bonus", e.rulesFired().get(0), "salience 5 fires first");
        assertTrue(e.rulesFired().containsAll(List.of("Identity", "Income proof", "Base from the quotient", "Schedule")));
        assertFalse(e.rulesFired().contains("Too short"));
    }

    @Test
    void notEligibleHasReasonsInDescriptorOrderAndNoAmount() throws Exception {
        Map<String, Object> a = AnswerValidationTest.valid();
        a.put("hours", 70);
        a.put("kind", "B");
        a.put("birthDate", "1990-01-01");
        Evaluation e = scheme.evaluate(a, Locale.ENGLISH);
        assertFalse(e.eligible());
        assertNull(e.amount());
        assertEquals(List.of(new Reason("TOO_SHORT", "More than 70 hours, please.", "Too short"),
                new Reason("KIND_B", "Kind B is not entitled.", "Kind B"),
                new Reason("TOO_OLD", "Not after 30.", "Too old")), e.reasons());
        assertEquals(List.of("Identity document", "Proof of income"),
                e.requiredDocuments().stream().map(RequiredDocument::label).toList(), "documents even when not eligible");
    }

    @Test
    void ageIsInFullYearsAtTheDate() throws Exception {
        Map<String, Object> a = AnswerValidationTest.valid();
        a.put("birthDate", "1995-01-02"); // 30 on 2026-01-01, 31 the day after
        assertTrue(scheme.evaluate(a, Locale.FRENCH).eligible());
        a.put("birthDate", "1995-01-01"); // 31 on the day
        assertEquals("TOO_OLD", scheme.evaluate(a, Locale.FRENCH).reasons().get(0).code());
    }

    @Test
    void aFailingRuleIsASchemeDefectNotAnAnswerError(@TempDir Path dir) {
        Fixture f = Fixture.copy("mini", dir).replace("rules/rules.drl",
                "    insert(Document.of(drools, \"IDENTITY\"));", "    insert(Document.of(drools, null));");
        CompilationResult r = f.compile();
        assertTrue(r.ok(), r.problems().toString());
        EvaluationFailedException e = assertThrows(EvaluationFailedException.class,
                () -> r.scheme().evaluate(AnswerValidationTest.valid(), Locale.FRENCH));
        assertTrue(e.getMessage().contains("document id must not be blank"), e.getMessage());
        assertTrue(e.getMessage().contains("in rule 'Identity'"), e.getMessage());
        r.scheme().close();
    }
}
