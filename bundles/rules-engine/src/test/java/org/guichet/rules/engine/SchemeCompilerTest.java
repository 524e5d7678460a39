package org.guichet.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.guichet.api.scheme.FieldType;
import org.guichet.api.scheme.SchemeProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieServices;

/** Compilation: a good scheme compiles; each kind of mistake is reported with its file and line. */
class SchemeCompilerTest {
    @TempDir Path dir;

    private Fixture mini() {
        return Fixture.copy("mini", dir);
    }

    private static SchemeProblem only(CompilationResult r, Predicate<SchemeProblem> which) {
        List<SchemeProblem> found = r.problems().stream().filter(which).toList();
        assertEquals(1, found.size(), "expected one matching problem in " + r.problems());
        assertFalse(r.ok());
        assertNull(r.scheme(), "a failed compilation has no scheme");
        return found.get(0);
    }

    @Test
    void aGoodSchemeCompilesWithItsDescriptor() {
        CompilationResult r = mini().compile();
        assertTrue(r.ok(), () -> r.problems().toString());
        assertEquals("mini-scheme", r.descriptor().id());
        assertEquals("2.1.0", r.descriptor().version());
        assertEquals(FieldType.DECIMAL, r.descriptor().field("shares").type());
        assertEquals("hasIncome", r.descriptor().field("income").requiredWhen());
        assertEquals(List.of("application/pdf", "image/jpeg", "image/png"),
                r.descriptor().document("IDENTITY").acceptedTypes(), "default accepted types");
        assertEquals(10_485_760L, r.descriptor().document("IDENTITY").maxBytes(), "default size");
        assertEquals(1000L, r.descriptor().document("INCOME_PROOF").maxBytes());
        // figures in texts come from the parameters, written the French and the English way
        assertEquals("Plus de 70 heures, s'il vous plaît.", r.descriptor().reasons().get("TOO_SHORT").fr());
        assertEquals("Not after 30.", r.descriptor().reasons().get("TOO_OLD").en());
        r.scheme().close();
    }

    @Test
    void drlSyntaxErrorIsReportedWithFileAndLine() {
        Fixture f = mini().write("rules/broken.drl", """
                package org.guichet.scheme.mini_scheme;

                rule "Broken"
                when
                    Answers(hours > )
                then
                end
                """);
        CompilationResult r = f.compile();
        SchemeProblem p = only(r, x -> "rules/broken.drl".equals(x.file()));
        assertEquals("RULES", p.kind());
        assertEquals(5, p.line(), p.toString());
        assertNotNull(r.descriptor(), "the descriptor was fine");
    }

    @Test
    void aRuleReadingAFieldTheFormDoesNotAskFails() {
        Fixture f = mini().replace("rules/rules.drl", "Answers(kind == \"B\")", "Answers(category == \"B\")");
        CompilationResult r = f.compile();
        assertFalse(r.ok());
        SchemeProblem p = r.problems().stream().filter(x -> "RULES".equals(x.kind())).findFirst().orElseThrow();
        assertEquals("rules/rules.drl", p.file());
        assertEquals(17, p.line(), p.toString());
        assertTrue(p.message().contains("category"), p.message());
    }

    @Test
    void aFieldNoRuleUsesFailsTheScheme() {
        Fixture f = mini().replace("scheme.yaml", "  - name: note\n",
                "  - name: shoeSize\n    type: INTEGER\n    label: {fr: Pointure}\n  - name: note\n");
        SchemeProblem p = only(f.compile(), x -> "FIELD".equals(x.kind()));
        assertEquals("scheme.yaml", p.file());
        assertEquals(54, p.line(), p.toString());
        assertTrue(p.message().contains("shoeSize"), p.message());
    }

    @Test
    void aMentionInACommentDoesNotCountAsUse() {
        Fixture f = mini().replace("rules/rules.drl", "    Answers(note != null)\n", "    Answers() // note\n");
        SchemeProblem p = only(f.compile(), x -> "FIELD".equals(x.kind()));
        assertTrue(p.message().contains("'note'"), p.message());
    }

    @Test
    void badCsvIsReportedWithFileAndLine() {
        Fixture f = mini().replace("parameters/figures.csv", "bonus.amount,10.5", "bonus.amount,ten");
        SchemeProblem p = only(f.compile(), x -> "PARAMETERS".equals(x.kind()) && x.line() != null);
        assertEquals("parameters/figures.csv", p.file());
        assertEquals(6, p.line(), "comment and blank lines count");
    }

    @Test
    void bracketRowsMustFollowEachOther() {
        Fixture f = mini().write("parameters/base-by-quotient.csv", "above,upTo,amount\n,400,600\n450,,300\n");
        SchemeProblem p = only(f.compile(), x -> "PARAMETERS".equals(x.kind()));
        assertEquals(3, p.line());
        assertTrue(p.message().contains("previous row ends at 400"), p.message());
    }

    @Test
    void unknownCsvHeaderIsReported() {
        Fixture f = mini().write("parameters/other.csv", "key;amount\nx;1\n");
        SchemeProblem p = only(f.compile(), x -> "parameters/other.csv".equals(x.file()));
        assertEquals(1, p.line());
    }

    @Test
    void aParameterNoRuleReadsIsReported() {
        Fixture f = mini().replace("parameters/figures.csv", "age.max,30", "age.max,30\nforgotten,12");
        SchemeProblem p = only(f.compile(), x -> "PARAMETERS".equals(x.kind()));
        assertEquals(6, p.line());
        assertTrue(p.message().contains("forgotten"));
    }

