package org.guichet.rules.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.api.scheme.TestCaseResult;
import org.guichet.rules.engine.ClasspathSchemeSource;
import org.guichet.rules.engine.CompilationResult;
import org.guichet.rules.engine.SchemeCompiler;
import org.guichet.rules.engine.SchemeSource;
import org.guichet.rules.engine.TestPack;
import org.guichet.rules.engine.TestPackRunner;
import org.guichet.rules.engine.testpack.TestCase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs a scheme module's test pack at build time, with the compiler the portal uses at deploy time. A scheme
 * module has no Java: surefire finds this class in the test kit jar (dependenciesToScan) and it reads the scheme
 * from the test class path folder {@value #BASE} (the module's target/classes).
 */
public class SchemeTestPackTest {
    static final String BASE = "GUICHET-INF";

    private static CompilationResult compilation;

    @TestFactory
    List<DynamicTest> testPack() {
        ClassLoader loader = SchemeTestPackTest.class.getClassLoader();
        SchemeSource source = new ClasspathSchemeSource(loader, BASE);
        compilation = new SchemeCompiler().compile(source, loader);
        TestPack pack = TestPackRunner.load(source);

        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("scheme compiles", () -> {
            if (!compilation.ok()) {
                fail(describe("the scheme does not compile", compilation.problems()));
            }
        }));
        tests.add(DynamicTest.dynamicTest("test pack is readable", () -> {
            if (!pack.problems().isEmpty()) {
                fail(describe("the test pack has problems", pack.problems()));
            }
        }));
        for (TestCase c : pack.cases()) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                if (compilation.scheme() == null) {
                    fail("not run: the scheme does not compile (see 'scheme compiles')");
                }
                TestCaseResult result = TestPackRunner.runCase(compilation.scheme(), c);
                if (!result.passed()) {
                    fail(c.file() + " line " + c.line() + ", case '" + c.name() + "':\n  "
                            + String.join("\n  ", result.failures()));
                }
            }));
        }
        return tests;
    }

    @AfterAll
    static void close() {
        if (compilation != null && compilation.scheme() != null) {
            compilation.scheme().close();
        }
    }

    private static String describe(String title, List<SchemeProblem> problems) {
        return title + " (" + problems.size() + " problem" + (problems.size() > 1 ? "s" : "") + "):\n  "
                + problems.stream().map(SchemeProblem::toString).collect(Collectors.joining("\n  "));
    }
}
