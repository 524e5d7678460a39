package org.guichet.dossiers.internal.instruction;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.dossiers.DossierService;
import org.guichet.api.instruction.CaseFile;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.PendingDecision;
import org.guichet.api.instruction.DocumentCheck;
import org.guichet.api.instruction.InstructionService;
import org.guichet.api.instruction.InternalNote;
import org.guichet.api.instruction.PhoneCall;
import org.guichet.api.instruction.Queue;
import org.guichet.api.instruction.QueueFilter;
import org.guichet.api.instruction.Reason;
import org.guichet.api.instruction.Reevaluation;
import org.guichet.api.instruction.ThreadMessage;
import org.guichet.api.instruction.Workload;
import org.guichet.api.letters.LetterRenderer;
import org.guichet.api.letters.LetterText;
import org.guichet.api.letters.SepaWriter;
import org.guichet.api.mail.MailService;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.PortalConfig;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.documents.DocumentFiles;
import org.guichet.dossiers.internal.dossiers.DossierViews;
import org.guichet.dossiers.internal.jpa.DecisionEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.shared.Schemes;
import org.guichet.dossiers.internal.shared.Storage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The back office: a thin component over the use cases (queue, assignment, document checks, complements, threads,
 * decisions, phone calls, re-evaluation, closing). Each change touches the dossier row, so two agents acting on one
 * dossier at once cannot both win: the second commit fails on the optimistic lock and is answered 409.
 */
@Component(service = InstructionService.class, configurationPid = PortalConfig.PID)
public class InstructionServiceImpl implements InstructionService {
    private final Tx tx;
    private final MailService mail;
    private final DossierService dossiers;
    private final DossierAccess access;
    private final Queues queues;
    private final Assignment assignment;
    private final DocumentChecks checks;
    private final Complements complements;
    private final Threads threads;
    private final Decisions decisions;
    private final PhoneCalls calls;
    private final Reevaluations reevaluations;
    private final Closing closing;
    private final CaseFiles caseFiles;
    private final Schemes schemes;
    private final LetterRenderer letters;

