package org.guichet.dossiers.internal.partners;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.activity.Channel;
import org.guichet.api.error.GuichetException;
import org.guichet.api.partners.EnrolmentReport;
import org.guichet.api.partners.KeyState;
import org.guichet.api.partners.Member;
import org.guichet.api.partners.OrganisationOverview;
import org.guichet.api.partners.Trainee;
import org.guichet.api.partners.Organisation;
import org.guichet.api.partners.OrganisationCreated;
import org.guichet.api.partners.PartnerService;
import org.guichet.api.partners.RowError;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.PortalConfig;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.accounts.Secrets;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.documents.DocumentFiles;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.instruction.Complements;
import org.guichet.dossiers.internal.instruction.Desk;
import org.guichet.dossiers.internal.jpa.ComplementRequestEntity;
import org.guichet.dossiers.internal.shared.Spreadsheet;
import org.guichet.dossiers.internal.shared.Lookups;
import org.guichet.dossiers.internal.shared.Schemes;
import org.guichet.dossiers.internal.shared.Storage;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.mail.MailService;
import org.guichet.api.scheme.EvaluationService;
import java.time.Clock;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.DocumentEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.EnrolmentEntity;
import org.guichet.dossiers.internal.jpa.OrganisationEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Organisations, their API keys (kept as SHA-256 only), enrolments by JSON or CSV, training certificates. */
@Component(service = PartnerService.class, configurationPid = PortalConfig.PID)
public class PartnerServiceImpl implements PartnerService {
    /** how long the previous key works after a rotation (see rotateKey) */
    public static final Duration ROTATION_GRACE = Duration.ofDays(7);
    static final Set<String> KINDS = Set.of("TRAINING_ORGANISATION", "MISSION_LOCALE");
    static final List<String> CERTIFICATE_TYPES = List.of("application/pdf", "image/jpeg", "image/png");
    static final int MAX_ROWS = 5_000;

    static final String CERTIFICATE = "TRAINING_ENTRY_CERTIFICATE";

    private final Tx tx;
    private final DocumentFiles files;
    private final MailService mail;
    private final Complements complements;

