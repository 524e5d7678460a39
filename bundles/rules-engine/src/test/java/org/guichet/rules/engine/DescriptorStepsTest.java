package org.guichet.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.api.scheme.StepDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The steps of the form in scheme.yaml: their titles reach the descriptor; every mistake is reported with its line. */
class DescriptorStepsTest {
    @TempDir Path dir;

    private static final String STEPS = """
            steps:
              - id: you
                title: {fr: Vous, en: You}
              - id: training
                title: {fr: Votre formation, en: Your training}
                intro: {fr: "Plus de {hours.mustExceed} heures.", en: "More than {hours.mustExceed} hours."}
              - id: money
                title: {fr: Vos revenus}
            fields:
            """;

    /** The mini scheme with three steps: you (birthDate), training (startDate … kind), money (hasIncome … note). */
    private Fixture withSteps() {
        Fixture f = Fixture.copy("mini", dir).replace("scheme.yaml", "fields:\n", STEPS);
        for (String[] fs : new String[][] {{"birthDate", "you"}, {"startDate", "training"}, {"endDate", "training"},
                {"hours", "training"}, {"kind", "training"}, {"hasIncome", "money"}, {"income", "money"},
                {"shares", "money"}, {"note", "money"}}) {
            f.replace("scheme.yaml", "  - name: " + fs[0] + "\n", "  - name: " + fs[0] + "\n    step: " + fs[1] + "\n");
        }
        return f;
    }

    /** The line (1 for the first) of the first line of the file holding that text. */
    private static int lineOf(Fixture f, String text) {
        List<String> lines = f.read("scheme.yaml").lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in scheme.yaml");
    }

    private static List<SchemeProblem> descriptorProblems(CompilationResult r) {
        assertFalse(r.ok(), "the scheme should not compile");
        return r.problems().stream().filter(p -> "DESCRIPTOR".equals(p.kind())).toList();
    }

    private static SchemeProblem onlyDescriptorProblem(CompilationResult r) {
        List<SchemeProblem> d = descriptorProblems(r);
        assertEquals(1, d.size(), r.problems().toString());
        return d.get(0);
    }

    @Test
    void declaredStepsReachTheDescriptorWithTheirTitles() {
        CompilationResult r = withSteps().compile();
        assertTrue(r.ok(), () -> r.problems().toString());
        SchemeDescriptor d = r.descriptor();
        assertEquals(List.of("you", "training", "money"), d.steps().stream().map(StepDefinition::id).toList());
        assertEquals(d.steps(), d.formSteps());
        assertEquals(3, d.stepCount());
        assertEquals("Votre formation", d.stepTitle(2, Locale.FRENCH));
        assertEquals("Your training", d.stepTitle(2, Locale.ENGLISH));
        assertEquals("Vos revenus", d.stepTitle(3, Locale.ENGLISH), "French when the English title is missing");
        // figures in the texts of steps come from the parameters, like every text
        assertEquals("Plus de 70 heures.", d.stepIntro(2, Locale.FRENCH));
        assertNull(d.stepIntro(1, Locale.FRENCH));
        assertEquals(List.of("startDate", "endDate", "hours", "kind"),
                d.stepFields(2).stream().map(FieldDefinition::name).toList());
        assertEquals(3, d.stepNumberOf("shares"));
        assertEquals(0, d.stepNumberOf("nothing"));
        assertEquals("training", d.step("training").id());
        assertThrows(IndexOutOfBoundsException.class, () -> d.stepTitle(4, Locale.FRENCH));
        assertThrows(IndexOutOfBoundsException.class, () -> d.stepTitle(0, Locale.FRENCH));
        r.scheme().close();
    }

    @Test
    void withoutDeclaredStepsTheStepsComeFromTheFieldsWithoutTitles() {
        CompilationResult r = Fixture.copy("mini", dir)
                .replace("scheme.yaml", "  - name: hasIncome\n", "  - name: hasIncome\n    step: money\n")
                .replace("scheme.yaml", "  - name: income\n", "  - name: income\n    step: money\n")
                .compile();
        assertTrue(r.ok(), () -> r.problems().toString());
        SchemeDescriptor d = r.descriptor();
        assertEquals(List.of(), d.steps());
        assertEquals(List.of("", "money"), d.formSteps().stream().map(StepDefinition::id).toList(),
                "questions without a step form the step \"\", in the order of their first question");
        assertNull(d.stepTitle(2, Locale.FRENCH), "no title: the page names the step itself");
        assertEquals(List.of("hasIncome", "income"), d.stepFields(2).stream().map(FieldDefinition::name).toList());
        assertEquals(1, d.stepNumberOf("note"));
        r.scheme().close();
    }

