package org.guichet.api.scheme;

import java.math.BigDecimal;

/** What is paid for one month, {@code period} as YYYY-MM. */
public record Installment(String period, BigDecimal amount) { }
