package org.guichet.dossiers.internal.shared;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.Reason;
import org.guichet.api.scheme.RequiredDocument;

/**
 * What changes from one evaluation of a dossier to another (its stored one, and one by another scheme version):
 * eligibility, refusal reasons, documents asked, total amount. One comparison for the agent's re-evaluation of a
 * dossier and for the impact of a candidate version on many. A missing "before" (never evaluated) changes all.
 */
public record EvaluationDiff(Boolean eligibleBefore, boolean eligibleAfter, List<String> reasonsGained,
        List<String> reasonsLost, List<String> documentsAdded, List<String> documentsDropped, BigDecimal amountBefore,
        BigDecimal amountAfter) {

    public static EvaluationDiff of(Evaluation before, Evaluation after) {
        List<String> reasonsBefore = before == null ? List.of() : before.reasons().stream().map(Reason::code).toList();
        List<String> reasonsAfter = after.reasons().stream().map(Reason::code).toList();
        List<String> docsBefore = before == null ? List.of()
                : before.requiredDocuments().stream().map(RequiredDocument::id).toList();
        List<String> docsAfter = after.requiredDocuments().stream().map(RequiredDocument::id).toList();
        return new EvaluationDiff(before == null ? null : before.eligible(), after.eligible(),
                minus(reasonsAfter, reasonsBefore), minus(reasonsBefore, reasonsAfter),
                minus(docsAfter, docsBefore), minus(docsBefore, docsAfter),
                before == null || before.amount() == null ? null : before.amount().total(),
                after.amount() == null ? null : after.amount().total());
    }

    /** The codes of {@code a} not in {@code b}, sorted, each once. */
    private static List<String> minus(Collection<String> a, Collection<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.removeAll(Set.copyOf(b));
        return out.stream().sorted().toList();
    }

    public boolean eligibilityChanged() {
        return eligibleBefore == null || eligibleBefore != eligibleAfter;
    }

    /** The same amount, compared by value (2582.760 is 2582.76), both missing counting as the same. */
    public boolean amountChanged() {
        if (amountBefore == null || amountAfter == null) {
            return amountBefore != amountAfter;
        }
        return amountBefore.compareTo(amountAfter) != 0;
    }

    /** Anything a person would see differ. */
    public boolean changed() {
        return eligibilityChanged() || amountChanged() || !reasonsGained.isEmpty() || !reasonsLost.isEmpty()
                || !documentsAdded.isEmpty() || !documentsDropped.isEmpty();
    }
}
