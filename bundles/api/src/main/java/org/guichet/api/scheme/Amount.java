package org.guichet.api.scheme;

import java.math.BigDecimal;
import java.util.List;

/** The aid's amount: monthly (recurring schemes only, else null), installments and total, in euros to the cent. */
public record Amount(String currency, BigDecimal monthly, BigDecimal total, List<Installment> installments,
        List<AmountLine> lines) { }
