package org.guichet.api.letters;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a decision letter says. Its fixed words (greeting, headings, the right to ask for a review) are the
 * renderer's, in {@code language}; the parts given here are already in that language.
 *
 * @param lines        the installments ("septembre 2026 : 266,33 €") or the refusal reasons
 * @param correctionOf the day of the decision this one replaces, in words, else null
 * @param language     {@code fr} or {@code en}: the language kept on the applicant's account
 */
public record DecisionLetter(String reference, String schemeTitle, String applicantName, String applicantEmail,
        LocalDate date, boolean granted, BigDecimal amount, List<String> lines, String explanation,
        String justification, String payee, String agentName, String correctionOf, String language) {

    /** A letter in French (the form before letters had a language). */
    public DecisionLetter(String reference, String schemeTitle, String applicantName, String applicantEmail,
            LocalDate date, boolean granted, BigDecimal amount, List<String> lines, String explanation,
            String justification, String payee, String agentName, String correctionOf) {
        this(reference, schemeTitle, applicantName, applicantEmail, date, granted, amount, lines, explanation,
                justification, payee, agentName, correctionOf, "fr");
    }
}
