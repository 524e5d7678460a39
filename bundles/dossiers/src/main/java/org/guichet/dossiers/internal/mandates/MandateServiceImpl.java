package org.guichet.dossiers.internal.mandates;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.guichet.api.accounts.AccountState;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.activity.Channel;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.limits.RateLimits;
import org.guichet.api.limits.RateLimits.Scope;
import org.guichet.api.mail.MailService;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.mandates.MandateService;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.Words;
import org.guichet.dossiers.internal.PortalConfig;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.accounts.MailLater;
import org.guichet.dossiers.internal.accounts.MailboxProof;
import org.guichet.dossiers.internal.accounts.Secrets;
import org.guichet.dossiers.internal.accounts.Tokens;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.documents.DocumentFiles;
import org.guichet.dossiers.internal.dossiers.DossierViews;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.AccountTokenEntity;
import org.guichet.dossiers.internal.jpa.DocumentEntity;
import org.guichet.dossiers.internal.jpa.MandateEntity;
import org.guichet.dossiers.internal.jpa.MandateState;
import org.guichet.dossiers.internal.shared.Lookups;
import org.guichet.dossiers.internal.shared.Storage;
import org.guichet.dossiers.internal.shared.Views;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Mandates instead of shared passwords. A mandate is ACTIVE only once the applicant has confirmed it through her
 * mailbox (the mailed link, or the mailed code she enters or reads to the mediator), or once an agent has checked
 * the consent form she signed; she sees every mandate and can revoke it, and a revoked mandate never comes back
 * without a new confirmation. A mediator may ask one person only a few times a day.
 */
@Component(service = MandateService.class, configurationPid = PortalConfig.PID)
public class MandateServiceImpl implements MandateService {
    static final String LINK = "MANDATE_LINK";
    static final String CODE = "MANDATE_CODE";
    static final Duration VALIDITY = Duration.ofDays(7);
    static final List<String> CONSENT_TYPES = List.of("application/pdf", "image/jpeg", "image/png");
    static final long CONSENT_MAX_BYTES = 10L * 1024 * 1024;
    static final String SIGNED_CONSENT = "SIGNED_CONSENT";

    private final Tx tx;
    private final MailService mail;
    private final PortalConfig config;
    private final DocumentFiles files;
    private final Clock clock;
    private final RateLimits limits;
    private final Executor mailLater;

