package org.guichet.rules.engine.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.rules.engine.parameters.ParameterReader;
import org.guichet.rules.engine.parameters.ParameterSet;
import org.junit.jupiter.api.Test;

/**
 * Found by fuzzing the scheme files (docs/fuzzing.md): numbers with a huge exponent. {@code maxBytes: 1e30} threw
 * ArithmeticException out of the reader (the scheme FAILED with an "INTERNAL" problem and no line); a parameter
 * {@code 1e20000000} was accepted and every text mentioning it became 26 million characters long; a field's
 * {@code min: 1e20000000} was written out in full in every "too small" message.
 */
class SchemeFilesHugeNumbersTest {
    private static final String HEAD = "id: x\nversion: 1.0.0\ntitle: t\nsummary: s\ndescription: d\nfilers: [APPLICANT]\n"
            + "payee: APPLICANT\n";

    private static List<SchemeProblem> descriptorProblems(String yaml) {
        List<SchemeProblem> problems = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> DescriptorReader.read(yaml.getBytes(StandardCharsets.UTF_8), problems));
        return problems;
    }

    private static SchemeProblem about(List<SchemeProblem> problems, String word) {
        return problems.stream().filter(p -> p.message().contains(word)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem about " + word + " in " + problems));
    }

    @Test
    void aMaxBytesBeyondALongIsAProblemAtItsLineNotAnArithmeticException() {
        List<SchemeProblem> problems = descriptorProblems(HEAD + "fields:\n  - {name: a, type: TEXT, label: a}\n"
                + "documents:\n  - id: A\n    label: a\n    why: b\n    maxBytes: 1e30\n");
        SchemeProblem p = about(problems, "maxBytes");
        assertEquals("DESCRIPTOR", p.kind());
        assertEquals(Integer.valueOf(14), p.line());
    }

    @Test
    void aFieldMinWithAHugeExponentIsAProblemAtItsLine() {
        List<SchemeProblem> problems = descriptorProblems(HEAD + "fields:\n  - name: a\n    type: INTEGER\n"
                + "    label: a\n    min: 1e20000000\n");
        SchemeProblem p = about(problems, "'min'");
        assertEquals(Integer.valueOf(12), p.line());
        assertTrue(p.message().length() < 300, p.message());
    }

    @Test
    void aParameterWithAHugeExponentIsAProblemNotATwentySixMillionCharacterText() {
        List<SchemeProblem> problems = new ArrayList<>();
        ParameterSet set = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> ParameterReader.read(
                new SchemeFilesFuzzTest.OneFile("parameters/f.csv",
                        "name,value\nhuge,1e20000000\ntiny,1e-20000000\nfine,1500.50\n".getBytes(StandardCharsets.UTF_8)),
                problems));
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("parameters/f.csv", problems.get(0).file());
        assertEquals(Integer.valueOf(2), problems.get(0).line());
        assertEquals(Integer.valueOf(3), problems.get(1).line());
        assertEquals(1, set.params().size());
        assertEquals("1\u00A0500,5", TextParameters.format(set.params().get(0).getValue(), java.util.Locale.FRANCE));
    }
}
