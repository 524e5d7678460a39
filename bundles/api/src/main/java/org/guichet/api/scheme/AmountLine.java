package org.guichet.api.scheme;

import java.math.BigDecimal;

/** One line of the amount's breakdown (base, allowances ...) and the rule that produced it. */
public record AmountLine(String code, String label, BigDecimal amount, String rule) { }
