package org.guichet.dossiers.internal.instruction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.guichet.dossiers.internal.instruction.DecisionPolicy.Plan;
import org.junit.jupiter.api.Test;

/** When one agent decides alone and when a second agent must approve, as a table. */
class FourEyesPolicyTest {
    static final String IBAN = "FR7630006000011234567890189";
    static final BigDecimal RULES = new BigDecimal("2582.76");

    static Plan grant(String amount, String iban) {
        return new Plan(true, new BigDecimal(amount), RULES, null, List.of(), "Léa", iban, null);
    }

    static final Plan REFUSAL = new Plan(false, null, RULES, "x", List.of(), null, null, null);

    @Test
    void theTable() {
        assertEquals(List.of(), DecisionPolicy.needsApproval(grant("2582.76", IBAN), true, null, null),
                "the rules' amount, no IBAN from the applicant");
        assertEquals(List.of(), DecisionPolicy.needsApproval(grant("2582.76", IBAN), true, null, IBAN),
                "the IBAN she gave");
        assertEquals(List.of("AMOUNT_OVERRIDDEN"), DecisionPolicy.needsApproval(grant("3000.00", IBAN), true, null, null));
        assertEquals(List.of("GRANT_AGAINST_RULES"), DecisionPolicy.needsApproval(grant("2582.76", IBAN), false, null,
                null));
        assertEquals(List.of("IBAN_CHANGED"), DecisionPolicy.needsApproval(grant("2582.76", IBAN), true, null,
                "FR1420041010050500013M02606"));
        assertEquals(List.of("CORRECTION"), DecisionPolicy.needsApproval(grant("2582.76", IBAN), true, "GRANTED", null));
        assertEquals(List.of("CORRECTION"), DecisionPolicy.needsApproval(grant("2582.76", IBAN), true, "REFUSED", null));
        assertEquals(List.of("CORRECTION"), DecisionPolicy.needsApproval(REFUSAL, true, "GRANTED", null),
                "a grant withdrawn cancels payments");
        assertEquals(List.of(), DecisionPolicy.needsApproval(REFUSAL, true, "REFUSED", null),
                "a refusal corrected into another pays nothing");
        assertEquals(List.of(), DecisionPolicy.needsApproval(REFUSAL, true, null, IBAN));
        assertEquals(List.of("AMOUNT_OVERRIDDEN", "GRANT_AGAINST_RULES", "IBAN_CHANGED", "CORRECTION"),
                DecisionPolicy.needsApproval(grant("10.00", IBAN), false, "GRANTED", "FR1420041010050500013M02606"));
    }
}
