package org.guichet.api.instruction;

import java.time.Instant;
import java.util.List;
import org.guichet.api.dossiers.PersonRef;

/**
 * A decision that waits for a second agent (four eyes on money): nothing is decided, written to the applicant or
 * scheduled for payment until a different agent approves it.
 *
 * @param why        why it needs approval: AMOUNT_OVERRIDDEN (another amount than the rules'), GRANT_AGAINST_RULES
 *                   (a grant the rules refuse), IBAN_CHANGED (another IBAN than the applicant gave), CORRECTION
 * @param status     PENDING; APPROVED once a second agent approved it; REJECTED when a second agent turned it down,
 *                   WITHDRAWN when its proposer took it back (since 1.3)
 * @param approvedBy the second agent who approved or rejected it, or the proposer who withdrew it
 * @param decisionId the decision made on approval
 * @since instruction 1.2
 */
public record PendingDecision(long id, long dossierId, String reference, String schemeId, DecisionRequest request,
        List<String> why, PersonRef proposedBy, Instant proposedAt, String status, PersonRef approvedBy,
        Instant approvedAt, Long decisionId) { }
