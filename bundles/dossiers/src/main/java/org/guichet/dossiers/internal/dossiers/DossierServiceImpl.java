package org.guichet.dossiers.internal.dossiers;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.activity.Channel;
import org.guichet.api.dossiers.ChecklistItem;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.dossiers.DossierService;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.dossiers.DossierSummary;
import org.guichet.api.dossiers.LiveEvaluation;
import org.guichet.api.dossiers.Receipt;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.mail.MailService;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.DocumentDefinition;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.FieldDefinition;
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
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.DocumentEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.EnrolmentEntity;
import org.guichet.dossiers.internal.jpa.MandateEntity;
import org.guichet.dossiers.internal.instruction.Complements;
import org.guichet.dossiers.internal.mandates.Mandates;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Dossiers for applicants and mediators. Answers are saved as typed and judged by the scheme's own rules (through
 * the evaluation service, never a copy of them); a submission is committed with its evaluation snapshot before the
 * receipt is returned.
 */
@Component(service = DossierService.class, configurationPid = PortalConfig.PID)
public class DossierServiceImpl implements DossierService {
    private static final Locale FR = Locale.FRENCH;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm", Locale.FRANCE)
            .withZone(ZoneId.of("Europe/Paris"));
    /** the enrolment fields a partner organisation may pre-fill, when the scheme asks for them */
    static final Set<String> PREFILLABLE = Set.of("birthDate", "trainingStartDate", "trainingEndDate", "trainingHours",
            "programme", "regionFunded");
    static final String CERTIFICATE = "TRAINING_ENTRY_CERTIFICATE";
    /** the region's target: a submitted dossier is decided within this many days */
    static final int INSTRUCTION_DAYS = 30;

    private final Tx tx;
    private final SchemeRegistry registry;
    private final EvaluationService evaluation;
    private final MailService mail;
    private final DocumentFiles files;

