package org.guichet.rules.engine.testpack;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a test case expects. Only what is given is checked: a null component is not checked. {@code monthly} and
 * {@code total} may be expected to be absent ({@code monthly: null}), hence their {@code check…} flags.
 */
public record Expectation(Boolean eligible, List<String> reasons, List<String> documents, boolean checkMonthly,
        BigDecimal monthly, boolean checkTotal, BigDecimal total, Map<String, BigDecimal> installments,
        Map<String, BigDecimal> lines, List<ExpectedError> errors) {

    /** An answer error the case expects: the field and the code. */
    public record ExpectedError(String field, String code) {
        @Override public String toString() { return field + " " + code; }
    }
}
