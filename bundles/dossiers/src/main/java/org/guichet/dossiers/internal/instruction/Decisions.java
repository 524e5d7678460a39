package org.guichet.dossiers.internal.instruction;

import java.io.ByteArrayInputStream;
import org.guichet.dossiers.internal.observatory.Ledger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.Payee;
import org.guichet.api.instruction.PendingDecision;
import org.guichet.api.instruction.Reason;
import org.guichet.api.letters.DecisionLetter;
import org.guichet.api.letters.LetterRenderer;
import org.guichet.api.letters.SepaWriter;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.Installment;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.Words;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.documents.DocumentFiles;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.DecisionEntity;
import org.guichet.dossiers.internal.jpa.DecisionProposalEntity;
import org.guichet.dossiers.internal.jpa.DocumentEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.PaymentEntity;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Move;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Transition;
import org.guichet.dossiers.internal.payments.Schedules;
import org.guichet.dossiers.internal.shared.Schemes;

/**
 * Decisions are insert-only: a correction names the decision it supersedes, cancels what was not paid yet and
 * reschedules (months already paid are not paid twice). The rules of what a decision must say are
 * {@link DecisionPolicy}'s; the state change is the lifecycle's.
 */
final class Decisions {
    private final Desk desk;
    private final LetterRenderer letters;
    private final SepaWriter sepa;
    private final DocumentFiles files;

    Decisions(Desk desk, LetterRenderer letters, SepaWriter sepa, DocumentFiles files) {
        this.desk = desk;
        this.letters = letters;
        this.sepa = sepa;
        this.files = files;
    }

    Mails.Mailed<Decision> decide(EntityManager em, Caller agent, long dossierId, DecisionRequest r) {
        Planned p = plan(em, agent, dossierId, r);
        if (!p.why().isEmpty()) {
            throw new GuichetException(Kind.CONFLICT, "APPROVAL_REQUIRED", null, "Cette décision demande l'approbation"
                    + " d'un second agent (" + String.join(", ", p.why()) + ") : proposez-la, un autre agent"
                    + " l'approuvera.", null, Map.<String, Object>of("why", p.why()));
        }
        return apply(em, agent, p.dossier(), p.plan(), p.correction());
    }

    /** What a decision would be, checked (holder, version, lifecycle, policy), and why it needs approval. */
    private record Planned(DossierEntity dossier, DecisionPolicy.Plan plan, boolean correction, List<String> why) { }

    private Planned plan(EntityManager em, Caller agent, long dossierId, DecisionRequest r) {
        Desk.requireStaff(agent);
        DossierEntity d = desk.held(em, agent, dossierId);
        if (r != null && r.expectedVersion() != null && r.expectedVersion().longValue() != d.version) {
            throw Tx.editConflict();
        }
        return planFor(em, d, r);
    }

    private Planned planFor(EntityManager em, DossierEntity d, DecisionRequest r) {
        boolean correction = d.state().decided();
        Transition transition = correction ? Transition.CORRECT : Transition.DECIDE;
        // the state guard first (a complement still awaited, a withdrawn dossier), then what the decision says
        DossierLifecycle.next(d.snapshot(), Move.decision(transition, DossierState.GRANTED), desk.today());
        Evaluation evaluation = Json.read(d.evaluation, Evaluation.class);
        DecisionPolicy.Plan plan = DecisionPolicy.plan(r, evaluation, correction, sepa::normaliseIban);
        DecisionEntity previous = correction ? current(em, d.id) : null;
        return new Planned(d, plan, correction, DecisionPolicy.needsApproval(plan, evaluation.eligible(),
                previous == null ? null : previous.outcome, applicantIban(d)));
    }

