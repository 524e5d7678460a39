package org.guichet.api.letters;

import java.math.BigDecimal;

/** One transfer of a SEPA file. */
public record CreditTransfer(String endToEndId, String creditorName, String creditorIban, String creditorBic,
        BigDecimal amount, String remittance) { }
