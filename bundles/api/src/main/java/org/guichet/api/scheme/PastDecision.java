package org.guichet.api.scheme;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A decision the portal holds for the person of the dossier being evaluated, handed to every scheme's rules as a
 * {@code PastDecision} fact (see {@link EvaluationContext}). Only the decision in force of each of her other
 * dossiers is given (a corrected decision replaces the one it corrects); the dossier being evaluated is never among
 * them.
 *
 * @param schemeId      the scheme of the decided dossier (any scheme, not only the one evaluated)
 * @param schemeVersion the version that dossier was evaluated with
 * @param outcome       GRANTED or REFUSED
 * @param decidedOn     the day of the decision, in the portal's time zone (Europe/Paris)
 * @param amount        the amount granted, in euros; null when refused
 */
public record PastDecision(String schemeId, String schemeVersion, String outcome, LocalDate decidedOn,
        BigDecimal amount) {
    public PastDecision {
        Objects.requireNonNull(schemeId, "schemeId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidedOn, "decidedOn");
    }
}
