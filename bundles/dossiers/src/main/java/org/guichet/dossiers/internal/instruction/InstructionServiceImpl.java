package org.guichet.dossiers.internal.instruction;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.activity.Channel;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierService;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.instruction.CaseFile;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.DocumentCheck;
import org.guichet.api.instruction.InstructionService;
import org.guichet.api.instruction.InternalNote;
import org.guichet.api.instruction.Payee;
import org.guichet.api.instruction.PhoneCall;
import org.guichet.api.instruction.Queue;
import org.guichet.api.instruction.QueueFilter;
import org.guichet.api.instruction.QueueItem;
import org.guichet.api.instruction.Reason;
import org.guichet.api.instruction.Reevaluation;
import org.guichet.api.instruction.ThreadMessage;
import org.guichet.api.instruction.Workload;
import org.guichet.api.letters.DecisionLetter;
import org.guichet.api.letters.LetterRenderer;
import org.guichet.api.letters.SepaWriter;
import org.guichet.api.mail.MailService;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.Installment;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.RequiredDocument;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeUnavailableException;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.PortalConfig;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.documents.DocumentFiles;
import org.guichet.dossiers.internal.dossiers.DossierServiceImpl;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.ComplementRequestEntity;
import org.guichet.dossiers.internal.jpa.DecisionEntity;
import org.guichet.dossiers.internal.jpa.DocumentCheckEntity;
import org.guichet.dossiers.internal.jpa.DocumentEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.MessageEntity;
import org.guichet.dossiers.internal.jpa.NoteEntity;
import org.guichet.dossiers.internal.jpa.PaymentEntity;
import org.guichet.dossiers.internal.jpa.PhoneCallEntity;
import org.guichet.dossiers.internal.mandates.Mandates;
import org.guichet.dossiers.internal.payments.Schedules;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back office. Each change touches the dossier row, so two agents acting on one dossier at once cannot both
 * win: the second commit fails on the optimistic lock and is answered 409.
 */
@Component(service = InstructionService.class, configurationPid = PortalConfig.PID)
public class InstructionServiceImpl implements InstructionService {
    private static final Logger LOG = LoggerFactory.getLogger(InstructionServiceImpl.class);
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final List<Reason> REJECTION_REASONS = List.of(
            new Reason("ILLEGIBLE", "Le document est illisible ou flou"),
            new Reason("EXPIRED", "Le document n'est plus valable"),
            new Reason("WRONG_DOCUMENT", "Ce n'est pas le document demandé"),
            new Reason("INCOMPLETE", "Il manque des pages ou des informations"),
            new Reason("NAME_MISMATCH", "Le document n'est pas au nom de la personne"),
            new Reason("OTHER", "Autre raison (précisée dans le commentaire)"));
    static final Set<String> ACTIVE_STATES = Set.of("SUBMITTED", "IN_REVIEW", "WAITING_COMPLEMENT");

    private final Tx tx;
    private final SchemeRegistry registry;
    private final EvaluationService evaluation;
    private final MailService mail;
    private final LetterRenderer letters;
    private final DossierService dossiers;
    private final DocumentFiles files;
    private final SepaWriter sepa;

