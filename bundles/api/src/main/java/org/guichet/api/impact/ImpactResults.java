package org.guichet.api.impact;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a DONE run found, over every dossier replayed.
 *
 * @param replayed         dossiers replayed without failure
 * @param changed          of which differ in eligibility, reasons, amount or documents
 * @param becameEligible   refused by the stored evaluation, eligible with the candidate
 * @param becameIneligible eligible by the stored evaluation, refused with the candidate
 * @param failed           dossiers whose replay failed (see the changed dossiers' errors)
 * @param reasonsGained    refusal reasons the candidate gives that the stored evaluation did not, by code
 * @param reasonsLost      refusal reasons the stored evaluation gave that the candidate does not, by code
 * @param documentsAdded   documents the candidate asks for that the stored evaluation did not, by id
 * @param documentsDropped documents the stored evaluation asked for that the candidate does not, by id
 * @param amountBands      distribution of the amount difference (after − before, an ineligible dossier counting 0)
 * @param months           total of the installments per month of payment, before and after
 * @param totalBefore      total amount before, every replayed dossier
 * @param totalAfter       total amount after
 */
public record ImpactResults(ImpactRun run, int replayed, int changed, int becameEligible, int becameIneligible,
        int failed, List<Count> reasonsGained, List<Count> reasonsLost, List<Count> documentsAdded,
        List<Count> documentsDropped, List<AmountBand> amountBands, List<MonthTotal> months, BigDecimal totalBefore,
        BigDecimal totalAfter) {

    /** How many dossiers gained or lost one reason or document ({@code label}: its text as the scheme gives it). */
    public record Count(String code, String label, int count) { }

    /**
     * Dossiers whose amount difference (after − before, in euros) lies between {@code from} and {@code to}, a null
     * bound being open. Bands go by the size of the difference: the bound nearer zero is included, the farther one
     * excluded (e.g. from −500 to −100 holds −499.99 … −100), except that the two bands next to zero exclude zero;
     * the band {@code from == to == 0} holds the dossiers whose amount does not change.
     */
    public record AmountBand(BigDecimal from, BigDecimal to, int count) { }

    /** The installments of one month of payment (YYYY-MM), summed over the dossiers, before and after. */
    public record MonthTotal(String month, BigDecimal before, BigDecimal after) { }

    public BigDecimal totalDifference() {
        return totalAfter.subtract(totalBefore);
    }
}
