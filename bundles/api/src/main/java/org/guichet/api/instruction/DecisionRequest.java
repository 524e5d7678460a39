package org.guichet.api.instruction;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an agent decides.
 *
 * @param outcome        GRANTED or REFUSED
 * @param amount         for a grant, null to take the rules' amount; another amount needs a justification
 * @param justification  why the amount differs from the rules' (required then), or why a decision is corrected
 * @param refusalReasons for a refusal: codes of the rules' reasons and/or free texts; at least one
 * @param payee          for a grant: who is paid
 * @param expectedVersion the dossier version the agent read (409 if another change came first)
 */
public record DecisionRequest(String outcome, BigDecimal amount, String justification, List<String> refusalReasons,
        Payee payee, Long expectedVersion) { }
