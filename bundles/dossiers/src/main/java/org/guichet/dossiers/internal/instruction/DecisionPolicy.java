package org.guichet.dossiers.internal.instruction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.Reason;
import org.guichet.api.scheme.Evaluation;

/**
 * What a decision must satisfy, without a database: a grant takes the rules' amount unless another one is
 * justified; a grant the rules refuse, and any correction, is justified too; a grant names a payee with a valid
 * IBAN; a refusal gives its reasons (the rules' messages for their codes, or the agent's words).
 */
public final class DecisionPolicy {
    /** What the decision will be. */
    public record Plan(boolean grant, BigDecimal amount, BigDecimal rulesAmount, String justification,
            List<Reason> reasons, String payeeName, String payeeIban, String payeeBic) { }

    private DecisionPolicy() { }

    /**
     * @param evaluation     the rules' result stored on the dossier
     * @param correction     whether an earlier decision exists
     * @param normaliseIban  the SEPA writer's IBAN check: the IBAN in its normal form, or null when not valid
     */
    public static Plan plan(DecisionRequest r, Evaluation evaluation, boolean correction,
            UnaryOperator<String> normaliseIban) {
        if (r == null || !"GRANTED".equals(r.outcome()) && !"REFUSED".equals(r.outcome())) {
            throw GuichetException.invalid("OUTCOME_INVALID", "outcome", "La décision est GRANTED (accordée) ou REFUSED (refusée).");
        }
        if (evaluation == null) {
            throw GuichetException.conflict("NO_EVALUATION", "Ce dossier n'a pas d'évaluation enregistrée.");
        }
        String justification = Desk.limit(r.justification(), 4000, "justification");
        boolean justified = justification != null && !justification.isBlank();
        if (correction && !justified) {
            throw GuichetException.invalid("JUSTIFICATION_REQUIRED", "justification", "Une décision déjà prise ne se"
                    + " change que par une nouvelle décision motivée : écrivez pourquoi.");
        }
        BigDecimal rulesAmount = evaluation.amount() == null ? null : evaluation.amount().total();
        if ("GRANTED".equals(r.outcome())) {
            BigDecimal amount = r.amount() == null ? rulesAmount : r.amount().setScale(2, RoundingMode.HALF_UP);
            if (amount == null || amount.signum() <= 0) {
                throw GuichetException.invalid("AMOUNT_REQUIRED", "amount", "Les règles ne donnent pas de montant :"
                        + " indiquez-le, avec sa justification.");
            }
            boolean overridden = rulesAmount == null || amount.compareTo(rulesAmount) != 0 || !evaluation.eligible();
            if (overridden && !justified) {
                throw GuichetException.invalid("JUSTIFICATION_REQUIRED", "justification", "Le montant ou la décision"
                        + " diffère de celui des règles (" + (rulesAmount == null ? "aucun"
                                : org.guichet.dossiers.internal.Mails.euros(rulesAmount)) + ") : écrivez pourquoi.");
            }
            if (r.payee() == null || r.payee().name() == null || r.payee().name().isBlank()) {
                throw GuichetException.invalid("PAYEE_REQUIRED", "payee.name", "Indiquez à qui l'aide est versée.");
            }
            String iban = normaliseIban.apply(r.payee().iban());
            if (iban == null) {
                throw GuichetException.invalid("IBAN_INVALID", "payee.iban", "Cet IBAN n'est pas valide : vérifiez-le"
                        + " sur le RIB.");
            }
            String bic = r.payee().bic() == null || r.payee().bic().isBlank() ? null
                    : r.payee().bic().replaceAll("\\s", "").toUpperCase(Locale.ROOT);
            return new Plan(true, amount, rulesAmount, justification, List.of(),
                    Desk.limit(r.payee().name(), 200, "payee.name"), iban, bic);
        }
        List<Reason> reasons = new ArrayList<>();
        for (String code : r.refusalReasons() == null ? List.<String>of() : r.refusalReasons()) {
            if (code == null || code.isBlank()) {
                continue;
            }
            String msg = evaluation.reasons().stream().filter(rr -> rr.code().equals(code)).map(rr -> rr.message())
                    .findFirst().orElse(null);
            reasons.add(msg == null ? new Reason("OTHER", Desk.limit(code, 1000, "refusalReasons")) : new Reason(code, msg));
        }
        if (reasons.isEmpty()) {
            throw GuichetException.invalid("REASONS_REQUIRED", "refusalReasons", "Un refus donne ses raisons :"
                    + " choisissez celles des règles ou écrivez-les.");
        }
        return new Plan(false, null, rulesAmount, justification, reasons, null, null, null);
    }

    /**
     * Four eyes on money: why this decision needs a second agent's approval, empty when one agent decides alone.
     * Another amount than the rules', a grant the rules refuse, a payee IBAN other than the one the applicant gave
     * (when she gave one in her answers) and a correction of a decision that touches money (a grant corrected, or a
     * refusal corrected into a grant); a refusal corrected into another refusal pays nothing and needs one agent.
     *
     * @param previousOutcome the outcome of the decision corrected (GRANTED or REFUSED), null for a first decision
     * @param applicantIban   the IBAN from the applicant's answers in its normal form, or null when she gave none
     */
    public static List<String> needsApproval(Plan plan, boolean eligible, String previousOutcome, String applicantIban) {
        boolean correction = previousOutcome != null && (plan.grant() || "GRANTED".equals(previousOutcome));
        List<String> why = new ArrayList<>();
        if (plan.grant()) {
            if (plan.rulesAmount() == null || plan.amount().compareTo(plan.rulesAmount()) != 0) {
                why.add("AMOUNT_OVERRIDDEN");
            }
            if (!eligible) {
                why.add("GRANT_AGAINST_RULES");
            }
            if (applicantIban != null && !applicantIban.equals(plan.payeeIban())) {
                why.add("IBAN_CHANGED");
            }
        }
        if (correction) {
            why.add("CORRECTION");
        }
        return why;
    }
}
