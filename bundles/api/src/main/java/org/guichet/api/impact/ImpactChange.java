package org.guichet.api.impact;

import java.math.BigDecimal;
import java.util.List;

/**
 * A dossier whose replay with the candidate differs from the evaluation stored on it (eligibility, reasons, amount
 * or documents), or whose replay failed ({@code error} set, the "after" fields null).
 *
 * @param dossierState   the dossier's state when it was replayed (SUBMITTED … CLOSED)
 * @param eligibleBefore as stored on the dossier
 * @param eligibleAfter  as the candidate says; null when the replay failed
 * @param reasonsGained  codes of refusal reasons the candidate gives and the stored evaluation did not
 * @param reasonsLost    codes of refusal reasons the stored evaluation gave and the candidate does not
 * @param amountBefore   total amount stored (null when not eligible)
 * @param amountAfter    total amount with the candidate (null when not eligible)
 * @param documentsAdded   ids of documents the candidate asks for and the stored evaluation did not
 * @param documentsDropped ids of documents the stored evaluation asked for and the candidate does not
 * @param error          why the replay failed (plain French), else null
 */
public record ImpactChange(long dossierId, String reference, String dossierState, Boolean eligibleBefore,
        Boolean eligibleAfter, List<String> reasonsGained, List<String> reasonsLost, BigDecimal amountBefore,
        BigDecimal amountAfter, List<String> documentsAdded, List<String> documentsDropped, String error) {

    public ImpactChange {
        reasonsGained = List.copyOf(reasonsGained);
        reasonsLost = List.copyOf(reasonsLost);
        documentsAdded = List.copyOf(documentsAdded);
        documentsDropped = List.copyOf(documentsDropped);
    }

    /** After minus before, a missing amount counting as zero; null when the replay failed. */
    public BigDecimal difference() {
        if (error != null) {
            return null;
        }
        BigDecimal b = amountBefore == null ? BigDecimal.ZERO : amountBefore;
        BigDecimal a = amountAfter == null ? BigDecimal.ZERO : amountAfter;
        return a.subtract(b);
    }
}