    @Test
    void unknownCodesAndParameterNamesInRulesAreReported() {
        Fixture f = mini()
                .replace("rules/rules.drl", "Reason.of(drools, \"KIND_B\")", "Reason.of(drools, \"KIND_C\")")
                .replace("rules/rules.drl", "name == \"age.max\"", "name == \"age.maximum\"");
        CompilationResult r = f.compile();
        List<SchemeProblem> rules = r.problems().stream().filter(x -> "RULES".equals(x.kind())).toList();
        assertEquals(2, rules.size(), r.problems().toString());
        assertEquals(19, rules.get(0).line());
        assertTrue(rules.get(0).message().contains("KIND_C"));
        assertEquals(24, rules.get(1).line());
        // the parameter no rule reads any more is reported too
        assertTrue(r.problems().stream().anyMatch(x -> x.message().contains("'age.max' is used by no rule")));
    }

    @Test
    void rulesMustUseTheSchemePackage() {
        Fixture f = mini().replace("rules/rules.drl", "package org.guichet.scheme.mini_scheme;", "package my.rules;");
        CompilationResult r = f.compile();
        assertTrue(r.problems().stream().anyMatch(x -> x.line() != null && x.line() == 1
                && x.message().contains("org.guichet.scheme.mini_scheme")), r.problems().toString());
    }

    @Test
    void descriptorMistakesAreAllReportedWithLines() {
        Fixture f = mini()
                .replace("scheme.yaml", "    type: TEXT\n", "    type: STRING\n")
                .replace("scheme.yaml", "    requiredWhen: hasIncome\n    min: 0\n    label: {fr: Revenu",
                        "    requiredWhen: kind\n    min: 0\n    label: {fr: Revenu")
                .replace("scheme.yaml", "  - name: hours\n", "  - name: hours\n    requierd: true\n");
        CompilationResult r = f.compile();
        List<SchemeProblem> d = r.problems().stream().filter(x -> "DESCRIPTOR".equals(x.kind())).toList();
        assertEquals(3, d.size(), r.problems().toString());
        assertTrue(d.stream().anyMatch(x -> x.message().contains("unknown key 'requierd'") && x.line() == 27));
        assertTrue(d.stream().anyMatch(x -> x.message().contains("unknown type 'STRING'") && x.line() == 56));
        assertTrue(d.stream().anyMatch(x -> x.message().contains("requiredWhen must name another BOOLEAN")));
    }

    @Test
    void duplicateFieldAndMissingIdAreReported() {
        Fixture f = mini()
                .replace("scheme.yaml", "id: mini-scheme\n", "")
                .replace("scheme.yaml", "  - name: note\n", "  - name: hours\n    type: INTEGER\n    label: {fr: H}\n  - name: note\n");
        CompilationResult r = f.compile();
        assertNull(r.descriptor(), "without an id there is no descriptor");
        assertTrue(r.problems().stream().anyMatch(x -> x.message().contains("'id' is missing")), r.problems().toString());
        assertTrue(r.problems().stream().anyMatch(x -> x.message().contains("'hours' is defined twice")
                && x.line() == 53), r.problems().toString());
    }

    @Test
    void yamlSyntaxErrorGivesTheLine() {
        Fixture f = mini().replace("scheme.yaml", "payee: APPLICANT", "payee: APPLICANT: again");
        SchemeProblem p = only(f.compile(), x -> "DESCRIPTOR".equals(x.kind()));
        assertEquals(10, p.line(), p.toString());
    }

    @Test
    void anEmptyFolderReportsWhatIsMissing() {
        CompilationResult r = new SchemeCompiler().compile(new DirectorySchemeSource(dir), getClass().getClassLoader());
        assertFalse(r.ok());
        assertTrue(r.problems().stream().anyMatch(p -> p.message().contains("scheme.yaml is missing")));
        assertTrue(r.problems().stream().anyMatch(p -> "RULES".equals(p.kind())));
    }

    @Test
    void closeRemovesTheKieModuleAndStopsEvaluation() throws Exception {
        CompilationResult r = mini().compile();
        CompiledScheme scheme = r.scheme();
        var releaseId = scheme.releaseId();
        assertEquals("org.guichet.schemes", releaseId.getGroupId());
        assertEquals("mini-scheme", releaseId.getArtifactId());
        assertTrue(releaseId.getVersion().startsWith("2.1.0-"));
        assertNotNull(KieServices.Factory.get().getRepository().getKieModule(releaseId));
        scheme.close();
        assertNull(KieServices.Factory.get().getRepository().getKieModule(releaseId));
        assertThrows(IllegalStateException.class, () -> scheme.evaluate(Map.of(), Locale.FRENCH));
    }

    @Test
    void twoCompilationsOfOneVersionLiveSideBySide() {
        CompilationResult a = mini().compile();
        CompilationResult b = new SchemeCompiler().compile(new DirectorySchemeSource(dir), getClass().getClassLoader());
        assertTrue(a.ok() && b.ok());
        assertFalse(a.scheme().releaseId().equals(b.scheme().releaseId()));
        a.scheme().close();
        assertNotNull(KieServices.Factory.get().getRepository().getKieModule(b.scheme().releaseId()));
        b.scheme().close();
    }

    @Test
    void theThreadContextClassLoaderIsRestored() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        ClassLoader other = new ClassLoader(getClass().getClassLoader()) { };
        CompilationResult r = new SchemeCompiler().compile(mini().source(), other);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(before, Thread.currentThread().getContextClassLoader());
        r.scheme().close();
    }
}
