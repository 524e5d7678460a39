package org.guichet.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.PastDecision;
import org.guichet.api.scheme.Reason;
import org.guichet.api.scheme.TestCaseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Portal facts: {@code PastDecision} and {@code KnownPerson} reach the rules only with a person's context, never
 * with the anonymous one (the simulator); a test case declares them with {@code pastDecisions:}.
 */
class PortalFactsTest {
    @TempDir Path dir;

    private static final String ANSWERS = "{birthDate: \"2000-01-01\", startDate: \"2026-01-01\", endDate: \"2026-01-31\","
            + " hours: 100, kind: A, hasIncome: true, income: 4800, shares: 1}";

    private Fixture fixture() {
        return Fixture.copy("mini", dir)
                .replace("scheme.yaml", "amountLines:",
                        "  ALREADY: {fr: Déjà reçue., en: Already received.}\namountLines:")
                .write("rules/portal.drl", """
                        package org.guichet.scheme.mini_scheme;

                        import org.guichet.rules.facts.*;

                        rule "Granted this aid before"
                        when
                            Answers($start : startDate)
                            exists PastDecision(schemeId == "mini-scheme", outcome == "GRANTED",
                                    decidedOn >= $start.minusYears(1))
                        then
                            insert(Reason.of(drools, "ALREADY"));
                        end

                        rule "Known person with a refusal of any scheme" // reads every property, to check them
                        when
                            KnownPerson()
                            PastDecision(outcome == "REFUSED", amount == null, schemeVersion != null, $s : schemeId)
                        then
                            insert(Document.of(drools, "INCOME_PROOF"));
                        end
                        """);
    }

    private static Map<String, Object> answers() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("birthDate", "2000-01-01");
        a.put("startDate", "2026-01-01");
        a.put("endDate", "2026-01-31");
        a.put("hours", 100);
        a.put("kind", "A");
        a.put("hasIncome", false);
        return a;
    }

    private static List<String> reasons(Evaluation e) {
        return e.reasons().stream().map(Reason::code).toList();
    }

    @Test
    void pastDecisionsReachTheRulesOnlyWithAPersonsContext() throws Exception {
        CompilationResult r = fixture().compile();
        assertTrue(r.ok(), r.problems().toString());
        try (CompiledScheme s = r.scheme()) {
            PastDecision granted = new PastDecision("mini-scheme", "1.0.0", "GRANTED", LocalDate.of(2025, 6, 1),
                    new BigDecimal("600"));
            assertEquals(List.of(), reasons(s.evaluate(answers(), Locale.FRENCH)), "the simulator: no fact");
            assertEquals(List.of(), reasons(s.evaluate(answers(), Locale.FRENCH, EvaluationContext.ANONYMOUS)));
            assertEquals(List.of(), reasons(s.evaluate(answers(), Locale.FRENCH, EvaluationContext.person(List.of()))));
            assertEquals(List.of("ALREADY"), reasons(s.evaluate(answers(), Locale.FRENCH,
                    EvaluationContext.person(List.of(granted)))));
            assertEquals(List.of(), reasons(s.evaluate(answers(), Locale.FRENCH, EvaluationContext.person(List.of(
                    new PastDecision("other-scheme", "1.0.0", "GRANTED", LocalDate.of(2025, 6, 1), BigDecimal.TEN),
                    new PastDecision("mini-scheme", "1.0.0", "GRANTED", LocalDate.of(2024, 12, 31), BigDecimal.TEN))))),
                    "another scheme's grant, and a grant too old, are no reason");
            Evaluation refused = s.evaluate(answers(), Locale.FRENCH, EvaluationContext.person(List.of(
                    new PastDecision("other-scheme", "2.0.0", "REFUSED", LocalDate.of(2025, 6, 1), null))));
            assertTrue(refused.requiredDocuments().stream().anyMatch(d -> d.id().equals("INCOME_PROOF")),
                    refused.toString());
        }
    }

    @Test
    void aTestCaseDeclaresPastDecisionsAndWithoutThemIsTheSimulator() {
        Fixture f = fixture().write("tests/portal.yaml", """
                - name: granted last year
                  answers: %s
                  pastDecisions:
                    - {scheme: mini-scheme, version: 1.0.0, outcome: GRANTED, decidedOn: "2025-06-01", amount: 600}
                  expect: {eligible: false, reasons: [ALREADY]}
                - name: a known person with nothing
                  answers: %s
                  pastDecisions: []
                  expect: {eligible: true}
                - name: the simulator
                  answers: %s
                  expect: {eligible: true}
                """.formatted(ANSWERS, ANSWERS, ANSWERS));
        CompilationResult r = f.compile();
        assertTrue(r.ok(), r.problems().toString());
        try (CompiledScheme s = r.scheme()) {
            List<TestCaseResult> results = TestPackRunner.run(s, f.source());
            assertTrue(results.stream().allMatch(TestCaseResult::passed), results.toString());
            assertEquals(6, results.size());
        }
    }

    @Test
    void aWrongPastDecisionIsAProblemAtItsLine() {
        Fixture f = fixture().write("tests/portal.yaml", """
                - name: wrong decisions
                  answers: %s
                  pastDecisions:
                    - {scheme: mini-scheme, outcome: MAYBE, decidedOn: "2025-06-01"}
                    - {scheme: mini-scheme, outcome: GRANTED, decidedOn: "2025-13-01"}
                    - {scheme: mini-scheme, outcome: GRANTED, decidedOn: "2025-06-01", decided: "x"}
                  expect: {eligible: true}
                - name: not a list
                  answers: %s
                  pastDecisions: GRANTED
                  expect: {eligible: true}
                """.formatted(ANSWERS, ANSWERS));
        TestPack pack = TestPackRunner.load(f.source());
        assertEquals(List.of("tests/portal.yaml:4 outcome 'MAYBE'", "tests/portal.yaml:5 decidedOn '2025-13-01'",
                "tests/portal.yaml:6 unknown key 'decided'", "tests/portal.yaml:10 'pastDecisions' must be a list"),
                pack.problems().stream().map(p -> p.file() + ":" + p.line() + " " + p.message().replaceAll(
                        ".*?(outcome '\\w+'|decidedOn '[\\d-]+'|unknown key '\\w+'|'pastDecisions' must be a list).*",
                        "$1")).toList(), pack.problems().toString());
    }
}