    /** The IBAN the applicant gave in her answers (a field whose name says iban), if the scheme asks for one. */
    private String applicantIban(DossierEntity d) {
        if (d.answers == null) {
            return null;
        }
        for (Map.Entry<String, Object> e : Json.readMap(d.answers).entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).contains("iban") && e.getValue() instanceof String v && !v.isBlank()) {
                String iban = sepa.normaliseIban(v);
                return iban == null ? v.replaceAll("\\s", "").toUpperCase(Locale.ROOT) : iban;
            }
        }
        return null;
    }

    Mails.Mailed<PendingDecision> propose(EntityManager em, Caller agent, long dossierId, DecisionRequest r) {
        Planned p = plan(em, agent, dossierId, r);
        if (p.why().isEmpty()) {
            throw GuichetException.conflict("APPROVAL_NOT_NEEDED", "Cette décision ne demande pas d'approbation :"
                    + " prenez-la directement.");
        }
        DossierEntity d = p.dossier();
        long waiting = em.createQuery("select count(x) from DecisionProposalEntity x where x.dossierId = :d and"
                + " x.status = 'PENDING'", Long.class).setParameter("d", d.id).getSingleResult();
        if (waiting > 0) {
            throw GuichetException.conflict("PROPOSAL_PENDING", "Une décision proposée attend déjà l'approbation d'un"
                    + " second agent pour ce dossier.");
        }
        DecisionProposalEntity x = new DecisionProposalEntity();
        x.dossierId = d.id;
        x.dossierVersion = d.version;
        x.request = Json.write(new DecisionRequest(r.outcome(), r.amount(), r.justification(), r.refusalReasons(),
                r.payee(), null));
        x.why = String.join(",", p.why());
        x.status = "PENDING";
        x.proposedBy = agent.accountId();
        x.proposedAt = desk.now();
        em.persist(x);
        em.flush();
        Desk.record(em, agent, d, "DECISION_PROPOSED", "Décision proposée, en attente d'un second agent ("
                + x.why + ")" + (p.plan().grant() ? " : " + Mails.euros(p.plan().amount()) : ""));
        return Mails.Mailed.of(view(em, x), List.of());
    }

    Mails.Mailed<Decision> approve(EntityManager em, Caller approver, long proposalId) {
        Desk.requireStaff(approver);
        DecisionProposalEntity x = em.find(DecisionProposalEntity.class, proposalId);
        if (x == null) {
            throw GuichetException.notFound("PROPOSAL_UNKNOWN", "Cette proposition de décision n'existe pas.");
        }
        DossierEntity d = desk.instructable(em, approver, x.dossierId);
        if (x.proposedBy.longValue() == approver.accountId()) {
            throw GuichetException.forbidden("OWN_PROPOSAL", "Un second agent doit approuver : vous ne pouvez pas"
                    + " approuver la décision que vous avez proposée.");
        }
        if (!"PENDING".equals(x.status)) {
            throw proposalDone();
        }
        if (d.version != x.dossierVersion) {
            throw GuichetException.conflict("PROPOSAL_STALE", "Le dossier a changé depuis cette proposition :"
                    + " l'agent doit proposer à nouveau.");
        }
        // the approval is taken under the row's lock, once: two approvals at once give one decision
        int taken = em.createNativeQuery("UPDATE DECISION_PROPOSAL SET STATUS = 'APPROVED', APPROVED_BY = ?,"
                + " APPROVED_AT = ? WHERE ID = ? AND STATUS = 'PENDING'").setParameter(1, approver.accountId())
                .setParameter(2, desk.now()).setParameter(3, x.id).executeUpdate();
        if (taken == 0) {
            throw proposalDone();
        }
        em.refresh(x);
        DecisionRequest r = Json.read(x.request, DecisionRequest.class);
        Caller proposer = AccountViews.caller(em.find(AccountEntity.class, x.proposedBy));
        Planned p = planFor(em, d, r);
        Mails.Mailed<Decision> made = apply(em, proposer, d, p.plan(), p.correction());
        x.decisionId = made.result().id();
        Desk.record(em, approver, d, "DECISION_APPROVED", "Décision de " + proposer.displayName() + " approuvée ("
                + x.why + ")");
        return made;
    }

    PendingDecision reject(EntityManager em, Caller reviewer, long proposalId, String reason) {
        Desk.requireStaff(reviewer);
        DecisionProposalEntity x = em.find(DecisionProposalEntity.class, proposalId);
        if (x == null) {
            throw GuichetException.notFound("PROPOSAL_UNKNOWN", "Cette proposition de décision n'existe pas.");
        }
        DossierEntity d = desk.instructable(em, reviewer, x.dossierId);
        boolean own = x.proposedBy.longValue() == reviewer.accountId();
        String why = reason == null ? "" : reason.strip();
        if (!own && why.isEmpty()) {
            throw GuichetException.invalid("REJECTION_REASON_REQUIRED", "reason", "Dites pourquoi vous refusez cette"
                    + " proposition : l'agent qui l'a faite le lira.");
        }
        if (why.length() > 2000) {
            throw GuichetException.invalid("REJECTION_REASON_TOO_LONG", "reason", "La raison est trop longue (2 000 caractères"
                    + " au plus).");
        }
        if (!"PENDING".equals(x.status)) {
            throw proposalDone();
        }
        String status = own ? "WITHDRAWN" : "REJECTED";
        // under the row's lock, once: an approval and a rejection at once give one outcome
        int taken = em.createNativeQuery("UPDATE DECISION_PROPOSAL SET STATUS = ?, APPROVED_BY = ?, APPROVED_AT = ?"
                + " WHERE ID = ? AND STATUS = 'PENDING'").setParameter(1, status).setParameter(2, reviewer.accountId())
                .setParameter(3, desk.now()).setParameter(4, x.id).executeUpdate();
        if (taken == 0) {
            throw proposalDone();
        }
        em.refresh(x);
        Desk.record(em, reviewer, d, own ? "DECISION_PROPOSAL_WITHDRAWN" : "DECISION_PROPOSAL_REJECTED",
                (own ? "Proposition de décision retirée" : "Proposition de décision de "
                        + AccountViews.person(em, x.proposedBy).displayName() + " refusée")
                        + (why.isEmpty() ? "" : " : " + why));
        return view(em, x);
    }

    static List<PendingDecision> pending(EntityManager em, Caller staff) {
        if (!staff.has(Role.SUPERVISOR) && !staff.has(Role.AGENT)) {
            throw GuichetException.forbidden("AGENT_ONLY", "Réservé aux agents instructeurs de la Région.");
        }
        if (staff.schemes() == null || staff.schemes().isEmpty()) {
            return List.of();
        }
        return em.createQuery("select x from DecisionProposalEntity x, DossierEntity d where x.dossierId = d.id and"
                + " x.status = 'PENDING' and d.schemeId in :s order by x.id", DecisionProposalEntity.class)
                .setParameter("s", staff.schemes()).getResultList().stream().map(x -> view(em, x)).toList();
    }

    static PendingDecision view(EntityManager em, DecisionProposalEntity x) {
        DossierEntity d = em.find(DossierEntity.class, x.dossierId);
        return new PendingDecision(x.id, x.dossierId, d.reference, d.schemeId, Json.read(x.request,
                DecisionRequest.class), List.of(x.why.split(",")), AccountViews.person(em, x.proposedBy),
                x.proposedAt.toInstant(), x.status, x.approvedBy == null ? null : AccountViews.person(em, x.approvedBy),
                x.approvedAt == null ? null : x.approvedAt.toInstant(), x.decisionId);
    }

    private static GuichetException proposalDone() {
        return GuichetException.conflict("PROPOSAL_DONE", "Cette proposition a déjà été approuvée, refusée ou retirée.");
    }

    private Mails.Mailed<Decision> apply(EntityManager em, Caller agent, DossierEntity d, DecisionPolicy.Plan plan,
            boolean correction) {
        DecisionEntity previous = current(em, d.id);
        Transition transition = correction ? Transition.CORRECT : Transition.DECIDE;
        DossierState outcome = plan.grant() ? DossierState.GRANTED : DossierState.REFUSED;
        d.move(Move.decision(transition, outcome), desk.today());
        SchemeDescriptor s = desk.schemes.of(d);
        Evaluation e = Json.read(d.evaluation, Evaluation.class);
        DecisionEntity x = new DecisionEntity();
        x.dossierId = d.id;
        x.outcome = outcome.name();
        x.rulesAmount = plan.rulesAmount();
        x.decidedBy = agent.accountId();
        x.decidedAt = desk.now();
        x.supersedesId = previous == null ? null : previous.id;
        x.schemeVersion = d.schemeVersion;
        x.justification = plan.justification();
        // what the decision says is written in the applicant's language: it is printed in her letter
        Words w = Words.of(AccountViews.language(em, d.applicantId));
        List<Installment> installments = List.of();
        String explanation;
        if (plan.grant()) {
            x.amount = plan.amount();
            x.payeeName = plan.payeeName();
            x.payeeIban = plan.payeeIban();
            x.payeeBic = plan.payeeBic();
            installments = Schedules.scale(e.amount() == null ? List.of() : e.amount().installments(),
                    plan.rulesAmount(), plan.amount());
            List<String> said = new ArrayList<>();
            if (e.amount() != null && e.amount().lines() != null && !e.amount().lines().isEmpty()) {
                said.add(w.get("decision.explanation.calculation", "lines", e.amount().lines().stream()
                        .map(l -> l.label() + " " + w.euros(l.amount())).collect(Collectors.joining(" ; "))));
            }
            if (s.recurring()) {
                said.add(w.get("decision.explanation.recurring"));
            }
            explanation = String.join("\n", said);
        } else {
            explanation = w.get("decision.explanation.refused");
        }
        x.reasons = Json.write(plan.reasons());
        x.installments = Json.write(installments);
        x.explanation = explanation;
        em.persist(x);
        em.flush();
        // payments: what was not yet paid of an earlier decision is cancelled, then the new schedule is made
        Set<String> paidMonths = new HashSet<>();
        if (previous != null) {
            for (PaymentEntity p : em.createQuery("select p from PaymentEntity p where p.dossierId = :d and"
                    + " p.status <> 'CANCELLED'", PaymentEntity.class).setParameter("d", d.id).getResultList()) {
                if (Set.of("ISSUED", "PAID").contains(p.status)) {
                    paidMonths.add(p.month);
                } else {
                    p.status = "CANCELLED";
                }
            }
        }
        if (plan.grant()) {
            Schedules.create(em, x, installments, s.recurring(), desk.today(), paidMonths);
        }
        byte[] pdf = letters.decisionLetter(letter(em, desk.schemes, d, x));
        DocumentFiles.Stored stored = files.store(new ByteArrayInputStream(pdf), List.of("application/pdf"),
                20L * 1024 * 1024, "lettre de décision");
        DocumentEntity letter = new DocumentEntity();
        letter.dossierId = d.id;
        letter.documentType = "DECISION_LETTER";
        letter.fileName = "decision-" + d.reference + (correction ? "-" + x.id : "") + ".pdf";
        letter.mediaType = stored.mediaType();
        letter.sizeBytes = stored.size();
        letter.sha256 = stored.sha256();
        letter.uploadedAt = desk.now();
        letter.uploadedBy = agent.accountId();
        letter.source = "AGENT";
        em.persist(letter);
        em.flush();
        files.release(stored); // a letter's content is its own: no other row shares it
        x.letterDocumentId = letter.id;
        d.decidedAt = x.decidedAt;
        desk.touch(d);
        em.flush();
        Ledger.decided(em, d, plan.grant(), plan.grant() || plan.reasons().isEmpty() ? null
                : plan.reasons().get(0).code());
        Desk.record(em, agent, d, correction ? "DECISION_CORRECTED" : "DECIDED", (plan.grant() ? "Aide accordée : "
                + Mails.euros(x.amount) : "Aide refusée : " + plan.reasons().stream().map(Reason::label)
                .collect(Collectors.joining(" ; "))) + (plan.justification() == null ? "" : " — " + plan.justification()));
        List<OutgoingMail> notices = new ArrayList<>();
        for (PersonRef p : CaseFiles.recipients(em, d)) {
            Words pw = Words.of(AccountViews.language(em, p.id()));
            notices.add(new OutgoingMail(p.email(), pw.get("decision.subject", "reference", d.reference),
                    pw.get(plan.grant() ? "decision.granted.body" : "decision.refused.body", "name", p.displayName(),
                            "scheme", pw.in(s.title()), "amount", pw.euros(x.amount), "lines",
                            Mails.items(lines(x, pw))), "DECISION"));
        }
        return Mails.Mailed.of(view(em, x), notices);
    }

    /**
     * What a decision's letter says, from the decision as stored, in the applicant's language: the same at the
     * decision (for its PDF) and afterwards (for the letter's text on a page).
     */
    static DecisionLetter letter(EntityManager em, Schemes schemes, DossierEntity d, DecisionEntity x) {
        AccountEntity applicant = em.find(AccountEntity.class, d.applicantId);
        Words w = Words.of(applicant.language);
        boolean granted = DossierState.GRANTED.name().equals(x.outcome);
        DecisionEntity previous = x.supersedesId == null ? null : em.find(DecisionEntity.class, x.supersedesId);
        String title = schemes.registry().activeDescriptor(d.schemeId, x.schemeVersion)
                .or(() -> schemes.registry().activeDescriptor(d.schemeId, null)).map(s -> w.in(s.title()))
                .orElse(d.schemeId);
        return new DecisionLetter(d.reference, title, applicant.displayName, applicant.email, day(x.decidedAt),
                granted, x.amount, lines(x, w), x.explanation, x.justification, granted ? x.payeeName : null,
                AccountViews.person(em, x.decidedBy).displayName(), previous == null ? null
                        : w.day(day(previous.decidedAt)), w.language());
    }

    /** The installments ("septembre 2026 : 266,33 €") of a grant, or the reasons of a refusal. */
    static List<String> lines(DecisionEntity x, Words w) {
        if (DossierState.GRANTED.name().equals(x.outcome)) {
            return List.of(Json.read(x.installments, Installment[].class)).stream().map(i -> w.get("line.amount",
                    "label", w.month(i.period()), "amount", w.euros(i.amount()))).toList();
        }
        return List.of(Json.read(x.reasons, Reason[].class)).stream().map(Reason::label).toList();
    }

    private static LocalDate day(java.sql.Timestamp t) {
        return t.toInstant().atZone(Desk.PARIS).toLocalDate();
    }

    /** A decision of a dossier with its letter, the same rule as the letter's download: else DECISION_NOT_FOUND. */
    static DecisionEntity withLetter(EntityManager em, long dossierId, long decisionId) {
        DecisionEntity x = em.find(DecisionEntity.class, decisionId);
        if (x == null || x.dossierId.longValue() != dossierId || x.letterDocumentId == null) {
            throw GuichetException.notFound("DECISION_NOT_FOUND", "Cette décision n'existe pas dans ce dossier.");
        }
        return x;
    }

    static DecisionEntity current(EntityManager em, long dossierId) {
        return em.createQuery("select x from DecisionEntity x where x.dossierId = :d order by x.id desc",
                DecisionEntity.class).setParameter("d", dossierId).setMaxResults(1).getResultStream().findFirst()
                .orElse(null);
    }

    static List<Decision> list(EntityManager em, long dossierId) {
        return em.createQuery("select x from DecisionEntity x where x.dossierId = :d order by x.id", DecisionEntity.class)
                .setParameter("d", dossierId).getResultList().stream().map(x -> view(em, x)).toList();
    }

    static Decision view(EntityManager em, DecisionEntity x) {
        List<Reason> reasons = List.of(Json.read(x.reasons, Reason[].class));
        List<Installment> installments = List.of(Json.read(x.installments, Installment[].class));
        return new Decision(x.id, x.dossierId, x.outcome, x.amount, x.rulesAmount, x.justification, reasons, installments,
                x.explanation, x.payeeName == null ? null : new Payee(x.payeeName, x.payeeIban, x.payeeBic),
                AccountViews.person(em, x.decidedBy), x.decidedAt.toInstant(), x.supersedesId, x.letterDocumentId,
                x.schemeVersion);
    }

}
