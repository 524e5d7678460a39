package org.guichet.rules.engine.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.rules.engine.SchemeSource;
import org.guichet.rules.engine.answers.AnswerValidatorFuzzTest;
import org.guichet.rules.engine.parameters.ParameterReader;
import org.guichet.rules.engine.parameters.ParameterSet;
import org.guichet.rules.engine.testpack.TestCase;
import org.guichet.rules.engine.testpack.TestPackReader;
import org.guichet.rules.facts.Param;

/**
 * Fuzzing the files of a scheme bundle that the portal reads at deploy time and the scheme test kit at build time
 * (docs/fuzzing.md): scheme.yaml, parameters/*.csv, tests/*.yaml. Contract: a reader never throws; whatever is
 * wrong comes back as problems of its kind naming the file (and the line when the text has one), and it comes back
 * quickly. A reader that threw would leave the scheme FAILED with an "INTERNAL" problem and no line (or, for an
 * Error, take down the extender's thread).
 */
class SchemeFilesFuzzTest {
    private static final long SLOW_NANOS = 10_000_000_000L;

    /** scheme.yaml, then its texts' {parameter} placeholders resolved as the compiler does. */
    @FuzzTest(maxDuration = "3m")
    void descriptor(byte[] yaml) {
        List<SchemeProblem> problems = new ArrayList<>();
        long start = System.nanoTime();
        SchemeModel model = DescriptorReader.read(yaml, problems);
        if (model != null) {
            model = TextParameters.resolve(model, List.of(new Param("hours.mustExceed", new BigDecimal("1500.5"))),
                    problems);
            assertNotNull(model.descriptor());
        } else {
            assertFalse(problems.isEmpty(), "no model and no problem");
        }
        checkProblems(problems, "DESCRIPTOR", DescriptorReader.FILE);
        assertFast(start);
    }

    /** One parameters/*.csv file, then its values written into a text as TextParameters does. */
    @FuzzTest(maxDuration = "3m")
    void parameters(byte[] csv) {
        List<SchemeProblem> problems = new ArrayList<>();
        long start = System.nanoTime();
        ParameterSet set = ParameterReader.read(new OneFile("parameters/fuzz.csv", csv), problems);
        checkProblems(problems, "PARAMETERS", "parameters/fuzz.csv");
        for (Param p : set.params()) {
            assertNotNull(p.getValue());
            String fr = TextParameters.format(p.getValue(), Locale.FRANCE);
            assertTrue(fr.length() < 100, "a figure written in " + fr.length() + " characters");
        }
        set.brackets().forEach(b -> assertNotNull(b.getValue()));
        assertFast(start);
    }

    /** One tests/*.yaml file, then each case's answers checked as TestPackRunner does before running rules. */
    @FuzzTest(maxDuration = "3m")
    void testPack(byte[] yaml) {
        List<SchemeProblem> problems = new ArrayList<>();
        long start = System.nanoTime();
        List<TestCase> cases = TestPackReader.read(new OneFile("tests/fuzz.yaml", yaml), problems);
        for (SchemeProblem p : problems) {
            assertEquals("TEST_CASE", p.kind(), p.toString());
            assertTrue("tests/fuzz.yaml".equals(p.file()) || "tests/".equals(p.file()), p.toString());
            assertNotNull(p.message());
        }
        for (TestCase c : cases) {
            assertNotNull(c.name());
            assertNotNull(c.expect());
            AnswerValidatorFuzzTest.checkContract(c.answers());
        }
        assertFast(start);
    }

    static void checkProblems(List<SchemeProblem> problems, String kind, String file) {
        for (SchemeProblem p : problems) {
            assertEquals(kind, p.kind(), p.toString());
            assertEquals(file, p.file(), p.toString());
            assertNotNull(p.message(), p.toString());
            assertTrue(p.line() == null || p.line() >= 1, p.toString());
        }
    }

    private static void assertFast(long start) {
        long took = System.nanoTime() - start;
        assertTrue(took < SLOW_NANOS, "reading took " + took / 1_000_000 + " ms");
    }

    /** A scheme source holding one file. */
    record OneFile(String path, byte[] content) implements SchemeSource {
        @Override public String name() { return "fuzz"; }

        @Override public List<String> list(String folder) {
            return path.startsWith(folder + "/") ? List.of(path) : List.of();
        }

        @Override public Optional<byte[]> read(String p) {
            return p.equals(path) ? Optional.of(content) : Optional.empty();
        }
    }
}
