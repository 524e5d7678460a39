package org.guichet.api.letters;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a decision letter says, already in plain French.
 *
 * @param lines the installments ("septembre 2026 : 266,33 €") or the refusal reasons
 */
public record DecisionLetter(String reference, String schemeTitle, String applicantName, String applicantEmail,
        LocalDate date, boolean granted, BigDecimal amount, List<String> lines, String explanation,
        String justification, String payee, String agentName, String correctionOf) { }