    @Test
    void aFieldInAnUndeclaredStepIsReportedAtItsStepLine() {
        Fixture f = withSteps().replace("scheme.yaml", "  - name: note\n    step: money\n",
                "  - name: note\n    step: monney\n");
        SchemeProblem p = onlyDescriptorProblem(f.compile());
        assertEquals(lineOf(f, "step: monney"), p.line(), p.toString());
        assertTrue(p.message().contains("field 'note': step 'monney' is not declared in steps (you, training, money)"),
                p.message());
    }

    @Test
    void aFieldWithoutAStepIsReportedWhenStepsAreDeclared() {
        Fixture f = withSteps().replace("scheme.yaml", "  - name: note\n    step: money\n", "  - name: note\n");
        SchemeProblem p = onlyDescriptorProblem(f.compile());
        assertEquals(lineOf(f, "- name: note"), p.line(), p.toString());
        assertTrue(p.message().contains("field 'note': say its step"), p.message());
    }

    @Test
    void aStepWithoutQuestionsIsReported() {
        Fixture f = withSteps().replace("scheme.yaml", "  - id: money\n", "  - id: empty\n    title: {fr: Vide}\n"
                + "  - id: money\n");
        SchemeProblem p = onlyDescriptorProblem(f.compile());
        assertEquals(lineOf(f, "- id: empty"), p.line(), p.toString());
        assertTrue(p.message().contains("step 'empty' has no question"), p.message());
    }

    @Test
    void theQuestionsOfAStepMustFollowEachOther() {
        // shares, among the questions of money, is put in training: training is cut in two
        Fixture f = withSteps().replace("scheme.yaml", "  - name: shares\n    step: money\n",
                "  - name: shares\n    step: training\n");
        SchemeProblem p = onlyDescriptorProblem(f.compile());
        assertEquals(lineOf(f, "- name: shares"), p.line(), p.toString());
        assertTrue(p.message().contains("the questions of step 'training' must follow each other in fields (its first"
                + " question, 'startDate', is on line " + lineOf(f, "- name: startDate") + ")"), p.message());
    }

    @Test
    void theStepsAreListedInTheOrderOfTheirQuestions() {
        Fixture f = withSteps().replace("scheme.yaml", "  - id: you\n    title: {fr: Vous, en: You}\n", "")
                .replace("scheme.yaml", "    title: {fr: Vos revenus}\n",
                        "    title: {fr: Vos revenus}\n  - id: you\n    title: {fr: Vous, en: You}\n");
        SchemeProblem p = onlyDescriptorProblem(f.compile());
        assertEquals(lineOf(f, "steps:"), p.line(), p.toString());
        assertTrue(p.message().contains("list the steps in the order their questions come in fields (you, training,"
                + " money)"), p.message());
    }

    @Test
    void stepMistakesAreAllReportedWithLines() {
        Fixture f = withSteps()
                .replace("scheme.yaml", "    title: {fr: Vous, en: You}\n", "    titel: {fr: Vous, en: You}\n")
                .replace("scheme.yaml", "  - id: money\n", "  - id: Money_1\n    title: {fr: X}\n  - id: money\n")
                .replace("scheme.yaml", "    title: {fr: Vos revenus}\n",
                        "    title: {fr: Vos revenus}\n  - id: training\n    title: {fr: Encore}\n");
        List<SchemeProblem> d = descriptorProblems(f.compile());
        assertEquals(4, d.size(), d.toString());
        assertTrue(d.stream().anyMatch(p -> p.message().contains("step 'you': unknown key 'titel'")
                && p.line() == lineOf(f, "titel:")), d.toString());
        assertTrue(d.stream().anyMatch(p -> p.message().contains("step 'you': 'title' is missing")), d.toString());
        assertTrue(d.stream().anyMatch(p -> p.message().contains("step 'Money_1': a step id must be lower-case")
                && p.line() == lineOf(f, "- id: Money_1")), d.toString());
        assertTrue(d.stream().anyMatch(p -> p.message().contains("step 'training' is defined twice (first on line "
                + lineOf(f, "- id: training") + ")")), d.toString());
    }

    @Test
    void anEmptyListOfStepsIsReported() {
        Fixture f = withSteps();
        f.write("scheme.yaml", f.read("scheme.yaml").replaceAll("(?s)steps:\n.*?fields:\n", "steps: []\nfields:\n"));
        SchemeProblem p = onlyDescriptorProblem(f.compile());
        assertEquals(lineOf(f, "steps: []"), p.line(), p.toString());
    }
}