    @Activate
    public PartnerServiceImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference SchemeRegistry registry, @Reference EvaluationService evaluation,
            @Reference MailService mail, PortalConfig config) {
        this(emf, registry, evaluation, mail, config, Clock.systemUTC());
    }

    /** For tests: the same with a clock of one's own. */
    public PartnerServiceImpl(EntityManagerFactory emf, SchemeRegistry registry, EvaluationService evaluation,
            MailService mail, PortalConfig config, Clock clock) {
        this.tx = new Tx(emf);
        this.files = new DocumentFiles(Storage.documentsDir(config));
        this.mail = mail;
        Schemes schemes = new Schemes(registry);
        this.complements = new Complements(new Desk(schemes, new DossierAccess(schemes, clock), clock), evaluation);
    }

    @Override
    public OrganisationCreated createOrganisation(Caller admin, String name, String kind) {
        if (!admin.has(Role.ADMIN)) {
            throw GuichetException.forbidden("ADMIN_ONLY", "Seul un administrateur peut enregistrer une organisation.");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw GuichetException.invalid("NAME_REQUIRED", "name", "Indiquez le nom de l'organisation (200 caractères au plus).");
        }
        if (kind == null || !KINDS.contains(kind)) {
            throw GuichetException.invalid("KIND_INVALID", "kind", "Le type d'organisation est TRAINING_ORGANISATION"
                    + " (organisme de formation) ou MISSION_LOCALE.");
        }
        String key = "gk_" + Secrets.token();
        return tx.call(em -> {
            OrganisationEntity o = new OrganisationEntity();
            o.name = name.strip();
            o.kind = kind;
            o.apiKeyHash = Secrets.sha256(key);
            o.createdAt = Timestamp.from(Instant.now());
            em.persist(o);
            em.flush();
            Activity.record(em, "ORGANISATION_CREATED", admin.accountId(), admin.displayName(), null, Channel.AGENT,
                    null, o.id, "Organisation enregistrée : " + o.name);
            return new OrganisationCreated(view(o), key);
        });
    }

    @Override
    public List<Organisation> organisations(Caller caller) {
        return tx.call(em -> {
            if (caller.has(Role.ADMIN)) {
                return em.createQuery("select o from OrganisationEntity o order by o.name", OrganisationEntity.class)
                        .getResultList().stream().map(PartnerServiceImpl::view).toList();
            }
            OrganisationEntity own = caller.organisationId() == null ? null
                    : em.find(OrganisationEntity.class, caller.organisationId());
            return own == null ? List.<Organisation>of() : List.of(view(own));
        });
    }

    @Override
    public Optional<Organisation> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > 100) {
            return Optional.empty();
        }
        String h = Secrets.sha256(apiKey.strip());
        return tx.call(em -> em.createQuery("select o from OrganisationEntity o where o.apiKeyHash = :h"
                + " or (o.previousKeyHash = :h and o.previousKeyUntil > :now)", OrganisationEntity.class)
                .setParameter("h", h).setParameter("now", Timestamp.from(Instant.now())).getResultStream()
                .findFirst().map(PartnerServiceImpl::view));
    }

    /**
     * A new key, shown once; the previous one keeps working for {@link #ROTATION_GRACE} so that the partner can
     * deploy the new key on its systems without an outage (a weekly deployment window fits). A key that leaked is
     * revoked instead: nothing works after a revocation.
     */
    @Override
    public OrganisationCreated rotateKey(Caller caller, long organisationId) {
        return rotateKey(caller, organisationId, null);
    }

    @Override
    public OrganisationCreated rotateKey(Caller caller, long organisationId, String expectedVersion) {
        mayManageKey(caller, organisationId);
        String key = "gk_" + Secrets.token();
        return tx.call(em -> {
            OrganisationEntity o = organisation(em, organisationId);
            expect(o, expectedVersion);
            Timestamp now = Timestamp.from(Instant.now());
            o.previousKeyHash = o.apiKeyHash;
            o.previousKeyUntil = Timestamp.from(now.toInstant().plus(ROTATION_GRACE));
            o.apiKeyHash = Secrets.sha256(key);
            o.keyChangedAt = now;
            Activity.record(em, "API_KEY_ROTATED", caller.accountId(), caller.displayName(), null, Channel.AGENT,
                    null, o.id, "Nouvelle clé d'API ; l'ancienne reste valable jusqu'au " + o.previousKeyUntil.toInstant());
            return new OrganisationCreated(view(o), key);
        });
    }

    /** Ends every key of the organisation at once (no grace): a new one is made with {@link #rotateKey}. */
    @Override
    public Organisation revokeKey(Caller caller, long organisationId) {
        return revokeKey(caller, organisationId, null);
    }

    @Override
    public Organisation revokeKey(Caller caller, long organisationId, String expectedVersion) {
        mayManageKey(caller, organisationId);
        return tx.call(em -> {
            OrganisationEntity o = organisation(em, organisationId);
            expect(o, expectedVersion);
            // the column stays unique and not null: the hash of a secret nobody ever sees
            o.apiKeyHash = Secrets.sha256("revoked_" + Secrets.token());
            o.previousKeyHash = null;
            o.previousKeyUntil = null;
            o.keyChangedAt = Timestamp.from(Instant.now());
            Activity.record(em, "API_KEY_REVOKED", caller.accountId(), caller.displayName(), null, Channel.AGENT,
                    null, o.id, "Clé d'API révoquée : plus aucune clé ne fonctionne");
            return view(o);
        });
    }

    /**
     * The key's version is the instant of its last change, read under the row's lock: two colleagues who both saw
     * version v and both press "rotate" make one new key; the second is told that it changed meanwhile (otherwise
     * the first one's new key would become the "previous" one and the key their systems use would stop at once).
     */
    private static void expect(OrganisationEntity o, String expectedVersion) {
        if (expectedVersion != null && !expectedVersion.equals(keyVersion(o))) {
            throw GuichetException.conflict("KEY_CHANGED_MEANWHILE", "La clé d'API vient d'être changée par"
                    + " quelqu'un d'autre : voyez son état avant de la changer à nouveau.");
        }
    }

    static String keyVersion(OrganisationEntity o) {
        return o.keyChangedAt == null ? "first" : o.keyChangedAt.toInstant().toString();
    }

    static KeyState keyState(OrganisationEntity o) {
        return new KeyState(keyVersion(o), o.keyChangedAt == null ? null : o.keyChangedAt.toInstant(),
                o.previousKeyHash == null || o.previousKeyUntil == null ? null : o.previousKeyUntil.toInstant(),
                o.keyChangedAt != null && o.previousKeyHash == null);
    }

    @Override
    public OrganisationOverview overview(Caller caller, long organisationId) {
        boolean own = caller.has(Role.MEDIATOR) && caller.organisationId() != null
                && caller.organisationId() == organisationId;
        if (!caller.has(Role.ADMIN) && !own) {
            throw GuichetException.notFound("ORGANISATION_UNKNOWN", "Cette organisation n'existe pas.");
        }
        return tx.call(em -> {
            OrganisationEntity o = em.find(OrganisationEntity.class, organisationId);
            if (o == null) {
                throw GuichetException.notFound("ORGANISATION_UNKNOWN", "Cette organisation n'existe pas.");
            }
            List<Member> members = em.createQuery("select a from AccountEntity a where a.organisationId = :o"
                    + " order by a.displayName, a.id", AccountEntity.class).setParameter("o", organisationId)
                    .getResultList().stream().filter(a -> a.roles != null && a.roles.contains(Role.MEDIATOR.name()))
                    .map(a -> new Member(a.id, a.displayName, a.email, a.state)).toList();
            return new OrganisationOverview(view(o), members, keyState(o));
        });
    }

    /**
     * What an organisation's staff may see (docs/access-policy.md: an organisation reaches the dossiers that name
     * it): its enrolments, and for each the dossiers of that trainee that name the organisation — state, whom it
     * waits on, the deadline, and the complement an agent addressed to the organisation. Never the answers or the
     * documents.
     */
    @Override
    public List<Trainee> trainees(Caller caller) {
        long organisationId = staffOf(caller);
        return tx.call(em -> {
            List<EnrolmentEntity> enrolments = em.createQuery("select e from EnrolmentEntity e where e.organisationId"
                    + " = :o order by e.lastName, e.firstName, e.traineeEmail, e.id", EnrolmentEntity.class)
                    .setParameter("o", organisationId).setMaxResults(MAX_ROWS * 4).getResultList();
            Map<String, List<Trainee.TraineeDossier>> byEmail = new HashMap<>();
            for (Object[] r : em.createQuery("select d, a.email from DossierEntity d, AccountEntity a where"
                    + " d.applicantId = a.id and d.organisationId = :o order by d.id", Object[].class)
                    .setParameter("o", organisationId).getResultList()) {
                DossierEntity d = (DossierEntity) r[0];
                ComplementRequestEntity open = d.state() == DossierState.WAITING_COMPLEMENT
                        ? Lookups.openComplement(em, d.id) : null;
                boolean ours = open != null && "ORGANISATION".equals(open.addressee);
                List<String> missing = new ArrayList<>();
                if (ours) {
                    for (Object m : Complements.missing(em, d, open)) {
                        if (m instanceof Map<?, ?> mm && mm.get("field") != null) {
                            missing.add(String.valueOf(mm.get("field")).replaceFirst("^documents\\.", ""));
                        }
                    }
                }
                byEmail.computeIfAbsent((String) r[1], k -> new ArrayList<>()).add(new Trainee.TraineeDossier(d.id,
                        d.reference, d.schemeId, d.state().name(), d.waitingOn() == null ? null : d.waitingOn().name(),
                        d.deadline() == null ? null : d.deadline().toLocalDate(), ours ? open.id : null,
                        ours ? open.message : null, missing));
            }
            List<Trainee> out = new ArrayList<>();
            for (EnrolmentEntity e : enrolments) {
                Map<String, Object> data = Json.readMap(e.data);
                out.add(new Trainee(e.id, e.traineeEmail, e.firstName, e.lastName, date(data.get("trainingStartDate")),
                        date(data.get("trainingEndDate")), (String) data.get("programme"), e.receivedAt.toInstant(),
                        e.certificateDocumentId != null, byEmail.getOrDefault(e.traineeEmail, List.of())));
            }
            return out;
        });
    }

    private static java.time.LocalDate date(Object v) {
        try {
            return v == null ? null : java.time.LocalDate.parse(v.toString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The organisation of a member of its staff; anyone else is refused. */
    static long staffOf(Caller caller) {
        if (!caller.has(Role.MEDIATOR) || caller.organisationId() == null) {
            throw GuichetException.forbidden("ORGANISATION_STAFF_ONLY", "Cet espace est celui du personnel d'une"
                    + " organisation partenaire.");
        }
        return caller.organisationId();
    }

    /** An admin, or a mediator of the organisation itself (its systems hold the key). */
    private static void mayManageKey(Caller caller, long organisationId) {
        boolean own = caller.has(Role.MEDIATOR) && caller.organisationId() != null
                && caller.organisationId() == organisationId;
        if (!caller.has(Role.ADMIN) && !own) {
            throw GuichetException.forbidden("KEY_NOT_YOURS", "Seuls un administrateur et les membres de"
                    + " l'organisation peuvent changer sa clé d'API.");
        }
    }

    private static OrganisationEntity organisation(EntityManager em, long id) {
        OrganisationEntity o = em.find(OrganisationEntity.class, id, javax.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (o == null) {
            throw GuichetException.notFound("ORGANISATION_UNKNOWN", "Cette organisation n'existe pas.");
        }
        return o;
    }

    @Override
    public EnrolmentReport submitEnrolments(Organisation organisation, List<Map<String, Object>> rows) {
        if (rows == null || rows.isEmpty()) {
            throw GuichetException.invalid("NO_ROWS", "enrolments", "Aucune inscription n'a été envoyée.");
        }
        if (rows.size() > MAX_ROWS) {
            throw new GuichetException(GuichetException.Kind.INVALID, "TOO_MANY_ROWS", "enrolments", "Au plus "
                    + MAX_ROWS + " inscriptions par envoi.", null, Map.of("max", MAX_ROWS));
        }
        List<Spreadsheet.Row> numbered = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            numbered.add(new Spreadsheet.Row(i + 1, rows.get(i) == null ? Map.of() : rows.get(i)));
        }
        return submit(organisation, numbered);
    }

    /**
     * Checks every row, then keeps the good ones in one transaction. A row names one trainee in one class (her
     * address, the training's start and programme: {@link #enrolmentKey}); the same class sent again — twice in a
     * file, by two colleagues at once, or next week with a corrected figure — never makes a second enrolment: the
     * row updates the one there is. The organisation's row is locked first (SELECT … FOR UPDATE), so that two
     * uploads of one organisation are written one after the other, the second seeing what the first wrote; the
     * uploads of different organisations do not wait on each other.
     */
    EnrolmentReport submit(Organisation organisation, List<Spreadsheet.Row> rows) {
        if (rows.isEmpty()) {
            throw GuichetException.invalid("NO_ROWS", "enrolments", "Aucune inscription n'a été envoyée.");
        }
        List<RowError> rejected = new ArrayList<>();
        Map<String, Map<String, Object>> good = new LinkedHashMap<>();
        Map<String, Integer> rowOfKey = new HashMap<>();
        for (Spreadsheet.Row row : rows) {
            EnrolmentRows.Checked c = EnrolmentRows.check(row.number(), row.values());
            if (c.values() == null) {
                rejected.addAll(c.errors());
                continue;
            }
            String key = enrolmentKey(c.values());
            Integer before = rowOfKey.putIfAbsent(key, row.number());
            if (before != null) {
                rejected.add(new RowError(row.number(), "traineeEmail", "DUPLICATE_ROW", "Même stagiaire, même"
                        + " formation que la ligne " + before + " : une seule inscription est gardée."));
                continue;
            }
            good.put(key, c.values());
        }
        List<Long> ids = tx.call(em -> {
            List<Long> out = new ArrayList<>();
            Timestamp now = Timestamp.from(Instant.now());
            organisation(em, organisation.id()); // the lock: one upload of this organisation at a time
            Map<String, EnrolmentEntity> existing = existing(em, organisation.id(), good.values());
            for (Map.Entry<String, Map<String, Object>> g : good.entrySet()) {
                Map<String, Object> v = g.getValue();
                EnrolmentEntity e = existing.get(g.getKey());
                if (e == null) {
                    e = new EnrolmentEntity();
                    e.organisationId = organisation.id();
                }
                e.traineeEmail = (String) v.get("traineeEmail");
                e.firstName = (String) v.get("firstName");
                e.lastName = (String) v.get("lastName");
                Map<String, Object> data = new LinkedHashMap<>(v);
                data.remove("traineeEmail");
                data.remove("firstName");
                data.remove("lastName");
                e.data = Json.write(data);
                e.receivedAt = now;
                if (e.id == null) {
                    em.persist(e);
                    em.flush();
                }
                out.add(e.id);
            }
            Activity.record(em, "ENROLMENTS_RECEIVED", null, organisation.name(), null, Channel.PARTNER, null,
                    organisation.id(), rows.size() + " inscription(s) reçue(s), " + good.size() + " gardée(s) dont "
                            + existing.size() + " déjà connue(s), " + (rows.size() - good.size()) + " refusée(s)");
            return out;
        });
        return new EnrolmentReport(rows.size(), good.size(), ids, rejected);
    }

    /** What makes two enrolment rows the same: the trainee, the day her training starts, its programme. */
    static String enrolmentKey(Map<String, Object> checked) {
        return checked.get("traineeEmail") + "|" + checked.get("trainingStartDate") + "|" + checked.get("programme");
    }

    /** The organisation's enrolments of these rows' classes, by {@link #enrolmentKey}. */
    private static Map<String, EnrolmentEntity> existing(EntityManager em, long organisationId,
            java.util.Collection<Map<String, Object>> rows) {
        Map<String, EnrolmentEntity> found = new HashMap<>();
        List<String> emails = rows.stream().map(r -> (String) r.get("traineeEmail")).distinct().toList();
        for (int from = 0; from < emails.size(); from += 500) {
            for (EnrolmentEntity e : em.createQuery("select e from EnrolmentEntity e where e.organisationId = :o and"
                    + " e.traineeEmail in :m order by e.id", EnrolmentEntity.class).setParameter("o", organisationId)
                    .setParameter("m", emails.subList(from, Math.min(emails.size(), from + 500))).getResultList()) {
                Map<String, Object> v = new LinkedHashMap<>(Json.readMap(e.data));
                v.put("traineeEmail", e.traineeEmail);
                found.putIfAbsent(enrolmentKey(v), e);
            }
        }
        return found;
    }

    @Override
    public EnrolmentReport importCsv(Organisation organisation, Reader csv) {
        return submit(organisation, Spreadsheet.csv(Spreadsheet.text(csv), Spreadsheet.ENROLMENT_COLUMNS, MAX_ROWS));
    }

    @Override
    public EnrolmentReport importSpreadsheet(Organisation organisation, InputStream content) {
        return submit(organisation, Spreadsheet.read(content, Spreadsheet.ENROLMENT_COLUMNS, MAX_ROWS));
    }

    @Override
    public long attachCertificate(Organisation organisation, long enrolmentId, String fileName, InputStream content) {
        EnrolmentEntity found = tx.call(em -> em.find(EnrolmentEntity.class, enrolmentId));
        if (found == null || found.organisationId.longValue() != organisation.id()) {
            throw GuichetException.notFound("ENROLMENT_NOT_FOUND", "Cette inscription n'existe pas pour votre organisation.");
        }
        DocumentFiles.Stored stored = files.store(content, CERTIFICATE_TYPES, 10L * 1024 * 1024,
                new org.guichet.api.scheme.LocalizedText("attestation d'entrée en formation", "training start certificate"));
        List<Mails.Mailed<?>> done = new ArrayList<>();
        long id;
        try {
            id = certificate(organisation, enrolmentId, fileName, stored, done);
        } finally {
            files.release(stored);
        }
        done.forEach(m -> Mails.deliver(mail, m));
        return id;
    }

    private long certificate(Organisation organisation, long enrolmentId, String fileName, DocumentFiles.Stored stored,
            List<Mails.Mailed<?>> done) {
        return tx.call(em -> {
            EnrolmentEntity e = em.find(EnrolmentEntity.class, enrolmentId);
            DocumentEntity doc = new DocumentEntity();
            doc.documentType = CERTIFICATE;
            doc.fileName = fileName == null || fileName.isBlank() ? "attestation-entree-formation"
                    : fileName.replaceAll(".*[/\\\\]", "");
            doc.mediaType = stored.mediaType();
            doc.sizeBytes = stored.size();
            doc.sha256 = stored.sha256();
            doc.uploadedAt = Timestamp.from(Instant.now());
            doc.organisationId = organisation.id();
            doc.source = "ORGANISATION";
            em.persist(doc);
            em.flush();
            e.certificateDocumentId = doc.id;
            AccountEntity trainee = AccountViews.byEmail(em, e.traineeEmail);
            // drafts the trainee opened before do not receive it: it is offered to her there (DossierService.offers).
            // A dossier that names this organisation and waits on it for this very certificate gets it, and goes
            // back to its agent through the one "complement answered" use case.
            if (trainee != null) {
                for (DossierEntity d : em.createQuery("select d from DossierEntity d where d.applicantId = :a and"
                        + " d.organisationId = :o and d.state = :s", DossierEntity.class).setParameter("a", trainee.id)
                        .setParameter("o", organisation.id()).setParameter("s", DossierState.WAITING_COMPLEMENT)
                        .getResultList()) {
                    ComplementRequestEntity open = Lookups.openComplement(em, d.id);
                    if (open == null || !"ORGANISATION".equals(open.addressee)
                            || !Lookups.list(open.documentTypes).contains(CERTIFICATE)) {
                        continue;
                    }
                    DocumentEntity copy = Storage.copyDocument(doc, d.id, CERTIFICATE);
                    copy.uploadedAt = Timestamp.from(Instant.now());
                    em.persist(copy);
                    em.flush();
                    Activity.record(em, "DOCUMENT_ADDED", null, organisation.name(), trainee.id, Channel.PARTNER,
                            d.id, organisation.id(), "Attestation d'entrée en formation fournie par l'organisme");
                    if (Complements.missing(em, d, open).isEmpty()) {
                        done.add(complements.complete(em, d, open, "Attestation envoyée par " + organisation.name(),
                                null, organisation.name(), trainee.id, Channel.PARTNER, organisation.id()));
                    }
                }
            }
            Activity.record(em, "CERTIFICATE_RECEIVED", null, organisation.name(), trainee == null ? null : trainee.id,
                    Channel.PARTNER, null, organisation.id(), "Attestation reçue pour l'inscription " + enrolmentId);
            return doc.id;
        });
    }

    static Organisation view(OrganisationEntity o) {
        return new Organisation(o.id, o.name, o.kind, o.createdAt.toInstant());
    }
}