    @Activate
    public InstructionServiceImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference SchemeRegistry registry, @Reference EvaluationService evaluation,
            @Reference MailService mail, @Reference LetterRenderer letters, @Reference DossierService dossiers,
            @Reference SepaWriter sepa,
            PortalConfig config) {
        this.sepa = sepa;
        this.tx = new Tx(emf);
        this.registry = registry;
        this.evaluation = evaluation;
        this.mail = mail;
        this.letters = letters;
        this.dossiers = dossiers;
        this.files = new DocumentFiles(DossierServiceImpl.documentsDir(config));
    }

    // ---- queue

    @Override
    public Queue queue(Caller agent, QueueFilter filter) {
        requireAgent(agent);
        QueueFilter f = filter == null ? QueueFilter.all() : filter;
        if (f.state() != null && (!ACTIVE_STATES.contains(f.state()) && !Set.of("GRANTED", "REFUSED").contains(f.state()))) {
            throw GuichetException.invalid("STATE_INVALID", "state", "État inconnu : " + f.state());
        }
        if (agent.schemes().isEmpty()) {
            return new Queue(List.of(), Map.of(), Map.of());
        }
        return tx.call(em -> {
            StringBuilder q = new StringBuilder("select d from DossierEntity d where d.schemeId in :schemes"
                    + " and d.state <> 'DRAFT'");
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("schemes", agent.schemes());
            if (f.schemeId() != null) {
                q.append(" and d.schemeId = :scheme");
                p.put("scheme", f.schemeId());
            }
            if (f.state() != null) {
                q.append(" and d.state = :state");
                p.put("state", f.state());
            } else {
                q.append(" and d.state in ('SUBMITTED', 'IN_REVIEW', 'WAITING_COMPLEMENT')");
            }
            if (f.assigneeId() != null) {
                q.append(" and d.assigneeId = :assignee");
                p.put("assignee", f.assigneeId());
            }
            if (Boolean.TRUE.equals(f.unassigned())) {
                q.append(" and d.assigneeId is null");
            }
            if (f.waitingOn() != null) {
                q.append(" and d.waitingOn = :waiting");
                p.put("waiting", f.waitingOn());
            }
            if (f.minAgeDays() != null) {
                q.append(" and d.submittedAt <= :before");
                p.put("before", Timestamp.from(Instant.now().minus(Duration.ofDays(f.minAgeDays()))));
            }
            if (f.deadlineBefore() != null) {
                q.append(" and d.deadline <= :deadline");
                p.put("deadline", Date.valueOf(f.deadlineBefore()));
            }
            q.append(" order by d.submittedAt, d.id");
            TypedQuery<DossierEntity> query = em.createQuery(q.toString(), DossierEntity.class).setMaxResults(500);
            p.forEach(query::setParameter);
            List<QueueItem> items = query.getResultList().stream().map(d -> item(em, d)).toList();
            Map<String, Long> byState = new TreeMap<>();
            Map<String, Long> byWaiting = new TreeMap<>();
            for (Object[] row : em.createQuery("select d.state, d.waitingOn, count(d) from DossierEntity d where"
                    + " d.schemeId in :schemes and d.state <> 'DRAFT' group by d.state, d.waitingOn", Object[].class)
                    .setParameter("schemes", agent.schemes()).getResultList()) {
                long n = ((Number) row[2]).longValue();
                byState.merge((String) row[0], n, Long::sum);
                if (ACTIVE_STATES.contains((String) row[0]) && row[1] != null) {
                    byWaiting.merge((String) row[1], n, Long::sum);
                }
            }
            return new Queue(items, byState, byWaiting);
        });
    }

    private QueueItem item(EntityManager em, DossierEntity d) {
        Instant submitted = d.submittedAt == null ? d.createdAt.toInstant() : d.submittedAt.toInstant();
        return new QueueItem(d.id, d.reference, d.schemeId, title(d.schemeId, d.schemeVersion), d.state,
                AccountViews.person(em, d.applicantId), AccountViews.person(em, d.assigneeId), d.waitingOn, submitted,
                ChronoUnit.DAYS.between(submitted.atZone(PARIS).toLocalDate(), LocalDate.now(PARIS)),
                d.deadline == null ? null : d.deadline.toLocalDate(), d.version);
    }

    @Override
    public List<Workload> workloads(Caller supervisor) {
        if (!supervisor.has(Role.SUPERVISOR)) {
            throw GuichetException.forbidden("SUPERVISOR_ONLY", "Réservé aux responsables d'instruction.");
        }
        return tx.call(em -> {
            List<Workload> out = new ArrayList<>();
            for (AccountEntity a : em.createQuery("select a from AccountEntity a where a.roles like '%AGENT%' order by"
                    + " a.displayName", AccountEntity.class).getResultList()) {
                Set<String> schemes = AccountViews.schemes(a);
                if (schemes.stream().noneMatch(supervisor.schemes()::contains)) {
                    continue;
                }
                Map<String, Long> byState = new TreeMap<>();
                for (Object[] row : em.createQuery("select d.state, count(d) from DossierEntity d where d.assigneeId = :a"
                        + " group by d.state", Object[].class).setParameter("a", a.id).getResultList()) {
                    byState.put((String) row[0], ((Number) row[1]).longValue());
                }
                long active = ACTIVE_STATES.stream().mapToLong(s -> byState.getOrDefault(s, 0L)).sum();
                Timestamp since = Timestamp.from(Instant.now().minus(Duration.ofDays(30)));
                List<PhoneCallEntity> calls = em.createQuery("select c from PhoneCallEntity c where c.agentId = :a and"
                        + " c.startedAt >= :since", PhoneCallEntity.class).setParameter("a", a.id)
                        .setParameter("since", since).getResultList();
                long minutes = calls.stream().filter(c -> c.endedAt != null)
                        .mapToLong(c -> Duration.between(c.startedAt.toInstant(), c.endedAt.toInstant()).toSeconds()).sum() / 60;
                out.add(new Workload(AccountViews.person(a), schemes, active, byState, calls.size(), minutes));
            }
            return out;
        });
    }

    // ---- the case file

    @Override
    public CaseFile caseFile(Caller agent, long dossierId) {
        requireAgent(agent);
        tx.run(em -> instructable(em, agent, dossierId));
        Dossier dossier = dossiers.get(agent, dossierId);
        return tx.call(em -> {
            DossierEntity d = instructable(em, agent, dossierId);
            Mandate mandate = null;
            if (d.mandateId != null) {
                mandate = org.guichet.dossiers.internal.mandates.MandateServiceImpl.view(em,
                        em.find(org.guichet.dossiers.internal.jpa.MandateEntity.class, d.mandateId));
            }
            return new CaseFile(dossier, AccountViews.person(em, d.assigneeId), d.waitingOn,
                    d.deadline == null ? null : d.deadline.toLocalDate(), mandate, checks(em, d.id), complements(em, d.id),
                    messages(em, d.id), notes(em, d.id), decisions(em, d.id),
                    org.guichet.dossiers.internal.payments.PaymentServiceImpl.views(em, d.id), calls(em, d.id));
        });
    }

    // ---- assignment

    @Override
    public CaseFile take(Caller agent, long dossierId, Long expectedVersion) {
        requireAgent(agent);
        tx.run(em -> {
            DossierEntity d = instructable(em, agent, dossierId);
            if (expectedVersion != null && expectedVersion != d.version) {
                throw Tx.editConflict();
            }
            if (d.assigneeId != null && d.assigneeId != agent.accountId()) {
                throw new GuichetException(Kind.CONFLICT, "ALREADY_TAKEN", null, "Ce dossier vient d'être pris par "
                        + AccountViews.person(em, d.assigneeId).displayName() + ".", null,
                        Map.of("assigneeId", d.assigneeId));
            }
            requireOpen(d);
            d.assigneeId = agent.accountId();
            if (DossierState.SUBMITTED.name().equals(d.state)) {
                d.state = DossierState.IN_REVIEW.name();
            }
            touch(d);
            record(em, agent, d, "DOSSIER_TAKEN", "Dossier pris en charge");
        });
        return caseFile(agent, dossierId);
    }

    @Override
    public CaseFile release(Caller agent, long dossierId) {
        requireAgent(agent);
        tx.run(em -> {
            DossierEntity d = held(em, agent, dossierId);
            d.assigneeId = null;
            if (DossierState.IN_REVIEW.name().equals(d.state)) {
                d.state = DossierState.SUBMITTED.name();
            }
            touch(d);
            record(em, agent, d, "DOSSIER_RELEASED", "Dossier remis dans la file");
        });
        return caseFile(agent, dossierId);
    }

    @Override
    public CaseFile assign(Caller supervisor, long dossierId, long agentId) {
        if (!supervisor.has(Role.SUPERVISOR)) {
            throw GuichetException.forbidden("SUPERVISOR_ONLY", "Seul un responsable d'instruction attribue les dossiers.");
        }
        tx.run(em -> {
            DossierEntity d = instructable(em, supervisor, dossierId);
            requireOpen(d);
            AccountEntity a = em.find(AccountEntity.class, agentId);
            if (a == null || !AccountViews.roles(a).contains(Role.AGENT) || !AccountViews.schemes(a).contains(d.schemeId)) {
                throw GuichetException.invalid("NOT_AN_AGENT_OF_SCHEME", "agentId",
                        "Cette personne n'instruit pas ce dispositif.");
            }
            d.assigneeId = agentId;
            if (DossierState.SUBMITTED.name().equals(d.state)) {
                d.state = DossierState.IN_REVIEW.name();
            }
            touch(d);
            record(em, supervisor, d, "DOSSIER_ASSIGNED", "Dossier attribué à " + a.displayName);
        });
        return caseFile(supervisor, dossierId);
    }

    // ---- document checks

    @Override
    public List<Reason> rejectionReasons() {
        return REJECTION_REASONS;
    }

    @Override
    public DocumentCheck checkDocument(Caller agent, long dossierId, long documentId, String status, String reasonCode,
            String comment) {
        requireAgent(agent);
        if (!"ACCEPTED".equals(status) && !"REJECTED".equals(status)) {
            throw GuichetException.invalid("STATUS_INVALID", "status", "Le document est ACCEPTED (accepté) ou REJECTED (refusé).");
        }
        if ("REJECTED".equals(status) && REJECTION_REASONS.stream().noneMatch(r -> r.code().equals(reasonCode))) {
            throw GuichetException.invalid("REASON_REQUIRED", "reasonCode", "Choisissez la raison du refus dans la liste.");
        }
        if ("OTHER".equals(reasonCode) && (comment == null || comment.isBlank())) {
            throw GuichetException.invalid("COMMENT_REQUIRED", "comment", "Précisez la raison du refus.");
        }
        String c = limit(comment, 2000, "comment");
        return tx.call(em -> {
            DossierEntity d = held(em, agent, dossierId);
            requireOpen(d);
            DocumentEntity doc = em.find(DocumentEntity.class, documentId);
            if (doc == null || doc.dossierId == null || doc.dossierId != d.id) {
                throw GuichetException.notFound("DOCUMENT_NOT_FOUND", "Ce document n'existe pas dans ce dossier.");
            }
            DocumentCheckEntity e = new DocumentCheckEntity();
            e.dossierId = d.id;
            e.documentId = doc.id;
            e.documentType = doc.documentType;
            e.status = status;
            e.reasonCode = "REJECTED".equals(status) ? reasonCode : null;
            e.comment = c;
            e.agentId = agent.accountId();
            e.checkedAt = now();
            em.persist(e);
            touch(d);
            em.flush();
            record(em, agent, d, "DOCUMENT_CHECKED", doc.documentType + " (" + doc.fileName + ") : "
                    + ("ACCEPTED".equals(status) ? "accepté" : "refusé — " + label(reasonCode)));
            return check(em, e);
        });
    }

    // ---- complements

    @Override
    public ComplementRequest requestComplement(Caller agent, long dossierId, String message, List<String> documentTypes,
            List<String> fields, LocalDate deadline, String addressee) {
        requireAgent(agent);
        String m = limit(message, 4000, "message");
        if (m == null || m.isBlank()) {
            throw GuichetException.invalid("MESSAGE_REQUIRED", "message", "Expliquez en mots simples ce qu'il faut envoyer.");
        }
        List<String> docs = documentTypes == null ? List.of() : documentTypes;
        List<String> flds = fields == null ? List.of() : fields;
        String to = addressee == null ? "APPLICANT" : addressee;
        if (!Set.of("APPLICANT", "ORGANISATION").contains(to)) {
            throw GuichetException.invalid("ADDRESSEE_INVALID", "addressee", "Le complément est demandé à APPLICANT ou ORGANISATION.");
        }
        LocalDate today = LocalDate.now(PARIS);
        LocalDate due = deadline == null ? today.plusDays(15) : deadline;
        if (!due.isAfter(today)) {
            throw GuichetException.invalid("DEADLINE_INVALID", "deadline", "La date limite doit être après aujourd'hui.");
        }
        return Mails.deliver(mail, tx.call(em -> {
            DossierEntity d = held(em, agent, dossierId);
            requireOpen(d);
            if (Complements.open(em, d.id) != null) {
                throw GuichetException.conflict("COMPLEMENT_ALREADY_OPEN", "Un complément est déjà demandé pour ce dossier.");
            }
            SchemeDescriptor s = descriptor(d);
            for (String t : docs) {
                if (s.document(t) == null) {
                    throw GuichetException.invalid("UNKNOWN_DOCUMENT_TYPE", "documentTypes", "Document inconnu : " + t);
                }
            }
            for (String fl : flds) {
                if (s.field(fl) == null) {
                    throw GuichetException.invalid("UNKNOWN_FIELD", "fields", "Question inconnue : " + fl);
                }
            }
            ComplementRequestEntity c = new ComplementRequestEntity();
            c.dossierId = d.id;
            c.message = m;
            c.documentTypes = String.join(",", docs);
            c.fields = String.join(",", flds);
            c.deadline = Date.valueOf(due);
            c.addressee = to;
            c.state = "OPEN";
            c.requestedBy = agent.accountId();
            c.requestedAt = now();
            em.persist(c);
            d.state = DossierState.WAITING_COMPLEMENT.name();
            d.waitingOn = to;
            d.deadline = c.deadline;
            touch(d);
            em.flush();
            record(em, agent, d, "COMPLEMENT_REQUESTED", "Complément demandé"
                    + (docs.isEmpty() ? "" : " ; documents : " + String.join(", ", docs))
                    + (flds.isEmpty() ? "" : " ; réponses : " + String.join(", ", flds)) + " ; avant le " + fr(due));
            List<OutgoingMail> notices = new ArrayList<>();
            if ("APPLICANT".equals(to)) {
                StringBuilder text = new StringBuilder("Pour continuer l'examen de votre demande " + d.reference
                        + " (" + s.title().fr() + "), l'agent de la Région a besoin de :\n\n" + m + "\n\n");
                for (String t : docs) {
                    text.append("- ").append(s.document(t).label().fr()).append('\n');
                }
                for (String fl : flds) {
                    text.append("- votre réponse à « ").append(s.field(fl).label().fr()).append(" »\n");
                }
                text.append("\nÀ envoyer avant le ").append(fr(due)).append(", depuis votre espace sur le guichet des"
                        + " aides. Si vous avez besoin d'aide, répondez dans votre espace ou appelez le service des aides.");
                for (PersonRef p : recipients(em, d)) {
                    notices.add(new OutgoingMail(p.email(), "Votre demande " + d.reference + " : il manque quelque chose",
                            "Bonjour " + p.displayName() + ",\n\n" + text, "COMPLEMENT_REQUEST"));
                }
            }
            return Mails.Mailed.of(complement(em, c), notices);
        }));
    }

    @Override
    public ComplementRequest answerComplement(Caller caller, long dossierId, long requestId, String message) {
        String m = limit(message, 4000, "message");
        return Mails.deliver(mail, tx.call(em -> {
            DossierEntity d = em.find(DossierEntity.class, dossierId);
            boolean own = d != null && d.applicantId == caller.accountId();
            boolean mediator = d != null && !own && caller.has(Role.MEDIATOR)
                    && Mandates.active(em, caller.accountId(), d.applicantId) != null;
            if (!own && !mediator) {
                throw DossierServiceImplAccess.notFound();
            }
            ComplementRequestEntity c = em.find(ComplementRequestEntity.class, requestId);
            if (c == null || c.dossierId != d.id) {
                throw GuichetException.notFound("COMPLEMENT_NOT_FOUND", "Cette demande de complément n'existe pas.");
            }
            if (!"OPEN".equals(c.state)) {
                throw GuichetException.conflict("COMPLEMENT_NOT_OPEN", "Cette demande de complément est déjà close.");
            }
            List<Object> missing = new ArrayList<>();
            Map<String, Object> answers = Json.readMap(d.answers);
            for (String f : Complements.list(c.fields)) {
                if (answers.get(f) == null) {
                    missing.add(Map.of("field", f, "code", "ANSWER_MISSING", "message", "Réponse attendue : " + f));
                }
            }
            for (String t : Complements.list(c.documentTypes)) {
                long fresh = em.createQuery("select count(x) from DocumentEntity x where x.dossierId = :d and"
                        + " x.documentType = :t and x.uploadedAt >= :since", Long.class).setParameter("d", d.id)
                        .setParameter("t", t).setParameter("since", c.requestedAt).getSingleResult();
                if (fresh == 0) {
                    missing.add(Map.of("field", "documents." + t, "code", "DOCUMENT_MISSING",
                            "message", "Document attendu : " + t));
                }
            }
            if (!missing.isEmpty()) {
                throw new GuichetException(Kind.CONFLICT, "COMPLEMENT_INCOMPLETE", null,
                        "Il manque encore ce que l'agent a demandé.", missing, null);
            }
            c.state = "ANSWERED";
            c.answeredBy = Activity.actorId(caller);
            c.answeredAt = now();
            c.answer = m;
            d.state = d.assigneeId == null ? DossierState.SUBMITTED.name() : DossierState.IN_REVIEW.name();
            d.waitingOn = "AGENT";
            LocalDate resume = LocalDate.now(PARIS).plusDays(15);
            d.deadline = Date.valueOf(resume);
            // the rules judge the completed answers again, with the version the dossier is pinned to
            try {
                d.evaluation = Json.write(evaluation.evaluate(d.schemeId, d.schemeVersion, answers, Locale.FRENCH));
            } catch (InvalidAnswersException | SchemeNotFoundException | SchemeUnavailableException e) {
                LOG.warn("Dossier {}: answers not evaluable after the complement: {}", d.reference, e.getMessage());
            }
            touch(d);
            em.flush();
            Activity.record(em, "COMPLEMENT_ANSWERED", Activity.actorId(caller), Activity.actorName(caller),
                    Activity.onBehalf(caller, d.applicantId), Activity.channel(caller, d.applicantId), d.id,
                    caller.organisationId(), "Complément envoyé" + (m == null ? "" : " : " + m));
            OutgoingMail notice = null;
            if (d.assigneeId != null) {
                AccountEntity agent = em.find(AccountEntity.class, d.assigneeId);
                notice = new OutgoingMail(agent.email, "Complément reçu : " + d.reference, "Bonjour " + agent.displayName
                        + ",\n\nLe complément demandé pour le dossier " + d.reference + " est arrivé.\n", "COMPLEMENT_ANSWERED");
            }
            return Mails.Mailed.of(complement(em, c), notice);
        }));

    }

    @Override
    public List<ComplementRequest> complements(Caller caller, long dossierId) {
        readable(caller, dossierId);
        return tx.call(em -> complements(em, dossierId));
    }

    // ---- notes and messages

    @Override
    public InternalNote addNote(Caller agent, long dossierId, String body) {
        requireAgent(agent);
        String b = required(limit(body, 4000, "body"), "body");
        return tx.call(em -> {
            DossierEntity d = instructable(em, agent, dossierId);
            NoteEntity n = new NoteEntity();
            n.dossierId = d.id;
            n.authorId = agent.accountId();
            n.body = b;
            n.postedAt = now();
            em.persist(n);
            em.flush();
            record(em, agent, d, "NOTE_ADDED", "Note interne ajoutée");
            return new InternalNote(n.id, AccountViews.person(em, n.authorId), n.body, n.postedAt.toInstant());
        });
    }

    @Override
    public ThreadMessage postMessage(Caller caller, long dossierId, String body) {
        String b = required(limit(body, 4000, "body"), "body");
        readable(caller, dossierId);
        return Mails.deliver(mail, tx.call(em -> {
            DossierEntity d = em.find(DossierEntity.class, dossierId);
            boolean asAgent = isAgentOf(caller, d) && caller.accountId() != d.applicantId && caller.assistance() == null;
            MessageEntity m = new MessageEntity();
            m.dossierId = d.id;
            m.authorId = Activity.actorId(caller);
            m.authorRole = asAgent || caller.assistance() != null ? "AGENT"
                    : caller.accountId() == d.applicantId ? "APPLICANT" : "MEDIATOR";
            m.body = b;
            m.postedAt = now();
            em.persist(m);
            em.flush();
            Activity.record(em, "MESSAGE_POSTED", Activity.actorId(caller), Activity.actorName(caller),
                    asAgent ? null : Activity.onBehalf(caller, d.applicantId),
                    asAgent ? Channel.AGENT : Activity.channel(caller, d.applicantId), d.id, caller.organisationId(),
                    "Message (" + m.authorRole + ")");
            List<OutgoingMail> notices = new ArrayList<>();
            if ("AGENT".equals(m.authorRole)) {
                for (PersonRef p : recipients(em, d)) {
                    notices.add(new OutgoingMail(p.email(), "Nouveau message sur votre demande " + d.reference,
                            "Bonjour " + p.displayName() + ",\n\nL'agent de la Région vous a écrit :\n\n" + b
                                    + "\n\nRépondez depuis votre espace sur le guichet des aides.", "MESSAGE"));
                }
            }
            return Mails.Mailed.of(message(em, m), notices);
        }));
    }

    @Override
    public List<ThreadMessage> messages(Caller caller, long dossierId) {
        readable(caller, dossierId);
        return tx.call(em -> messages(em, dossierId));
    }

    // ---- decisions

    @Override
    public Decision decide(Caller agent, long dossierId, DecisionRequest r) {
        requireAgent(agent);
        if (r == null || !Set.of("GRANTED", "REFUSED").contains(r.outcome())) {
            throw GuichetException.invalid("OUTCOME_INVALID", "outcome", "La décision est GRANTED (accordée) ou REFUSED (refusée).");
        }
        boolean grant = "GRANTED".equals(r.outcome());
        String justification = limit(r.justification(), 4000, "justification");
        return Mails.deliver(mail, tx.call(em -> {
            DossierEntity d = held(em, agent, dossierId);
            if (r.expectedVersion() != null && r.expectedVersion() != d.version) {
                throw Tx.editConflict();
            }
            if (DossierState.WAITING_COMPLEMENT.name().equals(d.state)) {
                throw GuichetException.conflict("COMPLEMENT_OPEN", "Un complément est attendu : attendez la réponse avant"
                        + " de décider.");
            }
            DecisionEntity previous = current(em, d.id);
            boolean correction = previous != null;
            if (correction && (justification == null || justification.isBlank())) {
                throw GuichetException.invalid("JUSTIFICATION_REQUIRED", "justification", "Une décision déjà prise ne se"
                        + " change que par une nouvelle décision motivée : écrivez pourquoi.");
            }
            SchemeDescriptor s = descriptor(d);
            Evaluation e = Json.read(d.evaluation, Evaluation.class);
            if (e == null) {
                throw GuichetException.conflict("NO_EVALUATION", "Ce dossier n'a pas d'évaluation enregistrée.");
            }
            BigDecimal rulesAmount = e.amount() == null ? null : e.amount().total();
            DecisionEntity x = new DecisionEntity();
            x.dossierId = d.id;
            x.outcome = r.outcome();
            x.rulesAmount = rulesAmount;
            x.decidedBy = agent.accountId();
            x.decidedAt = now();
            x.supersedesId = previous == null ? null : previous.id;
            x.schemeVersion = d.schemeVersion;
            x.justification = justification;
            List<Installment> installments = List.of();
            List<Reason> reasons = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            String explanation;
            if (grant) {
                BigDecimal amount = r.amount() == null ? rulesAmount : r.amount().setScale(2, java.math.RoundingMode.HALF_UP);
                if (amount == null || amount.signum() <= 0) {
                    throw GuichetException.invalid("AMOUNT_REQUIRED", "amount", "Les règles ne donnent pas de montant :"
                            + " indiquez-le, avec sa justification.");
                }
                boolean overridden = rulesAmount == null || amount.compareTo(rulesAmount) != 0 || !e.eligible();
                if (overridden && (justification == null || justification.isBlank())) {
                    throw GuichetException.invalid("JUSTIFICATION_REQUIRED", "justification", "Le montant ou la décision"
                            + " diffère de celui des règles (" + (rulesAmount == null ? "aucun" : Mails.euros(rulesAmount))
                            + ") : écrivez pourquoi.");
                }
                if (r.payee() == null || r.payee().name() == null || r.payee().name().isBlank()) {
                    throw GuichetException.invalid("PAYEE_REQUIRED", "payee.name", "Indiquez à qui l'aide est versée.");
                }
                String iban = sepa.normaliseIban(r.payee().iban());
                if (iban == null) {
                    throw GuichetException.invalid("IBAN_INVALID", "payee.iban", "Cet IBAN n'est pas valide : vérifiez-le"
                            + " sur le RIB.");
                }
                x.amount = amount;
                x.payeeName = limit(r.payee().name(), 200, "payee.name");
                x.payeeIban = iban;
                x.payeeBic = r.payee().bic() == null || r.payee().bic().isBlank() ? null
                        : r.payee().bic().replaceAll("\\s", "").toUpperCase(Locale.ROOT);
                installments = Schedules.scale(e.amount() == null ? List.of() : e.amount().installments(), rulesAmount, amount);
                for (Installment i : installments) {
                    lines.add(Mails.month(i.period()) + " : " + Mails.euros(i.amount()));
                }
                StringBuilder b = new StringBuilder();
                if (e.amount() != null && e.amount().lines() != null && !e.amount().lines().isEmpty()) {
                    b.append("Comment le montant est calculé : ");
                    b.append(e.amount().lines().stream().map(l -> l.label() + " " + Mails.euros(l.amount()))
                            .collect(Collectors.joining(" ; ")));
                    b.append(".");
                }
                if (s.recurring()) {
                    b.append("\nChaque mois est versé quand l'organisme de formation a transmis votre présence ; une"
                            + " absence non justifiée réduit le versement du mois en proportion des heures manquées.");
                }
                explanation = b.toString();
            } else {
                List<String> asked = r.refusalReasons() == null ? List.of() : r.refusalReasons();
                for (String code : asked) {
                    if (code == null || code.isBlank()) {
                        continue;
                    }
                    String msg = e.reasons().stream().filter(rr -> rr.code().equals(code)).map(rr -> rr.message())
                            .findFirst().orElse(null);
                    reasons.add(msg == null ? new Reason("OTHER", limit(code, 1000, "refusalReasons")) : new Reason(code, msg));
                }
                if (reasons.isEmpty()) {
                    throw GuichetException.invalid("REASONS_REQUIRED", "refusalReasons", "Un refus donne ses raisons :"
                            + " choisissez celles des règles ou écrivez-les.");
                }
                reasons.forEach(rr -> lines.add(rr.label()));
                explanation = "Ces raisons viennent des conditions de l'aide, fixées par la Région.";
            }
            x.reasons = Json.write(reasons);
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
            if (grant) {
                Schedules.create(em, x, installments, s.recurring(), LocalDate.now(PARIS), paidMonths);
            }
            AccountEntity applicant = em.find(AccountEntity.class, d.applicantId);
            byte[] pdf = letters.decisionLetter(new DecisionLetter(d.reference, s.title().fr(), applicant.displayName,
                    applicant.email, LocalDate.now(PARIS), grant, x.amount, lines, explanation, justification,
                    grant ? x.payeeName : null, agent.displayName(),
                    previous == null ? null : fr(previous.decidedAt.toInstant().atZone(PARIS).toLocalDate())));
            DocumentFiles.Stored stored = files.store(new ByteArrayInputStream(pdf), List.of("application/pdf"),
                    20L * 1024 * 1024, "lettre de décision");
            DocumentEntity letter = new DocumentEntity();
            letter.dossierId = d.id;
            letter.documentType = "DECISION_LETTER";
            letter.fileName = "decision-" + d.reference + (correction ? "-" + x.id : "") + ".pdf";
            letter.mediaType = stored.mediaType();
            letter.sizeBytes = stored.size();
            letter.sha256 = stored.sha256();
            letter.uploadedAt = now();
            letter.uploadedBy = agent.accountId();
            letter.source = "AGENT";
            em.persist(letter);
            em.flush();
            x.letterDocumentId = letter.id;
            d.state = r.outcome();
            d.decidedAt = x.decidedAt;
            d.waitingOn = null;
            touch(d);
            em.flush();
            record(em, agent, d, correction ? "DECISION_CORRECTED" : "DECIDED", (grant ? "Aide accordée : "
                    + Mails.euros(x.amount) : "Aide refusée : " + reasons.stream().map(Reason::label)
                    .collect(Collectors.joining(" ; "))) + (justification == null ? "" : " — " + justification));
            List<OutgoingMail> notices = new ArrayList<>();
            for (PersonRef p : recipients(em, d)) {
                notices.add(new OutgoingMail(p.email(), "Décision sur votre demande " + d.reference,
                        "Bonjour " + p.displayName() + ",\n\n" + (grant
                                ? "La Région vous accorde l'aide « " + s.title().fr() + " » : " + Mails.euros(x.amount)
                                        + ".\n\nLes versements prévus :\n" + lines.stream().map(l -> "- " + l + "\n")
                                        .collect(Collectors.joining())
                                : "La Région ne peut pas vous accorder l'aide « " + s.title().fr() + " ».\n\nPourquoi :\n"
                                        + lines.stream().map(l -> "- " + l + "\n").collect(Collectors.joining()))
                                + "\nLa lettre de décision (PDF) est dans votre espace, avec l'explication complète.",
                        "DECISION"));
            }
            return Mails.Mailed.of(decision(em, x), notices);
        }));
    }

    @Override
    public List<Decision> decisions(Caller caller, long dossierId) {
        readable(caller, dossierId);
        return tx.call(em -> decisions(em, dossierId));
    }

    @Override
    public DocumentContent decisionLetter(Caller caller, long dossierId, long decisionId) {
        readable(caller, dossierId);
        long documentId = tx.call(em -> {
            DecisionEntity x = em.find(DecisionEntity.class, decisionId);
            if (x == null || x.dossierId != dossierId || x.letterDocumentId == null) {
                throw GuichetException.notFound("DECISION_NOT_FOUND", "Cette décision n'existe pas dans ce dossier.");
            }
            return x.letterDocumentId;
        });
        return dossiers.document(caller, dossierId, documentId);
    }

    // ---- phone help

    @Override
    public PhoneCall startCall(Caller agent, long applicantId, Long dossierId, String reason) {
        requireAgent(agent);
        String why = required(limit(reason, 1000, "reason"), "reason");
        return tx.call(em -> {
            AccountEntity applicant = em.find(AccountEntity.class, applicantId);
            if (applicant == null || !AccountViews.roles(applicant).contains(Role.APPLICANT)) {
                throw GuichetException.notFound("APPLICANT_NOT_FOUND", "Ce demandeur n'existe pas.");
            }
            if (dossierId != null) {
                DossierEntity d = em.find(DossierEntity.class, dossierId);
                if (d == null || d.applicantId != applicantId || !agent.schemes().contains(d.schemeId)) {
                    throw DossierServiceImplAccess.notFound();
                }
            }
            PhoneCallEntity c = new PhoneCallEntity();
            c.agentId = agent.accountId();
            c.applicantId = applicantId;
            c.dossierId = dossierId;
            c.reason = why;
            c.startedAt = now();
            em.persist(c);
            em.flush();
            Activity.record(em, "PHONE_CALL_STARTED", agent.accountId(), agent.displayName(), applicantId, Channel.PHONE,
                    dossierId, null, "Appel : " + why);
            return call(em, c);
        });
    }

    @Override
    public PhoneCall endCall(Caller agent, long callId, String outcome) {
        requireAgent(agent);
        String o = limit(outcome, 2000, "outcome");
        return tx.call(em -> {
            PhoneCallEntity c = em.find(PhoneCallEntity.class, callId);
            if (c == null || c.agentId != agent.accountId()) {
                throw GuichetException.notFound("CALL_NOT_FOUND", "Cet appel n'existe pas.");
            }
            if (c.endedAt == null) {
                c.endedAt = now();
                c.outcome = o;
                long seconds = Duration.between(c.startedAt.toInstant(), c.endedAt.toInstant()).toSeconds();
                Activity.record(em, "PHONE_CALL_ENDED", agent.accountId(), agent.displayName(), c.applicantId,
                        Channel.PHONE, c.dossierId, null, "Appel terminé (" + seconds + " s)" + (o == null ? "" : " : " + o));
            }
            return call(em, c);
        });
    }

    @Override
    public Caller assisted(Caller agent, long callId) {
        requireAgent(agent);
        return tx.call(em -> {
            PhoneCallEntity c = em.find(PhoneCallEntity.class, callId);
            if (c == null || c.agentId != agent.accountId()) {
                throw GuichetException.notFound("CALL_NOT_FOUND", "Cet appel n'existe pas.");
            }
            if (c.endedAt != null) {
                throw GuichetException.conflict("CALL_ENDED", "Cet appel est terminé : on n'agit plus pour la personne.");
            }
            AccountEntity a = em.find(AccountEntity.class, c.applicantId);
            Caller applicant = AccountViews.caller(a);
            return new Caller(applicant.accountId(), applicant.email(), applicant.displayName(), applicant.roles(),
                    applicant.organisationId(), applicant.schemes(),
                    new Caller.Assistance(agent.accountId(), agent.displayName(), c.id));
        });
    }

    // ---- new scheme versions

    @Override
    public Reevaluation reevaluate(Caller agent, long dossierId, String version) {
        requireAgent(agent);
        return tx.call(em -> reevaluation(em, instructable(em, agent, dossierId), version));
    }

    private Reevaluation reevaluation(EntityManager em, DossierEntity d, String version) {
        if (version == null || version.isBlank()) {
            throw GuichetException.invalid("VERSION_REQUIRED", "version", "Indiquez la version du dispositif.");
        }
        if (registry.activeDescriptor(d.schemeId, version).isEmpty()) {
            throw new GuichetException(Kind.NOT_FOUND, "SCHEME_VERSION_NOT_ACTIVE", "version",
                    "La version " + version + " de ce dispositif n'est pas active.");
        }
        Map<String, Object> answers = Json.readMap(d.answers);
        Evaluation before = Json.read(d.evaluation, Evaluation.class);
        Evaluation after;
        try {
            after = evaluation.evaluate(d.schemeId, version, answers, Locale.FRENCH);
        } catch (InvalidAnswersException e) {
            throw new GuichetException(Kind.CONFLICT, "ANSWERS_INVALID_FOR_VERSION", "version", "Avec la version " + version
                    + ", des réponses manquent ou ne sont plus valables.", e.errors(), null);
        } catch (SchemeNotFoundException | SchemeUnavailableException e) {
            throw new GuichetException(Kind.UNAVAILABLE, "SCHEME_UNAVAILABLE", "version", e.getMessage());
        }
        Set<String> docsBefore = before == null ? Set.of()
                : before.requiredDocuments().stream().map(RequiredDocument::id).collect(Collectors.toSet());
        Set<String> docsAfter = after.requiredDocuments().stream().map(RequiredDocument::id).collect(Collectors.toSet());
        boolean decided = Set.of("GRANTED", "REFUSED").contains(d.state);
        return new Reevaluation(d.schemeVersion, version, before, after,
                before == null || before.eligible() != after.eligible(),
                docsAfter.stream().filter(x -> !docsBefore.contains(x)).sorted().toList(),
                docsBefore.stream().filter(x -> !docsAfter.contains(x)).sorted().toList(),
                before == null || before.amount() == null ? null : before.amount().total(),
                after.amount() == null ? null : after.amount().total(), !decided,
                decided ? "Ce dossier est déjà décidé : une nouvelle version ne le change pas. Si la décision doit"
                        + " changer, prenez une nouvelle décision motivée." : null);
    }

    @Override
    public CaseFile applyReevaluation(Caller agent, long dossierId, String version, String justification) {
        requireAgent(agent);
        String j = required(limit(justification, 2000, "justification"), "justification");
        tx.run(em -> {
            DossierEntity d = held(em, agent, dossierId);
            Reevaluation r = reevaluation(em, d, version);
            if (!r.applicable()) {
                throw new GuichetException(Kind.CONFLICT, "DOSSIER_DECIDED", null, r.notApplicableBecause());
            }
            String from = d.schemeVersion;
            d.schemeVersion = version;
            d.evaluation = Json.write(r.after());
            touch(d);
            record(em, agent, d, "SCHEME_VERSION_CHANGED", "Version " + from + " → " + version + " : " + j);
        });
        return caseFile(agent, dossierId);
    }

    // ---- access

    static void requireAgent(Caller c) {
        if (!c.has(Role.AGENT) && !c.has(Role.SUPERVISOR)) {
            throw GuichetException.forbidden("AGENT_ONLY", "Réservé aux agents instructeurs de la Région.");
        }
    }

    static boolean isAgentOf(Caller c, DossierEntity d) {
        return (c.has(Role.AGENT) || c.has(Role.SUPERVISOR)) && c.schemes().contains(d.schemeId);
    }

    /** A submitted dossier of a scheme the agent instructs; anything else is not found. */
    static DossierEntity instructable(EntityManager em, Caller agent, long id) {
        DossierEntity d = em.find(DossierEntity.class, id);
        if (d == null || DossierState.DRAFT.name().equals(d.state) || !isAgentOf(agent, d)) {
            throw DossierServiceImplAccess.notFound();
        }
        return d;
    }

    /** Instructable and held by the caller (a supervisor may act on any dossier of her schemes). */
    static DossierEntity held(EntityManager em, Caller agent, long id) {
        DossierEntity d = instructable(em, agent, id);
        if (agent.has(Role.SUPERVISOR)) {
            return d;
        }
        if (d.assigneeId == null) {
            throw GuichetException.conflict("NOT_TAKEN", "Prenez d'abord ce dossier.");
        }
        if (d.assigneeId != agent.accountId()) {
            throw new GuichetException(Kind.CONFLICT, "ALREADY_TAKEN", null, "Ce dossier est pris par "
                    + AccountViews.person(em, d.assigneeId).displayName() + ".", null, Map.of("assigneeId", d.assigneeId));
        }
        return d;
    }

    private static void requireOpen(DossierEntity d) {
        if (!ACTIVE_STATES.contains(d.state)) {
            throw GuichetException.conflict("DOSSIER_DECIDED", "Ce dossier est déjà décidé.");
        }
    }

    /** Read access through the dossier service's own rules (applicant, mandated mediator, agent of the scheme). */
    private void readable(Caller caller, long dossierId) {
        dossiers.get(caller, dossierId);
    }

    // ---- views and helpers

    private static List<DocumentCheck> checks(EntityManager em, long dossierId) {
        return em.createQuery("select c from DocumentCheckEntity c where c.dossierId = :d order by c.id",
                DocumentCheckEntity.class).setParameter("d", dossierId).getResultList().stream()
                .map(c -> check(em, c)).toList();
    }

    private static DocumentCheck check(EntityManager em, DocumentCheckEntity c) {
        return new DocumentCheck(c.id, c.documentId, c.documentType, c.status, c.reasonCode,
                c.reasonCode == null ? null : label(c.reasonCode), c.comment, AccountViews.person(em, c.agentId),
                c.checkedAt.toInstant());
    }

    private static String label(String reasonCode) {
        return REJECTION_REASONS.stream().filter(r -> r.code().equals(reasonCode)).map(Reason::label).findFirst()
                .orElse(reasonCode);
    }

    private static List<ComplementRequest> complements(EntityManager em, long dossierId) {
        return em.createQuery("select c from ComplementRequestEntity c where c.dossierId = :d order by c.id",
                ComplementRequestEntity.class).setParameter("d", dossierId).getResultList().stream()
                .map(c -> complement(em, c)).toList();
    }

    private static ComplementRequest complement(EntityManager em, ComplementRequestEntity c) {
        return new ComplementRequest(c.id, c.message, Complements.list(c.documentTypes), Complements.list(c.fields),
                c.deadline.toLocalDate(), c.addressee, c.state, AccountViews.person(em, c.requestedBy),
                c.requestedAt.toInstant(), AccountViews.person(em, c.answeredBy),
                c.answeredAt == null ? null : c.answeredAt.toInstant(), c.answer);
    }

    private static List<ThreadMessage> messages(EntityManager em, long dossierId) {
        return em.createQuery("select m from MessageEntity m where m.dossierId = :d order by m.id", MessageEntity.class)
                .setParameter("d", dossierId).getResultList().stream().map(m -> message(em, m)).toList();
    }

    private static ThreadMessage message(EntityManager em, MessageEntity m) {
        return new ThreadMessage(m.id, AccountViews.person(em, m.authorId), m.authorRole, m.body, m.postedAt.toInstant());
    }

    private static List<InternalNote> notes(EntityManager em, long dossierId) {
        return em.createQuery("select n from NoteEntity n where n.dossierId = :d order by n.id", NoteEntity.class)
                .setParameter("d", dossierId).getResultList().stream()
                .map(n -> new InternalNote(n.id, AccountViews.person(em, n.authorId), n.body, n.postedAt.toInstant()))
                .toList();
    }

    static DecisionEntity current(EntityManager em, long dossierId) {
        return em.createQuery("select x from DecisionEntity x where x.dossierId = :d order by x.id desc",
                DecisionEntity.class).setParameter("d", dossierId).setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    private static List<Decision> decisions(EntityManager em, long dossierId) {
        return em.createQuery("select x from DecisionEntity x where x.dossierId = :d order by x.id", DecisionEntity.class)
                .setParameter("d", dossierId).getResultList().stream().map(x -> decision(em, x)).toList();
    }

    private static Decision decision(EntityManager em, DecisionEntity x) {
        List<Reason> reasons = List.of(Json.read(x.reasons, Reason[].class));
        List<Installment> installments = List.of(Json.read(x.installments, Installment[].class));
        return new Decision(x.id, x.dossierId, x.outcome, x.amount, x.rulesAmount, x.justification, reasons, installments,
                x.explanation, x.payeeName == null ? null : new Payee(x.payeeName, x.payeeIban, x.payeeBic),
                AccountViews.person(em, x.decidedBy), x.decidedAt.toInstant(), x.supersedesId, x.letterDocumentId,
                x.schemeVersion);
    }

    private static List<PhoneCall> calls(EntityManager em, long dossierId) {
        return em.createQuery("select c from PhoneCallEntity c where c.dossierId = :d order by c.id", PhoneCallEntity.class)
                .setParameter("d", dossierId).getResultList().stream().map(c -> call(em, c)).toList();
    }

    private static PhoneCall call(EntityManager em, PhoneCallEntity c) {
        return new PhoneCall(c.id, AccountViews.person(em, c.agentId), AccountViews.person(em, c.applicantId), c.dossierId,
                c.reason, c.outcome, c.startedAt.toInstant(), c.endedAt == null ? null : c.endedAt.toInstant(),
                c.endedAt == null ? null : Duration.between(c.startedAt.toInstant(), c.endedAt.toInstant()).toSeconds());
    }

    /** The applicant, and the mediator who filed for her while the mandate holds. */
    private static List<PersonRef> recipients(EntityManager em, DossierEntity d) {
        List<PersonRef> out = new ArrayList<>();
        out.add(AccountViews.person(em, d.applicantId));
        if (d.createdBy != d.applicantId && Mandates.active(em, d.createdBy, d.applicantId) != null) {
            out.add(AccountViews.person(em, d.createdBy));
        }
        return out;
    }

    private static void record(EntityManager em, Caller agent, DossierEntity d, String type, String detail) {
        Activity.record(em, type, agent.accountId(), agent.displayName(), d.applicantId, Channel.AGENT, d.id, null, detail);
    }

    private static void touch(DossierEntity d) {
        d.updatedAt = now();
    }

    private SchemeDescriptor descriptor(DossierEntity d) {
        return registry.activeDescriptor(d.schemeId, d.schemeVersion).orElseThrow(() -> new GuichetException(
                Kind.UNAVAILABLE, "SCHEME_UNAVAILABLE", null, "La version " + d.schemeVersion
                        + " de ce dispositif est momentanément indisponible."));
    }

    private String title(String schemeId, String version) {
        return registry.activeDescriptor(schemeId, version).or(() -> registry.activeDescriptor(schemeId, null))
                .map(s -> s.title().fr()).orElse(schemeId);
    }

    static String fr(LocalDate d) {
        return d.format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    private static String limit(String s, int max, String field) {
        if (s != null && s.length() > max) {
            throw GuichetException.invalid("TOO_LONG", field, "Texte trop long : " + max + " caractères au plus.");
        }
        return s == null ? null : s.strip();
    }

    private static String required(String s, String field) {
        if (s == null || s.isBlank()) {
            throw GuichetException.invalid("TEXT_REQUIRED", field, "Ce texte ne peut pas être vide.");
        }
        return s;
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    /** The dossier service's answer for what one may not see, so that both say exactly the same. */
    static final class DossierServiceImplAccess {
        private DossierServiceImplAccess() { }

        static GuichetException notFound() {
            return GuichetException.notFound("DOSSIER_NOT_FOUND", "Cette demande n'existe pas, ou vous n'y avez pas accès.");
        }
    }
}
