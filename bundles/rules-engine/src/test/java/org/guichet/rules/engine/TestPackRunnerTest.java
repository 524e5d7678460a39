package org.guichet.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.api.scheme.TestCaseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test pack: passing and failing cases, readable failures, unreadable files. */
class TestPackRunnerTest {
    @TempDir Path dir;

    private static final String ANSWERS = "{birthDate: \"2000-01-01\", startDate: \"2026-01-01\", endDate: \"2026-01-31\","
            + " hours: 100, kind: A, hasIncome: true, income: 4800, shares: 1}";

    private List<TestCaseResult> run(Fixture f) {
        CompilationResult r = f.compile();
        assertTrue(r.ok(), r.problems().toString());
        try {
            return TestPackRunner.run(r.scheme(), f.source());
        } finally {
            r.scheme().close();
        }
    }

    @Test
    void theFixturePackPasses() {
        List<TestCaseResult> results = run(Fixture.copy("mini", dir));
        assertEquals(3, results.size());
        assertTrue(results.stream().allMatch(TestCaseResult::passed), results.toString());
    }

    @Test
    void aFailingCaseSaysWhatWasExpectedAndWhatCame() {
        Fixture f = Fixture.copy("mini", dir).write("tests/wrong.yaml", """
                - name: wrong on purpose
                  answers: %s
                  expect:
                    eligible: false
                    reasons: [TOO_SHORT]
                    documents: [IDENTITY]
                    monthly: 600.01
                    total: 600
                    installments: {"2026-01": 600, "2026-02": 10}
                    lines: {BASE: 600, BONUS: 1}
                - name: errors expected but none
                  answers: %s
                  expect:
                    errors: [{field: hours, code: REQUIRED}]
                - name: wrong error code
                  answers: {birthDate: "2000-01-01"}
                  expect:
                    errors: [{field: startDate, code: REQUIRED}]
                """.formatted(ANSWERS, ANSWERS));
        List<TestCaseResult> results = run(f);
        TestCaseResult wrong = results.stream().filter(r -> r.name().equals("wrong on purpose")).findFirst().orElseThrow();
        assertFalse(wrong.passed());
        assertEquals(List.of(
                "eligible: expected false but was true",
                "reasons: expected [TOO_SHORT] but was []",
                "documents: expected [IDENTITY] but was [IDENTITY, INCOME_PROOF]",
                "monthly: expected 600.01 but was 600.00",
                "installment 2026-02: expected 10 but was none",
                "line BONUS: expected 1 but was none"), wrong.failures());
        TestCaseResult none = results.stream().filter(r -> r.name().equals("errors expected but none")).findFirst()
                .orElseThrow();
        assertEquals(List.of("errors: expected [hours REQUIRED] but the answers were accepted"), none.failures());
        TestCaseResult code = results.stream().filter(r -> r.name().equals("wrong error code")).findFirst().orElseThrow();
        assertFalse(code.passed());
        assertTrue(code.failures().get(0).startsWith("errors: expected [startDate REQUIRED] but was [endDate REQUIRED,"),
                code.failures().toString());
    }

    @Test
    void unreadableTestFilesAreProblemsWithLinesAndFailedResults() {
        Fixture f = Fixture.copy("mini", dir)
                .write("tests/broken.yaml", "- name: a\n  answers: {hours: 1\n")
                .write("tests/typo.yaml", "- name: typo\n  answers: {}\n  expect:\n    eligble: true\n")
                .write("tests/dup.yaml", "- name: end before start\n  answers: {}\n  expect: {eligible: true}\n");
        TestPack pack = TestPackRunner.load(f.source());
        List<String> where = pack.problems().stream().map(p -> p.file() + ":" + p.line()).toList();
        assertEquals(List.of("tests/broken.yaml:3", "tests/dup.yaml:1", "tests/typo.yaml:4"), where,
                pack.problems().toString());
        assertTrue(pack.problems().stream().map(SchemeProblem::kind).allMatch("TEST_CASE"::equals));
        assertEquals(3, pack.cases().size(), "the good cases are still run");
        List<TestCaseResult> results = run(f);
        assertEquals(6, results.size());
        assertEquals(3, results.stream().filter(r -> !r.passed()).count(), "one failed result per problem");
    }

    @Test
    void aSchemeWithoutTestCasesFails() {
        Fixture f = Fixture.copy("mini", dir).write("tests/cases.yaml", "# nothing yet\n");
        TestPack pack = TestPackRunner.load(f.source());
        assertEquals(1, pack.problems().size());
        assertTrue(pack.problems().get(0).message().contains("no test case"));
        assertFalse(run(f).get(0).passed());
    }
}
