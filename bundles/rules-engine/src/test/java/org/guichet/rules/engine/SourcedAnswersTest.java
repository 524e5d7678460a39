package org.guichet.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.RequiredDocument;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers an administration gives (source, sourceDatum) and the documents they replace (replacedBy): read from
 * scheme.yaml, checked with a clear problem, and a replaced document leaves the checklist only when every answer
 * that replaces it came from its source.
 */
class SourcedAnswersTest {
    @TempDir Path dir;

    /** mini with income and shares from DGFIP, and INCOME_PROOF replaced by them. */
    private int copies;

    private Fixture sourced() {
        return Fixture.copy("mini", dir.resolve("copy" + ++copies))
                .replace("scheme.yaml", "  - name: income\n    type: INTEGER\n",
                        "  - name: income\n    type: INTEGER\n    source: DGFIP\n    sourceDatum: referenceTaxIncome\n")
                .replace("scheme.yaml", "  - name: shares\n    type: DECIMAL\n",
                        "  - name: shares\n    type: DECIMAL\n    source: DGFIP\n    sourceDatum: taxShares\n")
                .replace("scheme.yaml", "  - id: INCOME_PROOF\n", "  - id: INCOME_PROOF\n    replacedBy: [income, shares]\n");
    }

    private static List<String> documents(CompilationResult r, EvaluationContext c) throws Exception {
        return r.scheme().evaluate(AnswerValidationTest.valid(), Locale.FRENCH, c).requiredDocuments().stream()
                .map(RequiredDocument::id).toList();
    }

    private static SchemeProblem onlyDescriptorProblem(CompilationResult r) {
        assertFalse(r.ok(), "the scheme should not compile");
        List<SchemeProblem> d = r.problems().stream().filter(p -> "DESCRIPTOR".equals(p.kind())).toList();
        assertEquals(1, d.size(), r.problems().toString());
        return d.get(0);
    }

    @Test
    void sourcesAndReplacementsReachTheDescriptor() {
        CompilationResult r = sourced().compile();
        assertTrue(r.ok(), () -> r.problems().toString());
        SchemeDescriptor d = r.descriptor();
        FieldDefinition income = d.field("income");
        assertEquals(AnswerSource.DGFIP, income.source());
        assertEquals("referenceTaxIncome", income.sourceDatum());
        assertNull(d.field("hours").source());
        assertEquals(List.of("income", "shares"), d.sourcedFields().stream().map(FieldDefinition::name).toList());
        assertEquals(List.of("income", "shares"), d.document("INCOME_PROOF").replacedBy());
        assertEquals(List.of(), d.document("IDENTITY").replacedBy());
        r.scheme().close();
    }

    @Test
    void theDocumentLeavesTheChecklistOnlyWhenAllItsAnswersCameFromTheirSource() throws Exception {
        CompilationResult r = sourced().compile();
        assertTrue(r.ok(), () -> r.problems().toString());
        EvaluationContext person = EvaluationContext.person(List.of());
        assertEquals(List.of("IDENTITY", "INCOME_PROOF"), documents(r, EvaluationContext.ANONYMOUS));
        assertEquals(List.of("IDENTITY", "INCOME_PROOF"), documents(r, person), "typed answers replace nothing");
        assertEquals(List.of("IDENTITY", "INCOME_PROOF"),
                documents(r, person.withSourcedAnswers(Map.of("income", AnswerSource.DGFIP))), "one of two is not enough");
        assertEquals(List.of("IDENTITY", "INCOME_PROOF"), documents(r, person.withSourcedAnswers(
                Map.of("income", AnswerSource.DGFIP, "shares", AnswerSource.FRANCE_TRAVAIL))), "another source is not it");
        assertEquals(List.of("IDENTITY"), documents(r, person.withSourcedAnswers(
                Map.of("income", AnswerSource.DGFIP, "shares", AnswerSource.DGFIP))));
        r.scheme().close();
    }

    @Test
    void anUnknownSourceIsReportedAtItsLine() {
        SchemeProblem p = onlyDescriptorProblem(sourced().replace("scheme.yaml", "source: DGFIP\n    sourceDatum: taxShares",
                "source: URSSAF\n    sourceDatum: taxShares").compile());
        assertTrue(p.message().contains("field 'shares': unknown source 'URSSAF' (use one of [DGFIP, FRANCE_TRAVAIL,"
                + " FRANCECONNECT])"), p.message());
    }

    @Test
    void anUnknownDatumIsReportedWithWhatTheSourceGives() {
        SchemeProblem p = onlyDescriptorProblem(sourced().replace("scheme.yaml", "sourceDatum: taxShares",
                "sourceDatum: shares").compile());
        assertTrue(p.message().contains("field 'shares': DGFIP gives no 'shares' (it gives [noticeFound,"
                + " referenceTaxIncome, taxShares])"), p.message());
    }

    @Test
    void aDatumOfAnotherTypeIsReported() {
        SchemeProblem p = onlyDescriptorProblem(sourced().replace("scheme.yaml", "sourceDatum: taxShares",
                "sourceDatum: noticeFound").compile());
        assertTrue(p.message().contains("field 'shares': DGFIP gives 'noticeFound' as BOOLEAN, but the field is"
                + " DECIMAL"), p.message());
    }

    @Test
    void aSourceWithoutDatumAndADatumWithoutSourceAreReported() {
        SchemeProblem p = onlyDescriptorProblem(sourced().replace("scheme.yaml", "    sourceDatum: taxShares\n", "")
                .compile());
        assertTrue(p.message().contains("field 'shares': say which datum of DGFIP it is with sourceDatum"), p.message());
        p = onlyDescriptorProblem(Fixture.copy("mini", dir.resolve("other")).replace("scheme.yaml",
                "  - name: note\n    type: TEXT\n", "  - name: note\n    type: TEXT\n    sourceDatum: familyName\n")
                .compile());
        assertTrue(p.message().contains("field 'note': sourceDatum needs a source"), p.message());
    }

    @Test
    void aReplacementByATypedOrUnknownFieldIsReported() {
        SchemeProblem p = onlyDescriptorProblem(sourced().replace("scheme.yaml", "replacedBy: [income, shares]",
                "replacedBy: [income, hours]").compile());
        assertTrue(p.message().contains("document 'INCOME_PROOF': replacedBy names 'hours', which has no source"),
                p.message());
        p = onlyDescriptorProblem(sourced().replace("scheme.yaml", "replacedBy: [income, shares]",
                "replacedBy: [income, sharez]").compile());
        assertTrue(p.message().contains("document 'INCOME_PROOF': replacedBy names 'sharez', which is no field"),
                p.message());
    }

    @Test
    void anOriginIsReadBackFromItsTag() {
        Instant at = Instant.parse("2026-12-02T01:30:00Z");
        String tag = AnswerSource.FRANCE_TRAVAIL.tag(at);
        assertEquals("FRANCE_TRAVAIL:2026-12-02T01:30:00Z", tag);
        assertEquals(new AnswerSource.Origin(AnswerSource.FRANCE_TRAVAIL, at), AnswerSource.Origin.parse(tag).get());
        assertTrue(AnswerSource.Origin.parse("ORGANISATION:12").isEmpty(), "an organisation is no administration");
        assertTrue(AnswerSource.Origin.parse(null).isEmpty());
    }
}