    @Activate
    public DossierServiceImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference SchemeRegistry registry, @Reference EvaluationService evaluation,
            @Reference MailService mail, PortalConfig config) {
        this.tx = new Tx(emf);
        this.registry = registry;
        this.evaluation = evaluation;
        this.mail = mail;
        this.files = new DocumentFiles(documentsDir(config));
    }

    public static Path documentsDir(PortalConfig config) {
        if (config.documents_dir() != null && !config.documents_dir().isBlank()) {
            return Paths.get(config.documents_dir());
        }
        return Paths.get(System.getProperty("karaf.data", "data"), "guichet", "documents");
    }

    // ---- create

    @Override
    public Dossier create(Caller caller, String schemeId, Long applicantId) {
        if (schemeId == null || schemeId.isBlank()) {
            throw GuichetException.invalid("SCHEME_REQUIRED", "schemeId", "Indiquez l'aide demandée.");
        }
        SchemeDescriptor d = activeDescriptor(schemeId, null);
        boolean forOther = applicantId != null && applicantId != caller.accountId();
        if (!forOther) {
            if (!caller.has(Role.APPLICANT)) {
                throw GuichetException.forbidden("APPLICANT_ONLY", "Seul un demandeur ouvre une demande pour lui-même ;"
                        + " pour quelqu'un d'autre, indiquez applicantId (avec son mandat).");
            }
            if (!d.filers().contains("APPLICANT")) {
                throw GuichetException.forbidden("FILED_BY_MEDIATOR", "Cette aide se demande avec votre conseiller ou"
                        + " votre conseillère (Mission locale) : c'est lui ou elle qui fait la demande avec vous.");
            }
        } else {
            if (!caller.has(Role.MEDIATOR)) {
                throw GuichetException.forbidden("MANDATE_REQUIRED", "Seul un médiateur mandaté peut ouvrir une demande"
                        + " pour quelqu'un d'autre.");
            }
            if (!d.filers().contains("MEDIATOR")) {
                throw GuichetException.forbidden("FILED_BY_APPLICANT", "Cette aide ne peut pas être demandée par un"
                        + " médiateur.");
            }
        }
        long applicant = forOther ? applicantId : caller.accountId();
        String prefix = referencePrefix(schemeId);
        return tx.call(em -> {
            MandateEntity mandate = null;
            if (forOther) {
                mandate = Mandates.active(em, caller.accountId(), applicant);
                if (mandate == null) {
                    throw GuichetException.forbidden("MANDATE_REQUIRED", "Vous n'avez pas de mandat en cours de cette"
                            + " personne : demandez-lui d'abord son accord.");
                }
            }
            AccountEntity person = em.find(AccountEntity.class, applicant);
            Instant now = Instant.now();
            DossierEntity e = new DossierEntity();
            e.reference = References.next(em, prefix, now.atZone(ZoneId.of("Europe/Paris")).getYear());
            e.schemeId = d.id();
            e.schemeVersion = d.version();
            e.state = DossierState.DRAFT.name();
            e.applicantId = applicant;
            e.createdBy = caller.accountId();
            e.mandateId = mandate == null ? null : mandate.id;
            e.createdAt = Timestamp.from(now);
            e.updatedAt = e.createdAt;
            Map<String, Object> answers = new LinkedHashMap<>();
            Map<String, String> sources = new LinkedHashMap<>();
            EnrolmentEntity enrolment = latestEnrolment(em, person.email);
            if (enrolment != null) {
                Json.readMap(enrolment.data).forEach((k, v) -> {
                    if (PREFILLABLE.contains(k) && d.field(k) != null && v != null) {
                        answers.put(k, v);
                        sources.put(k, "ORGANISATION:" + enrolment.organisationId);
                    }
                });
            }
            e.answers = Json.write(answers);
            e.answerSources = Json.write(sources);
            em.persist(e);
            em.flush();
            Channel channel = channel(caller, applicant);
            Activity.record(em, "DOSSIER_CREATED", Activity.actorId(caller), Activity.actorName(caller), onBehalf(caller, applicant),
                    channel, e.id, caller.organisationId(), "Demande " + e.reference + " ouverte (" + d.id() + " "
                            + d.version() + ")");
            if (!sources.isEmpty()) {
                Activity.record(em, "ANSWERS_PREFILLED", null, organisationName(em, enrolment.organisationId), applicant,
                        Channel.PARTNER, e.id, enrolment.organisationId, "Réponses venues de l'organisme de formation : "
                                + String.join(", ", sources.keySet()));
            }
            if (enrolment != null && enrolment.certificateDocumentId != null && d.document(CERTIFICATE) != null) {
                DocumentEntity cert = em.find(DocumentEntity.class, enrolment.certificateDocumentId);
                DocumentEntity copy = copyDocument(cert, e.id, CERTIFICATE);
                em.persist(copy);
                Activity.record(em, "DOCUMENT_ADDED", null, organisationName(em, enrolment.organisationId), applicant,
                        Channel.PARTNER, e.id, enrolment.organisationId,
                        "Attestation d'entrée en formation fournie par l'organisme");
            }
            return view(em, e, caller, FR);
        });
    }

    /** Initials of a compound id (vocational-training → VT); the first four letters of a one-word id. */
    static String referencePrefix(String schemeId) {
        List<String> words = java.util.Arrays.stream(schemeId.split("[-_.]")).filter(s -> !s.isEmpty()).toList();
        String p = (words.size() == 1 ? words.get(0).substring(0, Math.min(4, words.get(0).length()))
                : words.stream().map(s -> s.substring(0, 1)).collect(Collectors.joining())).toUpperCase(Locale.ROOT);
        return p.length() > 10 ? p.substring(0, 10) : p;
    }

    // ---- read

    @Override
    public Dossier get(Caller caller, long dossierId) {
        return get(caller, dossierId, FR);
    }

    @Override
    public Dossier get(Caller caller, long dossierId, Locale locale) {
        return tx.call(em -> view(em, readable(em, caller, dossierId), caller, locale));
    }

    @Override
    public List<DossierSummary> list(Caller caller) {
        return tx.call(em -> {
            List<DossierEntity> rows = new ArrayList<>(em.createQuery("select d from DossierEntity d where"
                    + " d.applicantId = :me order by d.id desc", DossierEntity.class)
                    .setParameter("me", caller.accountId()).getResultList());
            if (caller.has(Role.MEDIATOR)) {
                rows.addAll(em.createQuery("select d from DossierEntity d, MandateEntity m where m.mediatorId = :me"
                        + " and m.state = 'ACTIVE' and d.applicantId = m.applicantId order by d.id desc",
                        DossierEntity.class).setParameter("me", caller.accountId()).getResultList());
            }
            return rows.stream().distinct().map(d -> new DossierSummary(d.id, d.reference, d.schemeId, d.schemeVersion,
                    schemeTitle(d.schemeId, d.schemeVersion), DossierState.valueOf(d.state),
                    AccountViews.person(em, d.applicantId), d.createdAt.toInstant(), d.updatedAt.toInstant(),
                    d.submittedAt == null ? null : d.submittedAt.toInstant())).toList();
        });
    }

    // ---- answers

    @Override
    public Dossier saveAnswers(Caller caller, long dossierId, Map<String, Object> answers, Long expectedVersion) {
        return saveAnswers(caller, dossierId, answers, expectedVersion, FR);
    }

    @Override
    public Dossier saveAnswers(Caller caller, long dossierId, Map<String, Object> answers, Long expectedVersion,
            Locale locale) {
        if (answers == null) {
            throw GuichetException.invalid("ANSWERS_REQUIRED", "answers", "Aucune réponse n'a été envoyée.");
        }
        return tx.call(em -> {
            DossierEntity d = editable(em, caller, dossierId);
            if (expectedVersion != null && expectedVersion != d.version) {
                throw Tx.editConflict();
            }
            SchemeDescriptor descriptor = descriptorOf(d);
            requireRequested(em, d, answers.keySet(), null);
            for (Map.Entry<String, Object> a : answers.entrySet()) {
                FieldDefinition f = descriptor.field(a.getKey());
                if (f == null) {
                    throw GuichetException.invalid("UNKNOWN_FIELD", a.getKey(), "Cette question n'existe pas dans"
                            + " ce formulaire : " + a.getKey());
                }
                Object v = a.getValue();
                if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    throw GuichetException.invalid("INVALID_TYPE", a.getKey(), "La réponse à « "
                            + f.label().fr() + " » doit être un texte, un nombre ou oui/non.");
                }
                if (v instanceof String s && s.length() > 1000) {
                    throw GuichetException.invalid("TOO_LONG", a.getKey(), "La réponse à « " + f.label().fr()
                            + " » doit tenir en 1000 caractères.");
                }
            }
            Map<String, Object> current = Json.readMap(d.answers);
            Map<String, String> sources = Json.readStringMap(d.answerSources);
            List<String> changed = new ArrayList<>();
            answers.forEach((k, v) -> {
                Object before = current.get(k);
                boolean blank = v == null || (v instanceof String s && s.isBlank());
                if (blank) {
                    if (current.remove(k) != null) {
                        changed.add(k);
                        sources.remove(k);
                    }
                } else if (!v.equals(before)) {
                    current.put(k, v instanceof String s ? s.strip() : v);
                    changed.add(k);
                    // typed by the person now, no longer the organisation's
                    sources.remove(k);
                }
            });
            if (!changed.isEmpty()) {
                d.answers = Json.write(current);
                d.answerSources = Json.write(sources);
                d.updatedAt = Timestamp.from(Instant.now());
                Activity.record(em, "ANSWERS_SAVED", Activity.actorId(caller), Activity.actorName(caller),
                        onBehalf(caller, d.applicantId), channel(caller, d.applicantId), d.id, caller.organisationId(),
                        "Réponses enregistrées : " + String.join(", ", changed));
                em.flush();
            }
            return view(em, d, caller, locale);
        });
    }

    // ---- documents

    @Override
    public DossierDocument addDocument(Caller caller, long dossierId, String documentType, String fileName,
            InputStream content, Long replaces) {
        // check the right to write before reading a single byte of the upload
        DocumentDefinition def = tx.call(em -> {
            DossierEntity d = editable(em, caller, dossierId);
            DocumentDefinition found = documentType == null ? null : descriptorOf(d).document(documentType);
            if (found == null) {
                throw GuichetException.invalid("UNKNOWN_DOCUMENT_TYPE", "documentType",
                        "Ce type de document n'est pas demandé pour cette aide : " + documentType);
            }
            requireRequested(em, d, List.of(), documentType);
            if (replaces != null) {
                document(em, d, replaces);
            }
            return found;
        });
        DocumentFiles.Stored stored = files.store(content, def.acceptedTypes(), def.maxBytes(), def.label().fr());
        String name = cleanFileName(fileName, def.id(), stored.mediaType());
        return tx.call(em -> {
            DossierEntity d = editable(em, caller, dossierId);
            String replacedName = null;
            if (replaces != null) {
                DocumentEntity old = document(em, d, replaces);
                replacedName = old.fileName;
                em.remove(old);
            }
            DocumentEntity doc = new DocumentEntity();
            doc.dossierId = d.id;
            doc.documentType = def.id();
            doc.fileName = name;
            doc.mediaType = stored.mediaType();
            doc.sizeBytes = stored.size();
            doc.sha256 = stored.sha256();
            doc.uploadedAt = Timestamp.from(Instant.now());
            doc.uploadedBy = caller.accountId();
            doc.source = caller.assistance() != null ? "AGENT_PHONE"
                    : caller.accountId() == d.applicantId ? "APPLICANT" : "MEDIATOR";
            em.persist(doc);
            d.updatedAt = doc.uploadedAt;
            em.flush();
            Activity.record(em, replaces == null ? "DOCUMENT_ADDED" : "DOCUMENT_REPLACED", caller.accountId(),
                    caller.displayName(), onBehalf(caller, d.applicantId), channel(caller, d.applicantId), d.id,
                    caller.organisationId(), def.label().fr() + " : " + name + " (" + stored.mediaType() + ", "
                            + stored.size() + " octets)" + (replacedName == null ? "" : " remplace " + replacedName));
            return document(em, doc);
        });
    }

    @Override
    public void deleteDocument(Caller caller, long dossierId, long documentId) {
        String sha = tx.call(em -> {
            DossierEntity d = editable(em, caller, dossierId);
            DocumentEntity doc = document(em, d, documentId);
            requireRequested(em, d, List.of(), doc.documentType);
            em.remove(doc);
            d.updatedAt = Timestamp.from(Instant.now());
            Activity.record(em, "DOCUMENT_DELETED", Activity.actorId(caller), Activity.actorName(caller),
                    onBehalf(caller, d.applicantId), channel(caller, d.applicantId), d.id, caller.organisationId(),
                    doc.documentType + " : " + doc.fileName + " retiré");
            return doc.sha256;
        });
        long left = tx.call(em -> em.createQuery("select count(x) from DocumentEntity x where x.sha256 = :s", Long.class)
                .setParameter("s", sha).getSingleResult());
        files.deleteIfUnused(sha, left);
    }

    @Override
    public DocumentContent document(Caller caller, long dossierId, long documentId) {
        return tx.call(em -> {
            DossierEntity d = readable(em, caller, dossierId);
            DocumentEntity doc = document(em, d, documentId);
            return new DocumentContent(document(em, doc), files.path(doc.sha256));
        });
    }

    // ---- submit

    @Override
    public Receipt submit(Caller caller, long dossierId) {
        Submitted done;
        try {
            done = tx.call(em -> submitIn(em, caller, dossierId));
        } catch (GuichetException e) {
            if (!"EDIT_CONFLICT".equals(e.code())) {
                throw e;
            }
            // submitted at the same moment by another request: the first one's receipt is the answer
            Receipt first = tx.call(em -> {
                DossierEntity d = readable(em, caller, dossierId);
                return d.receipt == null ? null : Json.read(d.receipt, Receipt.class);
            });
            if (first == null) {
                throw e;
            }
            return first;
        }
        // committed: only now does the mail leave
        if (done.mail() != null) {
            Mails.sendQuietly(mail, done.mail());
        }
        return done.receipt();
    }

    private record Submitted(Receipt receipt, org.guichet.api.mail.OutgoingMail mail) { }

    private Submitted submitIn(EntityManager em, Caller caller, long dossierId) {
        DossierEntity d = readable(em, caller, dossierId);
        if (DossierState.SUBMITTED.name().equals(d.state) && d.receipt != null) {
            return new Submitted(Json.read(d.receipt, Receipt.class), null);
        }
        d = editable(em, caller, dossierId);
        if (!DossierState.DRAFT.name().equals(d.state)) {
            throw GuichetException.conflict("DOSSIER_NOT_DRAFT", "Cette demande a déjà été envoyée.");
        }
        SchemeDescriptor descriptor = descriptorOf(d);
        Map<String, Object> answers = Json.readMap(d.answers);
        List<DocumentEntity> docs = documents(em, d.id);
        Evaluation result;
        List<Object> missing = new ArrayList<>();
        try {
            result = evaluation.evaluate(d.schemeId, d.schemeVersion, answers, FR);
        } catch (InvalidAnswersException e) {
            missing.addAll(e.errors());
            result = null;
        } catch (SchemeNotFoundException | SchemeUnavailableException e) {
            throw unavailable(d);
        }
        if (result != null) {
            for (RequiredDocument r : result.requiredDocuments()) {
                if (docs.stream().noneMatch(x -> x.documentType.equals(r.id()))) {
                    missing.add(new AnswerError("documents." + r.id(), "DOCUMENT_MISSING",
                            "Document manquant : " + r.label() + ". " + r.why()));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new GuichetException(Kind.CONFLICT, "DOSSIER_INCOMPLETE", null, "La demande ne peut pas encore être"
                    + " envoyée : " + missing.size() + " élément(s) manquant(s) ou à corriger.", missing,
                    Map.of("missingCount", missing.size()));
        }
        Instant now = Instant.now();
        AccountEntity applicant = em.find(AccountEntity.class, d.applicantId);
        Receipt receipt = new Receipt("AR-" + d.reference, d.reference, now, d.schemeId, d.schemeVersion,
                descriptor.title().fr(), applicant.displayName, result.eligible(),
                result.amount() == null ? null : result.amount().total(), answerLines(descriptor, answers),
                docs.stream().map(x -> label(descriptor, x.documentType) + " : " + x.fileName).toList());
        d.state = DossierState.SUBMITTED.name();
        d.submittedAt = Timestamp.from(now);
        d.updatedAt = d.submittedAt;
        d.evaluation = Json.write(result);
        d.receipt = Json.write(receipt);
        d.waitingOn = "AGENT";
        d.deadline = java.sql.Date.valueOf(now.atZone(ZoneId.of("Europe/Paris")).toLocalDate().plusDays(INSTRUCTION_DAYS));
        Activity.record(em, "SUBMITTED", Activity.actorId(caller), Activity.actorName(caller), onBehalf(caller, d.applicantId),
                channel(caller, d.applicantId), d.id, caller.organisationId(), "Demande envoyée ; accusé de réception "
                        + receipt.number());
        em.flush();
        return new Submitted(receipt, Mails.receipt(applicant.email, applicant.displayName, receiptText(receipt)));
    }

    static String receiptText(Receipt r) {
        StringBuilder b = new StringBuilder();
        b.append("Votre demande « ").append(r.schemeTitle()).append(" » a bien été envoyée le ")
                .append(DAY.format(r.submittedAt())).append(".\n\n")
                .append("Numéro de dossier : ").append(r.reference()).append('\n')
                .append("Accusé de réception : ").append(r.number()).append("\n\n");
        if (r.eligible()) {
            b.append("D'après vos réponses, vous pouvez avoir droit à cette aide");
            if (r.estimatedTotal() != null) {
                b.append(" (montant estimé : ").append(Mails.euros(r.estimatedTotal())).append(")");
            }
            b.append(". Un agent de la Région va vérifier votre demande et vos documents.\n\n");
        } else {
            b.append("D'après vos réponses, les conditions de l'aide ne semblent pas remplies. Un agent de la Région va"
                    + " quand même examiner votre demande et vous répondra.\n\n");
        }
        b.append("Vos réponses :\n");
        r.answers().forEach(a -> b.append("- ").append(a).append('\n'));
        b.append("\nVos documents :\n");
        r.documents().forEach(a -> b.append("- ").append(a).append('\n'));
        return b.toString();
    }

    private static List<String> answerLines(SchemeDescriptor descriptor, Map<String, Object> answers) {
        List<String> out = new ArrayList<>();
        for (FieldDefinition f : descriptor.fields()) {
            Object v = answers.get(f.name());
            if (v == null) {
                continue;
            }
            String shown = v instanceof Boolean b ? (b ? "oui" : "non") : String.valueOf(v);
            if (f.type() == org.guichet.api.scheme.FieldType.DATE && shown.matches("\\d{4}-\\d{2}-\\d{2}")) {
                shown = shown.substring(8) + "/" + shown.substring(5, 7) + "/" + shown.substring(0, 4);
            }
            if (f.choices() != null) {
                for (var c : f.choices()) {
                    if (c.value().equals(String.valueOf(v))) {
                        shown = c.label().fr();
                    }
                }
            }
            out.add(f.label().fr() + " : " + shown);
        }
        return out;
    }

    // ---- access

    /**
     * Read access: the applicant, her mandated mediator, an agent of the scheme once it is submitted; anyone else gets
     * "not found".
     */
    DossierEntity readable(EntityManager em, Caller caller, long id) {
        DossierEntity d = em.find(DossierEntity.class, id);
        // agents see a dossier once it is submitted: a draft is the applicant's own work in progress
        boolean agent = (caller.has(Role.AGENT) || caller.has(Role.SUPERVISOR)) && caller.schemes().contains(d == null
                ? "" : d.schemeId) && d != null && !DossierState.DRAFT.name().equals(d.state);
        if (d == null || !(d.applicantId == caller.accountId() || mandated(em, caller, d) || agent)) {
            throw notFound();
        }
        return d;
    }

    /** Write access: the applicant (when the scheme lets applicants file) or her mandated mediator, on a DRAFT. */
    DossierEntity editable(EntityManager em, Caller caller, long id) {
        DossierEntity d = em.find(DossierEntity.class, id);
        boolean own = d != null && d.applicantId == caller.accountId();
        boolean mediator = d != null && !own && mandated(em, caller, d);
        if (!own && !mediator) {
            if (d != null && (caller.has(Role.AGENT) || caller.has(Role.SUPERVISOR)) && caller.schemes().contains(d.schemeId)) {
                throw GuichetException.forbidden("READ_ONLY", "Les agents ne modifient pas la demande elle-même.");
            }
            throw notFound();
        }
        SchemeDescriptor descriptor = descriptorOrNull(d);
        if (own && descriptor != null && !descriptor.filers().contains("APPLICANT")) {
            throw GuichetException.forbidden("FILED_BY_MEDIATOR", "Cette demande est faite par votre conseiller ou"
                    + " votre conseillère : vous pouvez la suivre, c'est lui ou elle qui la complète.");
        }
        if (DossierState.WAITING_COMPLEMENT.name().equals(d.state) && Complements.open(em, d.id) != null) {
            return d;
        }
        if (!DossierState.DRAFT.name().equals(d.state)) {
            throw GuichetException.conflict("DOSSIER_NOT_DRAFT", "Cette demande a déjà été envoyée : elle ne peut plus"
                    + " être modifiée, sauf pour donner ce que l'agent demande.");
        }
        return d;
    }

    /** While a complement is awaited, only what it asks for may change. */
    private static void requireRequested(EntityManager em, DossierEntity d, java.util.Collection<String> fields,
            String documentType) {
        if (!DossierState.WAITING_COMPLEMENT.name().equals(d.state)) {
            return;
        }
        var open = Complements.open(em, d.id);
        List<String> askedFields = Complements.list(open.fields);
        List<String> askedDocs = Complements.list(open.documentTypes);
        for (String f : fields) {
            if (!askedFields.contains(f)) {
                throw new GuichetException(Kind.CONFLICT, "NOT_REQUESTED", f, "L'agent n'a pas demandé de changer cette"
                        + " réponse. Écrivez-lui un message si elle doit changer.");
            }
        }
        if (documentType != null && !askedDocs.contains(documentType)) {
            throw new GuichetException(Kind.CONFLICT, "NOT_REQUESTED", "documentType", "L'agent n'a pas demandé ce"
                    + " document. Écrivez-lui un message si vous voulez l'envoyer.");
        }
    }

    private static boolean mandated(EntityManager em, Caller caller, DossierEntity d) {
        return caller.has(Role.MEDIATOR) && Mandates.active(em, caller.accountId(), d.applicantId) != null;
    }

    static GuichetException notFound() {
        return GuichetException.notFound("DOSSIER_NOT_FOUND", "Cette demande n'existe pas, ou vous n'y avez pas accès.");
    }

    private static DocumentEntity document(EntityManager em, DossierEntity d, long documentId) {
        DocumentEntity doc = em.find(DocumentEntity.class, documentId);
        if (doc == null || doc.dossierId == null || doc.dossierId.longValue() != d.id) {
            throw GuichetException.notFound("DOCUMENT_NOT_FOUND", "Ce document n'existe pas dans cette demande.");
        }
        return doc;
    }

    private static Channel channel(Caller caller, long applicantId) {
        return Activity.channel(caller, applicantId);
    }

    private static Long onBehalf(Caller caller, long applicantId) {
        return Activity.onBehalf(caller, applicantId);
    }

    // ---- views

    private Dossier view(EntityManager em, DossierEntity d, Caller caller, Locale locale) {
        SchemeDescriptor descriptor = descriptorOrNull(d);
        List<DocumentEntity> docs = documents(em, d.id);
        Map<String, Object> answers = Json.readMap(d.answers);
        LiveEvaluation live = DossierState.DRAFT.name().equals(d.state)
                || DossierState.WAITING_COMPLEMENT.name().equals(d.state) ? live(d, descriptor, answers, docs, locale) : null;
        return new Dossier(d.id, d.reference, d.schemeId, d.schemeVersion,
                descriptor == null ? d.schemeId : descriptor.title().fr(), DossierState.valueOf(d.state),
                AccountViews.person(em, d.applicantId), AccountViews.person(em, d.createdBy), d.mandateId, answers,
                Json.readStringMap(d.answerSources), docs.stream().map(x -> document(em, x)).toList(), live,
                Json.read(d.evaluation, Evaluation.class), Json.read(d.receipt, Receipt.class),
                Activity.forDossier(em, d.id), d.version, d.createdAt.toInstant(), d.updatedAt.toInstant());
    }

    private LiveEvaluation live(DossierEntity d, SchemeDescriptor descriptor, Map<String, Object> answers,
            List<DocumentEntity> docs, Locale locale) {
        Set<String> present = docs.stream().map(x -> x.documentType).collect(Collectors.toSet());
        try {
            Evaluation e = evaluation.evaluate(d.schemeId, d.schemeVersion, answers, locale);
            List<ChecklistItem> checklist = e.requiredDocuments().stream()
                    .map(r -> new ChecklistItem(r.id(), r.label(), r.why(), present.contains(r.id()))).toList();
            return new LiveEvaluation(true, e.eligible(), List.of(), checklist, e);
        } catch (InvalidAnswersException e) {
            List<ChecklistItem> checklist = descriptor == null ? List.of() : descriptor.documents().stream()
                    .map(x -> new ChecklistItem(x.id(), x.label().in(locale), x.why().in(locale), present.contains(x.id())))
                    .toList();
            return new LiveEvaluation(false, null, e.errors(), checklist, null);
        } catch (SchemeNotFoundException | SchemeUnavailableException e) {
            return new LiveEvaluation(false, null, List.of(new AnswerError(null, "SCHEME_UNAVAILABLE",
                    unavailable(d).getMessage())), List.of(), null);
        }
    }

    private static List<DocumentEntity> documents(EntityManager em, long dossierId) {
        return em.createQuery("select x from DocumentEntity x where x.dossierId = :d order by x.id", DocumentEntity.class)
                .setParameter("d", dossierId).getResultList();
    }

    private static DossierDocument document(EntityManager em, DocumentEntity x) {
        return new DossierDocument(x.id, x.documentType, x.fileName, x.mediaType, x.sizeBytes, x.sha256,
                x.uploadedAt.toInstant(), AccountViews.person(em, x.uploadedBy), x.source);
    }

    /** Another dossier's row for the same stored content (a partner's certificate reused in each dossier). */
    public static DocumentEntity copyDocument(DocumentEntity from, Long dossierId, String type) {
        DocumentEntity c = new DocumentEntity();
        c.dossierId = dossierId;
        c.documentType = type;
        c.fileName = from.fileName;
        c.mediaType = from.mediaType;
        c.sizeBytes = from.sizeBytes;
        c.sha256 = from.sha256;
        c.uploadedAt = from.uploadedAt;
        c.uploadedBy = from.uploadedBy;
        c.organisationId = from.organisationId;
        c.source = from.source;
        return c;
    }

    private static EnrolmentEntity latestEnrolment(EntityManager em, String email) {
        return em.createQuery("select e from EnrolmentEntity e where e.traineeEmail = :m order by e.receivedAt desc,"
                + " e.id desc", EnrolmentEntity.class).setParameter("m", email).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
    }

    private static String organisationName(EntityManager em, Long id) {
        var o = id == null ? null : em.find(org.guichet.dossiers.internal.jpa.OrganisationEntity.class, id);
        return o == null ? null : o.name;
    }

    private static String label(SchemeDescriptor descriptor, String documentType) {
        DocumentDefinition def = descriptor == null ? null : descriptor.document(documentType);
        return def == null ? documentType : def.label().fr();
    }

    static String cleanFileName(String name, String type, String mediaType) {
        String n = name == null ? "" : name.replaceAll(".*[/\\\\]", "").replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (n.isEmpty()) {
            n = type.toLowerCase(Locale.ROOT) + switch (mediaType) {
                case "application/pdf" -> ".pdf";
                case "image/jpeg" -> ".jpg";
                case "image/png" -> ".png";
                default -> "";
            };
        }
        return n.length() > 255 ? n.substring(n.length() - 255) : n;
    }

    // ---- schemes

    private SchemeDescriptor activeDescriptor(String schemeId, String version) {
        if (registry.info(schemeId, version).isEmpty()) {
            throw new GuichetException(Kind.NOT_FOUND, "SCHEME_NOT_FOUND", "schemeId",
                    "Cette aide n'existe pas : " + schemeId);
        }
        return registry.activeDescriptor(schemeId, version).orElseThrow(() -> new GuichetException(Kind.UNAVAILABLE,
                "SCHEME_UNAVAILABLE", "schemeId", "Cette aide est momentanément indisponible. Réessayez plus tard."));
    }

    /** The descriptor of the version the dossier is pinned to. */
    private SchemeDescriptor descriptorOf(DossierEntity d) {
        SchemeDescriptor s = descriptorOrNull(d);
        if (s == null) {
            throw unavailable(d);
        }
        return s;
    }

    private SchemeDescriptor descriptorOrNull(DossierEntity d) {
        return d == null ? null : registry.activeDescriptor(d.schemeId, d.schemeVersion).orElse(null);
    }

    private String schemeTitle(String schemeId, String version) {
        return registry.activeDescriptor(schemeId, version).or(() -> registry.activeDescriptor(schemeId, null))
                .map(s -> s.title().fr()).orElse(schemeId);
    }

    private static GuichetException unavailable(DossierEntity d) {
        return new GuichetException(Kind.UNAVAILABLE, "SCHEME_UNAVAILABLE", null, "La version " + d.schemeVersion
                + " de cette aide, sur laquelle repose la demande, est momentanément indisponible. Vos réponses sont"
                + " enregistrées ; réessayez plus tard.");
    }

}
