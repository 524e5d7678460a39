package org.guichet.dossiers.internal.impact;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.guichet.dossiers.internal.shared.EvaluationDiff;

/**
 * One dossier replayed: its comparison, what the tally needs of both evaluations (labels of reasons and documents,
 * installments per month), or why it failed ({@code diff} null then).
 */
record Outcome(EvaluationDiff diff, Map<String, String> labels, List<Month> before, List<Month> after,
        String error) {

    /** An installment: month YYYY-MM, amount. */
    record Month(String period, BigDecimal amount) { }

    static Outcome failed(String error) {
        return new Outcome(null, Map.of(), List.of(), List.of(), error);
    }
}
