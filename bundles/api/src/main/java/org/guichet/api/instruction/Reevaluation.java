package org.guichet.api.instruction;

import java.math.BigDecimal;
import java.util.List;
import org.guichet.api.scheme.Evaluation;

/** What a newer scheme version would change on a dossier, before anyone applies it. */
public record Reevaluation(String fromVersion, String toVersion, Evaluation before, Evaluation after,
        boolean eligibilityChanged, List<String> documentsAdded, List<String> documentsRemoved,
        BigDecimal amountBefore, BigDecimal amountAfter, boolean applicable, String notApplicableBecause) { }
