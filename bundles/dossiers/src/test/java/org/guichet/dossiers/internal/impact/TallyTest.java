package org.guichet.dossiers.internal.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.guichet.api.impact.ImpactResults;
import org.guichet.api.impact.ImpactResults.AmountBand;
import org.guichet.api.scheme.Amount;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.Installment;
import org.guichet.api.scheme.Reason;
import org.guichet.api.scheme.RequiredDocument;
import org.guichet.api.scheme.SchemeRef;
import org.guichet.dossiers.internal.shared.EvaluationDiff;
import org.junit.jupiter.api.Test;

/** The comparison of two evaluations and the sums of a run, without a database. */
class TallyTest {
    static Evaluation eval(boolean eligible, String total, List<String> reasons, List<String> documents) {
        Amount amount = total == null ? null : new Amount("EUR", null, new BigDecimal(total),
                List.of(new Installment("2026-09", new BigDecimal(total))), List.of());
        return new Evaluation(new SchemeRef("vt", "1.0.0"), eligible,
                reasons.stream().map(c -> new Reason(c, "texte " + c, "r")).toList(),
                documents.stream().map(d -> new RequiredDocument(d, "pièce " + d, "pourquoi", "r")).toList(), amount,
                List.of());
    }

    static Outcome outcome(Evaluation before, Evaluation after) {
        return new Outcome(EvaluationDiff.of(before, after), Map.of("TOO_SHORT", "La formation est trop courte"),
                before.amount() == null ? List.of() : List.of(new Outcome.Month("2026-09", before.amount().total())),
                after.amount() == null ? List.of() : List.of(new Outcome.Month("2026-09", after.amount().total())),
                null);
    }

    @Test
    void theDifferenceOfTwoEvaluations() {
        EvaluationDiff same = EvaluationDiff.of(eval(true, "100.0", List.of(), List.of("ID")),
                eval(true, "100.00", List.of(), List.of("ID")));
        assertFalse(same.changed(), "100.0 and 100.00 are the same amount");
        EvaluationDiff d = EvaluationDiff.of(eval(true, "100", List.of(), List.of("ID", "RIB")),
                eval(false, null, List.of("TOO_SHORT"), List.of("ID", "TAX")));
        assertTrue(d.changed() && d.eligibilityChanged() && d.amountChanged());
        assertEquals(List.of("TOO_SHORT"), d.reasonsGained());
        assertEquals(List.of("TAX"), d.documentsAdded());
        assertEquals(List.of("RIB"), d.documentsDropped());
        assertNull(d.amountAfter());
    }

    @Test
    void bandsHaveTheirBoundsWhereTheDocumentSays() {
        // the bound nearer zero is in the band, the farther one is not; zero has its own band
        assertEquals(4, Tally.band(BigDecimal.ZERO));
        assertEquals(5, Tally.band(new BigDecimal("0.01")));
        assertEquals(5, Tally.band(new BigDecimal("99.99")));
        assertEquals(6, Tally.band(new BigDecimal("100")));
        assertEquals(8, Tally.band(new BigDecimal("1000")));
        assertEquals(3, Tally.band(new BigDecimal("-99.99")));
        assertEquals(2, Tally.band(new BigDecimal("-100")));
        assertEquals(0, Tally.band(new BigDecimal("-1000")));
        List<AmountBand> bands = Tally.bands(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertEquals(new AmountBand(null, new BigDecimal("-1000"), 1), bands.get(0));
        assertEquals(new AmountBand(new BigDecimal("-100"), BigDecimal.ZERO, 4), bands.get(3));
        assertEquals(new AmountBand(BigDecimal.ZERO, BigDecimal.ZERO, 5), bands.get(4));
        assertEquals(new AmountBand(new BigDecimal("100"), new BigDecimal("500"), 7), bands.get(6));
        assertEquals(new AmountBand(new BigDecimal("1000"), null, 9), bands.get(8));
    }

    @Test
    void aRunsSums() {
        Tally t = new Tally();
        t.add(outcome(eval(true, "300", List.of(), List.of()), eval(false, null, List.of("TOO_SHORT"), List.of())));
        t.add(outcome(eval(false, null, List.of("TOO_SHORT"), List.of()), eval(true, "250", List.of(), List.of())));
        t.add(outcome(eval(true, "100", List.of(), List.of()), eval(true, "100", List.of(), List.of())));
        t.add(Outcome.failed("Réponses refusées"));
        ImpactResults r = t.results(null);
        assertEquals(3, r.replayed());
        assertEquals(2, r.changed());
        assertEquals(1, r.becameEligible());
        assertEquals(1, r.becameIneligible());
        assertEquals(1, r.failed());
        assertEquals(List.of(new ImpactResults.Count("TOO_SHORT", "La formation est trop courte", 1)),
                r.reasonsGained());
        assertEquals(0, new BigDecimal("400").compareTo(r.totalBefore()));
        assertEquals(0, new BigDecimal("350").compareTo(r.totalAfter()));
        assertEquals(List.of(new ImpactResults.MonthTotal("2026-09", new BigDecimal("400"), new BigDecimal("350"))),
                r.months());
        assertEquals(1, r.amountBands().get(2).count(), "−300: from −500 to −100");
        assertEquals(1, r.amountBands().get(4).count(), "unchanged");
        assertEquals(1, r.amountBands().get(6).count(), "+250: from 100 to 500");
    }
}
