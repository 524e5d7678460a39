package org.guichet.api.instruction;

import java.time.LocalDate;
import java.util.List;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.letters.LetterText;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The back office. Agents act only on the schemes assigned to them; supervisors also see their agents' workloads
 * and assign dossiers. Every action is recorded with its actor, channel and time. Changes that race lose with a
 * CONFLICT (409), never silently.
 */
@ProviderType
public interface InstructionService {
    Queue queue(Caller agent, QueueFilter filter);

    List<Workload> workloads(Caller supervisor);

    CaseFile caseFile(Caller agent, long dossierId);

    /** Takes a dossier (state IN_REVIEW); refused if someone else holds it or it changed since expectedVersion. */
    CaseFile take(Caller agent, long dossierId, Long expectedVersion);

    CaseFile release(Caller agent, long dossierId);

    /** A supervisor gives a dossier to an agent of the scheme. */
    CaseFile assign(Caller supervisor, long dossierId, long agentId);

    /**
     * A supervisor moves a dossier from the agent she saw holding it ({@code fromAgentId}, null for nobody) to another
     * agent of the scheme. If it changed hands meanwhile (another supervisor was quicker, the agent released it),
     * nothing is written: 409 ASSIGNMENT_CHANGED, with the holder of the moment in its details. Recorded in the
     * history; the previous holder no longer holds it.
     *
     * @since 1.3
     */
    CaseFile reassign(Caller supervisor, long dossierId, Long fromAgentId, long toAgentId);

    List<Reason> rejectionReasons();

    DocumentCheck checkDocument(Caller agent, long dossierId, long documentId, String status, String reasonCode,
            String comment);

    /**
     * Accepts, in one action, every document of the dossier that has no check yet (a document already accepted or
     * refused keeps its check; a decision letter is not checked). Same rights as {@link #checkDocument}: the holder,
     * or a supervisor of the scheme. Returns the checks made, none when nothing remained.
     *
     * @since 1.3
     */
    List<DocumentCheck> acceptRemainingDocuments(Caller agent, long dossierId);

    /** Asks for documents and answers; the dossier waits on the addressee, who is notified by mail. */
    ComplementRequest requestComplement(Caller agent, long dossierId, String message, List<String> documentTypes,
            List<String> fields, LocalDate deadline, String addressee);

    /** The applicant (or her mediator) says the complement is given: the dossier comes back to the agent. */
    ComplementRequest answerComplement(Caller caller, long dossierId, long requestId, String message);

    InternalNote addNote(Caller agent, long dossierId, String body);

    /** A message in the dossier's thread, from the applicant, her mediator or an agent. */
    ThreadMessage postMessage(Caller caller, long dossierId, String body);

    /** The thread as the caller may see it (never the internal notes). */
    List<ThreadMessage> messages(Caller caller, long dossierId);

    /** The complement requests of a dossier, for its applicant or mediator too. */
    List<ComplementRequest> complements(Caller caller, long dossierId);

    Decision decide(Caller agent, long dossierId, DecisionRequest request);

    /**
     * Four eyes on money: a decision with another amount than the rules', a grant the rules refuse, a payee IBAN other
     * than the applicant gave, or a correction, is refused by {@link #decide} (409 APPROVAL_REQUIRED) and proposed
     * here instead; it takes effect when a different agent approves it. One proposal waits per dossier at a time.
     *
     * @since 1.2
     */
    PendingDecision proposeDecision(Caller agent, long dossierId, DecisionRequest request);

    /** What waits for a second agent in the caller's schemes (supervisors and agents). @since 1.2 */
    List<PendingDecision> pendingDecisions(Caller staff);

    /**
     * A second agent (not the one who proposed it) approves: the decision is made, recorded as the proposer's with
     * the approver's name and time. Two approvals at once give one decision (the other 409 PROPOSAL_DONE).
     *
     * @since 1.2
     */
    Decision approveDecision(Caller approver, long proposalId);

    /**
     * A second agent turns a proposal down, with the reason (required), or the agent who proposed it withdraws it: it
     * becomes REJECTED or WITHDRAWN, nothing is decided, and the dossier can be decided or proposed again. The
     * reason is kept in the dossier's history. An approval and a rejection at once: one of them (the other 409
     * PROPOSAL_DONE). {@link PendingDecision#approvedBy()} then names who turned it down or withdrew it.
     *
     * @since 1.3
     */
    PendingDecision rejectDecision(Caller reviewer, long proposalId, String reason);

    /** The decisions of a dossier, for its applicant or mediator too. */
    List<Decision> decisions(Caller caller, long dossierId);

    /** The decision letter's PDF (tagged), for whoever may read the dossier. */
    DocumentContent decisionLetter(Caller caller, long dossierId, long decisionId);

    /**
     * The whole text of the decision letter — the same words as its PDF, in the applicant's language — for a page to
     * show it in HTML. The same access as {@link #decisionLetter}: whoever may read the dossier; a decision of
     * another dossier, or without a letter, is DECISION_NOT_FOUND.
     */
    LetterText decisionLetterText(Caller caller, long dossierId, long decisionId);

    /**
     * Opens a phone call. With a dossier (of a scheme the agent instructs, a draft included), the agent may act for
     * the applicant on that dossier only, until the call ends or its time runs out; without one (help to sign in),
     * the call gives no access to any dossier.
     */
    PhoneCall startCall(Caller agent, long applicantId, Long dossierId, String reason);

    PhoneCall endCall(Caller agent, long callId, String outcome);

    /** The applicant, as the agent may act for her during an open call; her actions are then recorded as PHONE. */
    Caller assisted(Caller agent, long callId);

    Reevaluation reevaluate(Caller agent, long dossierId, String version);

    /** Re-pins an undecided dossier to a newer version, storing the new evaluation; decided ones are refused. */
    CaseFile applyReevaluation(Caller agent, long dossierId, String version, String justification);

    /**
     * Closes a dossier: a decided one is archived, one that waits on a complement past its deadline is closed
     * without a decision (the applicant is told and may file again). Anything else is refused (409).
     *
     * @since 1.1
     */
    CaseFile close(Caller agent, long dossierId, String reason);
}