    @Activate
    public MandateServiceImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference MailService mail, @Reference RateLimits limits,
            PortalConfig config) {
        this(emf, mail, limits, config, Clock.systemUTC(), MailLater.start());
    }

    /** For tests: the same with a clock of one's own, mails sent in the call. */
    public MandateServiceImpl(EntityManagerFactory emf, MailService mail, RateLimits limits, PortalConfig config,
            Clock clock) {
        this(emf, mail, limits, config, clock, Runnable::run);
    }

    /**
     * @param mailLater sends the mandate request's mail after the answer: whether the person already had an account
     *                  (mailed at once) or not, the mediator's request answers in the same time
     */
    public MandateServiceImpl(EntityManagerFactory emf, MailService mail, RateLimits limits, PortalConfig config,
            Clock clock, Executor mailLater) {
        this.mailLater = mailLater;
        this.tx = new Tx(emf);
        this.mail = mail;
        this.limits = limits;
        this.config = config;
        this.files = new DocumentFiles(Storage.documentsDir(config));
        this.clock = clock;
    }

    @Deactivate
    void deactivate() {
        MailLater.stop(mailLater);
    }

    /** The mails of a committed request, sent after the answer (quietly, like every mail). */
    private <T> T deliverLater(Mails.Mailed<T> done) {
        done.mails().forEach(m -> mailLater.execute(() -> Mails.sendQuietly(mail, m)));
        return done.result();
    }

    @Override
    public Mandate request(Caller mediator, String applicantEmail, String applicantName) {
        requireMediator(mediator);
        String email = AccountViews.normaliseEmail(applicantEmail, "applicantEmail");
        limits.hit(RateLimits.MANDATE_REQUEST, Scope.ACCOUNT, Long.toString(mediator.accountId()));
        return deliverLater(tx.call(em -> {
            AccountEntity applicant = applicant(em, email, applicantName);
            MandateEntity m = pendingOrNew(em, mediator, applicant, "EMAIL_CONFIRMATION");
            OutgoingMail message = ask(em, mediator, applicant, m, "Mandat demandé à " + email, false);
            return Mails.Mailed.of(Views.mandate(em, m), message);
        }));
    }

    @Override
    public Mandate recordSignedConsent(Caller mediator, String applicantEmail, String applicantName, String fileName,
            InputStream consentForm) {
        requireMediator(mediator);
        String email = AccountViews.normaliseEmail(applicantEmail, "applicantEmail");
        limits.hit(RateLimits.MANDATE_REQUEST, Scope.ACCOUNT, Long.toString(mediator.accountId()));
        if (consentForm == null) {
            throw GuichetException.invalid("FILE_REQUIRED", "file", "Joignez le formulaire de consentement signé.");
        }
        // the limit and the existing mandate are checked before a byte of the upload is kept
        tx.run(em -> {
            AccountEntity a = AccountViews.byEmail(em, email);
            if (a != null) {
                refuseIfActiveOrTooMany(em, mediator, a.id);
            }
        });
        DocumentFiles.Stored stored = files.store(consentForm, CONSENT_TYPES, CONSENT_MAX_BYTES,
                new org.guichet.api.scheme.LocalizedText("consentement signé", "signed consent form"));
        try {
            return deliverLater(recordConsent(mediator, email, applicantName, fileName, stored));
        } finally {
            files.release(stored);
        }
    }

    private Mails.Mailed<Mandate> recordConsent(Caller mediator, String email, String applicantName, String fileName,
            DocumentFiles.Stored stored) {
        return tx.call(em -> {
            AccountEntity applicant = applicant(em, email, applicantName);
            DocumentEntity doc = new DocumentEntity();
            doc.documentType = "MANDATE_CONSENT";
            doc.fileName = fileName == null || fileName.isBlank() ? "consentement" : fileName.replaceAll(".*[/\\\\]", "");
            doc.mediaType = stored.mediaType();
            doc.sizeBytes = stored.size();
            doc.sha256 = stored.sha256();
            doc.uploadedAt = now();
            doc.uploadedBy = mediator.accountId();
            doc.organisationId = mediator.organisationId();
            doc.source = "MEDIATOR";
            em.persist(doc);
            em.flush();
            MandateEntity m = pendingOrNew(em, mediator, applicant, SIGNED_CONSENT);
            m.method = SIGNED_CONSENT;
            m.consentDocumentId = doc.id;
            OutgoingMail message = ask(em, mediator, applicant, m, "Formulaire de consentement signé enregistré ; en"
                    + " attente de la confirmation de la personne ou de la vérification d'un agent", true);
            return Mails.Mailed.of(Views.mandate(em, m), message);
        });
    }

    /** The PENDING mandate between these two (its older link and code voided), or a new one; limits checked. */
    private MandateEntity pendingOrNew(EntityManager em, Caller mediator, AccountEntity applicant, String method) {
        refuseIfActiveOrTooMany(em, mediator, applicant.id);
        MandateEntity m = em.createQuery("select m from MandateEntity m where m.mediatorId = :m and m.applicantId = :a"
                + " and m.state = :s order by m.id desc", MandateEntity.class).setParameter("m", mediator.accountId())
                .setParameter("a", applicant.id).setParameter("s", MandateState.PENDING).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
        if (m == null) {
            m = new MandateEntity();
            m.mediatorId = mediator.accountId();
            m.organisationId = mediator.organisationId();
            m.applicantId = applicant.id;
            m.method = method;
            m.state = MandateState.PENDING;
            m.createdAt = now();
            em.persist(m);
            em.flush();
        } else {
            voidTokens(em, m);
        }
        return m;
    }

    private void refuseIfActiveOrTooMany(EntityManager em, Caller mediator, long applicantId) {
        if (Lookups.activeMandate(em, mediator.accountId(), applicantId) != null) {
            throw GuichetException.conflict("MANDATE_EXISTS", "Cette personne vous a déjà donné mandat.");
        }
        Instant since = clock.instant().minus(Duration.ofDays(1));
        List<Timestamp> asked = em.createQuery("select e.occurredAt from ActivityEventEntity e where e.type ="
                + " 'MANDATE_REQUESTED' and e.actorId = :m and e.onBehalfOfId = :a and e.occurredAt >= :since order by"
                + " e.occurredAt", Timestamp.class).setParameter("m", mediator.accountId()).setParameter("a", applicantId)
                .setParameter("since", Timestamp.from(since)).getResultList();
        int limit = Math.max(1, config.mandate_requests_per_day());
        if (asked.size() >= limit) {
            long retry = Math.max(60, Duration.between(clock.instant(),
                    asked.get(asked.size() - limit).toInstant().plus(Duration.ofDays(1))).toSeconds());
            throw new GuichetException(Kind.TOO_MANY_ATTEMPTS, "MANDATE_REQUESTS_LIMIT", null, "Vous avez déjà demandé"
                    + " son accord à cette personne " + asked.size() + " fois aujourd'hui : attendez sa réponse, ou"
                    + " réessayez demain.", null, Map.of("retryAfterSeconds", retry, "count", asked.size()));
        }
    }

    /** Mails the applicant a fresh link and code to confirm the mandate, and records the request. */
    private OutgoingMail ask(EntityManager em, Caller mediator, AccountEntity applicant, MandateEntity m, String detail,
            boolean signed) {
        String link = Secrets.token();
        String code = Secrets.code();
        Tokens.issue(em, applicant.id, LINK, link, m.id, VALIDITY);
        Tokens.issue(em, applicant.id, CODE, code, m.id, VALIDITY);
        Activity.record(em, "MANDATE_REQUESTED", mediator.accountId(), mediator.displayName(), applicant.id,
                Channel.MEDIATOR, null, mediator.organisationId(), detail);
        String organisation = Lookups.organisationName(em, mediator.organisationId());
        return Mails.mandateRequest(applicant.email, applicant.language, applicant.displayName,
                mediator.displayName(), organisation, link("/mandats/accepter", link, applicant.language), code,
                signed);
    }

    @Override
    public Mandate acceptWithToken(String token) {
        if (token == null || token.isBlank()) {
            throw GuichetException.invalid("TOKEN_REQUIRED", "token", "Le lien est incomplet.");
        }
        return tx.call(em -> {
            AccountTokenEntity t = Tokens.valid(em, LINK, token);
            MandateEntity m = em.find(MandateEntity.class, t.subjectId);
            AccountEntity applicant = em.find(AccountEntity.class, m.applicantId);
            return accept(em, m, applicant.id, applicant.displayName, Channel.ONLINE, "par le lien reçu");
        });
    }

    /** A wrong code is counted (committed) before it is refused. */
    private record Outcome(Mandate mandate, GuichetException refusal) { }

    @Override
    public Mandate acceptWithCode(Caller caller, long mandateId, String code) {
        String c = code == null ? "" : code.replaceAll("\\s", "");
        limits.hit(RateLimits.MANDATE_CODE, Scope.ACCOUNT, Long.toString(caller.accountId()));
        Outcome out = tx.call(em -> {
            MandateEntity m = visible(em, caller, mandateId);
            AccountTokenEntity t = em.createQuery("select t from AccountTokenEntity t where t.subjectId = :m and"
                    + " t.purpose = :p and t.usedAt is null and t.expiresAt > :now order by t.id desc",
                    AccountTokenEntity.class).setParameter("m", m.id).setParameter("p", CODE).setParameter("now", now())
                    .setMaxResults(1).getResultStream().findFirst().orElse(null);
            GuichetException wrong = new GuichetException(Kind.INVALID, "INVALID_CODE", "code",
                    "Ce code n'est pas le bon, ou il n'est plus valable. Le médiateur peut renvoyer une demande.");
            if (t == null || m.state != MandateState.PENDING) {
                return new Outcome(null, wrong);
            }
            boolean own = caller.accountId() == m.applicantId.longValue();
            // each try counted under the token row's lock before the comparison (tries sent at once all count)
            if (!Tokens.spendTry(em, t.id, 5)) {
                return new Outcome(null, wrong);
            }
            if (!Secrets.sameHash(t.tokenHash, Secrets.sha256(c))) {
                Tokens.voidIfSpent(em, t.id, 5);
                Activity.record(em, "MANDATE_CODE_FAILED", caller.accountId(), caller.displayName(), m.applicantId,
                        own ? Channel.ONLINE : Channel.MEDIATOR, null, m.organisationId,
                        "Code de mandat incorrect (essai " + (t.attempts + 1) + ")");
                return new Outcome(null, wrong);
            }
            Channel channel = own ? Channel.ONLINE : Channel.MEDIATOR;
            return new Outcome(accept(em, m, caller.accountId(), caller.displayName(), channel,
                    own ? "avec le code reçu" : "avec le code que la personne a donné"), null);
        });
        if (out.refusal() != null) {
            throw out.refusal();
        }
        return out.mandate();
    }

    private Mandate accept(EntityManager em, MandateEntity m, long actorId, String actorName, Channel channel,
            String how) {
        if (m.state != MandateState.PENDING) {
            throw GuichetException.conflict("MANDATE_NOT_PENDING", "Ce mandat n'attend plus de réponse.");
        }
        m.state = MandateState.ACTIVE;
        m.acceptedAt = now();
        voidTokens(em, m);
        AccountEntity applicant = em.find(AccountEntity.class, m.applicantId);
        // the link or the code came through her mailbox: the address is proven, and a password someone may have set
        // before that is discarded (account pre-takeover)
        MailboxProof.proven(em, applicant, null);
        Activity.record(em, "MANDATE_GIVEN", actorId, actorName, m.applicantId, channel, null, m.organisationId,
                "Mandat accepté " + how);
        em.flush();
        return Views.mandate(em, m);
    }

    private void voidTokens(EntityManager em, MandateEntity m) {
        em.createQuery("update AccountTokenEntity x set x.usedAt = :now where x.subjectId = :m and x.usedAt is null"
                + " and x.purpose in ('MANDATE_LINK', 'MANDATE_CODE')").setParameter("now", now())
                .setParameter("m", m.id).executeUpdate();
    }

    @Override
    public Mandate revoke(Caller caller, long mandateId) {
        return tx.call(em -> {
            MandateEntity m = visible(em, caller, mandateId);
            if (m.state == MandateState.REVOKED || m.state == MandateState.REFUSED) {
                return Views.mandate(em, m);
            }
            m.state = MandateState.REVOKED;
            m.revokedAt = now();
            m.revokedBy = caller.accountId();
            voidTokens(em, m);
            Activity.record(em, "MANDATE_REVOKED", caller.accountId(), caller.displayName(), m.applicantId,
                    caller.accountId() == m.applicantId.longValue() ? Channel.ONLINE : Channel.MEDIATOR, null,
                    m.organisationId, "Mandat retiré");
            em.flush();
            return Views.mandate(em, m);
        });
    }

    @Override
    public List<Mandate> list(Caller caller) {
        return tx.call(em -> em.createQuery("select m from MandateEntity m where m.applicantId = :me or m.mediatorId = :me"
                + " order by m.id desc", MandateEntity.class).setParameter("me", caller.accountId()).getResultList()
                .stream().map(m -> Views.mandate(em, m)).toList());
    }

    @Override
    public List<Mandate> consentsToCheck(Caller agent) {
        requireStaff(agent);
        return tx.call(em -> em.createQuery("select m from MandateEntity m where m.state = :s and m.method = :method"
                + " order by m.createdAt, m.id", MandateEntity.class).setParameter("s", MandateState.PENDING)
                .setParameter("method", SIGNED_CONSENT).setMaxResults(500).getResultList().stream()
                .map(m -> Views.mandate(em, m)).toList());
    }

    @Override
    public Mandate checkConsent(Caller agent, long mandateId, boolean valid, String comment) {
        requireStaff(agent);
        if (comment != null && comment.length() > 2000) {
            throw new GuichetException(Kind.INVALID, "TOO_LONG", "comment", "Texte trop long : 2000 caractères au plus.",
                    null, Map.of("max", 2000));
        }
        if (!valid && (comment == null || comment.isBlank())) {
            throw GuichetException.invalid("COMMENT_REQUIRED", "comment", "Dites au médiateur ce qui ne va pas dans le"
                    + " formulaire.");
        }
        return Mails.deliver(mail, tx.call(em -> {
            MandateEntity m = em.find(MandateEntity.class, mandateId);
            if (m == null || !SIGNED_CONSENT.equals(m.method) || m.consentDocumentId == null) {
                throw GuichetException.notFound("MANDATE_NOT_FOUND", "Ce mandat n'existe pas, ou il n'a pas de"
                        + " formulaire signé à vérifier.");
            }
            if (m.state != MandateState.PENDING) {
                throw GuichetException.conflict("MANDATE_NOT_PENDING", "Ce mandat n'attend plus de vérification.");
            }
            m.checkedBy = agent.accountId();
            m.checkedAt = now();
            m.checkComment = comment == null || comment.isBlank() ? null : comment.strip();
            AccountEntity applicant = em.find(AccountEntity.class, m.applicantId);
            AccountEntity mediator = em.find(AccountEntity.class, m.mediatorId);
            if (valid) {
                m.state = MandateState.ACTIVE;
                m.acceptedAt = now();
                voidTokens(em, m);
                Activity.record(em, "MANDATE_GIVEN", agent.accountId(), agent.displayName(), m.applicantId,
                        Channel.AGENT, null, m.organisationId, "Formulaire de consentement signé vérifié par un agent");
                em.flush();
                return Mails.Mailed.of(Views.mandate(em, m), Mails.mail(applicant.email, Words.of(applicant.language),
                        "mandateChecked", "MANDATE_RECORDED", "name", applicant.displayName, "mediator",
                        mediator.displayName));
            }
            m.state = MandateState.REFUSED;
            voidTokens(em, m);
            Activity.record(em, "MANDATE_CONSENT_REFUSED", agent.accountId(), agent.displayName(), m.applicantId,
                    Channel.AGENT, null, m.organisationId, "Formulaire de consentement non valable : " + m.checkComment);
            em.flush();
            return Mails.Mailed.of(Views.mandate(em, m), Mails.mail(mediator.email, Words.of(mediator.language),
                    "mandateConsentRefused", "MANDATE_CONSENT_REFUSED", "name", mediator.displayName, "applicant",
                    applicant.displayName, "comment", m.checkComment));
        }));
    }

    @Override
    public DocumentContent consentForm(Caller caller, long mandateId) {
        return tx.call(em -> {
            MandateEntity m = em.find(MandateEntity.class, mandateId);
            boolean party = m != null && (m.applicantId.longValue() == caller.accountId()
                    || m.mediatorId.longValue() == caller.accountId()) && caller.assistance() == null;
            if (m == null || !(party || DossierAccess.isStaff(caller)) || m.consentDocumentId == null) {
                throw GuichetException.notFound("MANDATE_NOT_FOUND", "Ce mandat n'existe pas, ou vous n'y avez pas accès.");
            }
            DocumentEntity doc = em.find(DocumentEntity.class, m.consentDocumentId);
            return new DocumentContent(DossierViews.document(em, doc), files.path(doc.sha256));
        });
    }

    // ---- helpers

    private static void requireMediator(Caller c) {
        if (!c.has(Role.MEDIATOR) || c.assistance() != null) {
            throw GuichetException.forbidden("MEDIATOR_ONLY", "Seul un médiateur (organisme de formation, Mission"
                    + " locale) peut demander un mandat.");
        }
    }

    private static void requireStaff(Caller c) {
        if (!DossierAccess.isStaff(c)) {
            throw GuichetException.forbidden("AGENT_ONLY", "Réservé aux agents instructeurs de la Région.");
        }
    }

    private static MandateEntity visible(EntityManager em, Caller caller, long id) {
        MandateEntity m = em.find(MandateEntity.class, id);
        if (m == null || caller.assistance() != null || (m.applicantId.longValue() != caller.accountId()
                && m.mediatorId.longValue() != caller.accountId())) {
            throw GuichetException.notFound("MANDATE_NOT_FOUND", "Ce mandat n'existe pas, ou vous n'y avez pas accès.");
        }
        return m;
    }

    /** The applicant's account, opened (pending, without password) if the address has none. */
    private static AccountEntity applicant(EntityManager em, String email, String name) {
        AccountEntity a = AccountViews.byEmail(em, email);
        if (a == null) {
            a = new AccountEntity();
            a.email = email;
            a.displayName = AccountViews.displayName(name, email);
            a.state = AccountState.PENDING.name();
            a.roles = AccountViews.rolesColumn(EnumSet.of(Role.APPLICANT));
            a.schemes = "";
            a.createdAt = Timestamp.from(Instant.now());
            em.persist(a);
            em.flush();
            Activity.record(em, "ACCOUNT_CREATED", a.id, a.displayName, null, Channel.MEDIATOR, null, null,
                    "Compte demandeur ouvert par un médiateur (sans mot de passe : connexion par code)");
        } else if (!AccountViews.roles(a).contains(Role.APPLICANT)) {
            throw GuichetException.invalid("NOT_AN_APPLICANT", "applicantEmail",
                    "Cette adresse n'est pas celle d'un demandeur.");
        }
        return a;
    }

    /** A link to a page, opened in the person's language (before the token, so that the token stays last). */
    private String link(String path, String token, String language) {
        return config.portal_url().replaceAll("/+$", "") + path + ("en".equals(language) ? "?lang=en&" : "?")
                + "jeton=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
