package org.guichet.rules.engine;

import java.util.ArrayList;
import java.util.List;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.api.scheme.TestCaseResult;
import org.guichet.rules.engine.testpack.TestCase;
import org.guichet.rules.engine.testpack.TestCaseChecker;
import org.guichet.rules.engine.testpack.TestPackReader;

/** Runs a scheme's test pack (tests/*.yaml) against its compiled rules, at build time and at deploy time. */
public final class TestPackRunner {
    private TestPackRunner() { }

    /**
     * Runs every case of tests/*.yaml against the compiled scheme. A test file that cannot be read (and a pack with
     * no case) yields a failed result named after the file, so a broken test pack can never pass unnoticed; the
     * same problems, with file and line, are in {@link #load(SchemeSource)}.
     */
    public static List<TestCaseResult> run(CompiledScheme scheme, SchemeSource source) {
        TestPack pack = load(source);
        List<TestCaseResult> results = new ArrayList<>();
        for (SchemeProblem p : pack.problems()) {
            results.add(new TestCaseResult(p.file() == null ? "test pack" : p.file(), false, List.of(p.toString())));
        }
        for (TestCase c : pack.cases()) {
            results.add(runCase(scheme, c));
        }
        return results;
    }

    /** Reads the test pack; unreadable files and bad cases are SchemeProblem(TEST_CASE, file, line, message). */
    public static TestPack load(SchemeSource source) {
        List<SchemeProblem> problems = new ArrayList<>();
        List<TestCase> cases = TestPackReader.read(source, problems);
        return new TestPack(cases, problems);
    }

    public static TestCaseResult runCase(CompiledScheme scheme, TestCase testCase) {
        return TestCaseChecker.check(scheme, testCase);
    }
}
