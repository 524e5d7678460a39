package org.guichet.api.instruction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.scheme.Installment;

/**
 * A decision, never changed once made: a correction is a new decision that names the one it supersedes.
 *
 * @param amount        what is granted (null for a refusal)
 * @param rulesAmount   what the rules computed
 * @param installments  the granted installments (scaled when the amount was overridden)
 * @param explanation   the plain-French text of the letter
 * @param letterDocumentId the decision letter (PDF) among the dossier's files
 */
public record Decision(long id, long dossierId, String outcome, BigDecimal amount, BigDecimal rulesAmount,
        String justification, List<Reason> reasons, List<Installment> installments, String explanation, Payee payee,
        PersonRef decidedBy, Instant decidedAt, Long supersedes, Long letterDocumentId, String schemeVersion) { }