    @Activate
    public InstructionServiceImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference SchemeRegistry registry, @Reference EvaluationService evaluation,
            @Reference MailService mail, @Reference LetterRenderer letters, @Reference DossierService dossiers,
            @Reference SepaWriter sepa, PortalConfig config) {
        this(emf, registry, evaluation, mail, letters, dossiers, sepa, config, Clock.systemUTC());
    }

    /** For tests: the same with a clock of one's own. */
    public InstructionServiceImpl(EntityManagerFactory emf, SchemeRegistry registry, EvaluationService evaluation,
            MailService mail, LetterRenderer letters, DossierService dossiers, SepaWriter sepa, PortalConfig config,
            Clock clock) {
        this.tx = new Tx(emf);
        this.mail = mail;
        this.dossiers = dossiers;
        this.schemes = new Schemes(registry);
        this.letters = letters;
        this.access = new DossierAccess(schemes, clock);
        Desk desk = new Desk(schemes, access, clock);
        this.queues = new Queues(desk);
        this.assignment = new Assignment(desk);
        this.checks = new DocumentChecks(desk);
        this.complements = new Complements(desk, evaluation);
        this.threads = new Threads(desk);
        this.decisions = new Decisions(desk, letters, sepa, new DocumentFiles(Storage.documentsDir(config)));
        this.calls = new PhoneCalls(desk, Duration.ofMinutes(Math.max(1, config.phone_call_minutes())));
        this.reevaluations = new Reevaluations(desk, evaluation);
        this.closing = new Closing(desk);
        this.caseFiles = new CaseFiles(desk, new DossierViews(schemes, evaluation));
    }

    @Override
    public Queue queue(Caller agent, QueueFilter filter) {
        return tx.call(em -> queues.queue(em, agent, filter));
    }

    @Override
    public List<Workload> workloads(Caller supervisor) {
        return tx.call(em -> queues.workloads(em, supervisor));
    }

    @Override
    public CaseFile caseFile(Caller agent, long dossierId) {
        return tx.call(em -> caseFiles.caseFile(em, agent, dossierId));
    }

    @Override
    public CaseFile take(Caller agent, long dossierId, Long expectedVersion) {
        tx.run(em -> assignment.take(em, agent, dossierId, expectedVersion));
        return caseFile(agent, dossierId);
    }

    @Override
    public CaseFile release(Caller agent, long dossierId) {
        tx.run(em -> assignment.release(em, agent, dossierId));
        return caseFile(agent, dossierId);
    }

    @Override
    public CaseFile assign(Caller supervisor, long dossierId, long agentId) {
        tx.run(em -> assignment.assign(em, supervisor, dossierId, agentId));
        return caseFile(supervisor, dossierId);
    }

    @Override
    public CaseFile reassign(Caller supervisor, long dossierId, Long fromAgentId, long toAgentId) {
        tx.run(em -> assignment.reassign(em, supervisor, dossierId, fromAgentId, toAgentId));
        return caseFile(supervisor, dossierId);
    }

    @Override
    public List<DocumentCheck> acceptRemainingDocuments(Caller agent, long dossierId) {
        return tx.call(em -> checks.acceptRemaining(em, agent, dossierId));
    }

    @Override
    public List<Reason> rejectionReasons() {
        return DocumentChecks.REJECTION_REASONS;
    }

    @Override
    public DocumentCheck checkDocument(Caller agent, long dossierId, long documentId, String status, String reasonCode,
            String comment) {
        return tx.call(em -> checks.check(em, agent, dossierId, documentId, status, reasonCode, comment));
    }

    @Override
    public ComplementRequest requestComplement(Caller agent, long dossierId, String message, List<String> documentTypes,
            List<String> fields, LocalDate deadline, String addressee) {
        return Mails.deliver(mail, tx.call(em -> complements.request(em, agent, dossierId, message, documentTypes,
                fields, deadline, addressee)));
    }

    @Override
    public ComplementRequest answerComplement(Caller caller, long dossierId, long requestId, String message) {
        return Mails.deliver(mail, tx.call(em -> complements.answer(em, caller, dossierId, requestId, message)));
    }

    @Override
    public List<ComplementRequest> complements(Caller caller, long dossierId) {
        return tx.call(em -> {
            access.require(em, caller, dossierId, Action.READ);
            return Complements.list(em, dossierId);
        });
    }

    @Override
    public InternalNote addNote(Caller agent, long dossierId, String body) {
        return tx.call(em -> threads.addNote(em, agent, dossierId, body));
    }

    @Override
    public ThreadMessage postMessage(Caller caller, long dossierId, String body) {
        return Mails.deliver(mail, tx.call(em -> threads.post(em, caller, dossierId, body)));
    }

    @Override
    public List<ThreadMessage> messages(Caller caller, long dossierId) {
        return tx.call(em -> {
            access.require(em, caller, dossierId, Action.READ);
            return Threads.messages(em, dossierId);
        });
    }

    @Override
    public Decision decide(Caller agent, long dossierId, DecisionRequest r) {
        return Mails.deliver(mail, tx.call(em -> decisions.decide(em, agent, dossierId, r)));
    }

    @Override
    public PendingDecision proposeDecision(Caller agent, long dossierId, DecisionRequest r) {
        return Mails.deliver(mail, tx.call(em -> decisions.propose(em, agent, dossierId, r)));
    }

    @Override
    public List<PendingDecision> pendingDecisions(Caller staff) {
        return tx.call(em -> Decisions.pending(em, staff));
    }

    @Override
    public Decision approveDecision(Caller approver, long proposalId) {
        return Mails.deliver(mail, tx.call(em -> decisions.approve(em, approver, proposalId)));
    }

    @Override
    public PendingDecision rejectDecision(Caller reviewer, long proposalId, String reason) {
        return tx.call(em -> decisions.reject(em, reviewer, proposalId, reason));
    }

    @Override
    public List<Decision> decisions(Caller caller, long dossierId) {
        return tx.call(em -> {
            access.require(em, caller, dossierId, Action.READ);
            return Decisions.list(em, dossierId);
        });
    }

    @Override
    public DocumentContent decisionLetter(Caller caller, long dossierId, long decisionId) {
        long documentId = tx.call(em -> {
            access.require(em, caller, dossierId, Action.READ);
            return Decisions.withLetter(em, dossierId, decisionId).letterDocumentId;
        });
        return dossiers.document(caller, dossierId, documentId);
    }

    @Override
    public LetterText decisionLetterText(Caller caller, long dossierId, long decisionId) {
        return tx.call(em -> {
            // the download's rules: the dossier readable, the decision its own with a letter, the letter in it
            DossierEntity d = access.dossier(em, caller, dossierId, Action.READ);
            DecisionEntity x = Decisions.withLetter(em, dossierId, decisionId);
            DossierViews.documentOf(em, d, x.letterDocumentId);
            return letters.decisionLetterText(Decisions.letter(em, schemes, d, x));
        });
    }

    @Override
    public PhoneCall startCall(Caller agent, long applicantId, Long dossierId, String reason) {
        return tx.call(em -> calls.start(em, agent, applicantId, dossierId, reason));
    }

    @Override
    public PhoneCall endCall(Caller agent, long callId, String outcome) {
        return tx.call(em -> calls.end(em, agent, callId, outcome));
    }

    @Override
    public Caller assisted(Caller agent, long callId) {
        return tx.call(em -> calls.assisted(em, agent, callId));
    }

    @Override
    public Reevaluation reevaluate(Caller agent, long dossierId, String version) {
        return tx.call(em -> reevaluations.preview(em, agent, dossierId, version));
    }

    @Override
    public CaseFile applyReevaluation(Caller agent, long dossierId, String version, String justification) {
        tx.run(em -> reevaluations.apply(em, agent, dossierId, version, justification));
        return caseFile(agent, dossierId);
    }

    @Override
    public CaseFile close(Caller agent, long dossierId, String reason) {
        Mails.deliver(mail, tx.call(em -> closing.close(em, agent, dossierId, reason)));
        return caseFile(agent, dossierId);
    }
}
