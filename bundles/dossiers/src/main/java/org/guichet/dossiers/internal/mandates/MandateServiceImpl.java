package org.guichet.dossiers.internal.mandates;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.guichet.api.accounts.AccountState;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.activity.Channel;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.mail.MailService;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.mandates.MandateService;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.PortalConfig;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.accounts.AccountServiceImpl;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.accounts.Secrets;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.documents.DocumentFiles;
import org.guichet.dossiers.internal.dossiers.DossierServiceImpl;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.AccountTokenEntity;
import org.guichet.dossiers.internal.jpa.DocumentEntity;
import org.guichet.dossiers.internal.jpa.MandateEntity;
import org.guichet.dossiers.internal.jpa.OrganisationEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Mandates instead of shared passwords: the applicant accepts by the mailed link or code, or the mediator records a
 * consent form she signed; she sees every mandate and can revoke it.
 */
@Component(service = MandateService.class, configurationPid = PortalConfig.PID)
public class MandateServiceImpl implements MandateService {
    static final String LINK = "MANDATE_LINK";
    static final String CODE = "MANDATE_CODE";
    static final Duration VALIDITY = Duration.ofDays(7);
    static final List<String> CONSENT_TYPES = List.of("application/pdf", "image/jpeg", "image/png");
    static final long CONSENT_MAX_BYTES = 10L * 1024 * 1024;

    private final Tx tx;
    private final MailService mail;
    private final PortalConfig config;
    private final DocumentFiles files;

    @Activate
    public MandateServiceImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference MailService mail, PortalConfig config) {
        this.tx = new Tx(emf);
        this.mail = mail;
        this.config = config;
        this.files = new DocumentFiles(DossierServiceImpl.documentsDir(config));
    }

    @Override
    public Mandate request(Caller mediator, String applicantEmail, String applicantName) {
        requireMediator(mediator);
        String email = AccountViews.normaliseEmail(applicantEmail, "applicantEmail");
        String link = Secrets.token();
        String code = Secrets.code();
        return Mails.deliver(mail, tx.call(em -> {
            AccountEntity applicant = applicant(em, email, applicantName);
            MandateEntity m = em.createQuery("select m from MandateEntity m where m.mediatorId = :m and m.applicantId = :a"
                    + " and m.state in ('PENDING', 'ACTIVE')", MandateEntity.class).setParameter("m", mediator.accountId())
                    .setParameter("a", applicant.id).getResultStream().findFirst().orElse(null);
            if (m != null && "ACTIVE".equals(m.state)) {
                throw GuichetException.conflict("MANDATE_EXISTS", "Cette personne vous a déjà donné mandat.");
            }
            if (m == null) {
                m = newMandate(mediator, applicant.id, "EMAIL_CONFIRMATION", "PENDING");
                em.persist(m);
                em.flush();
            } else {
                // asked again: the previous link and code stop working
                em.createQuery("update AccountTokenEntity t set t.usedAt = :now where t.subjectId = :m and t.usedAt is null"
                        + " and t.purpose in ('MANDATE_LINK', 'MANDATE_CODE')").setParameter("now", now())
                        .setParameter("m", m.id).executeUpdate();
            }
            AccountServiceImpl.token(em, applicant.id, LINK, link, m.id, VALIDITY);
            AccountServiceImpl.token(em, applicant.id, CODE, code, m.id, VALIDITY);
            Activity.record(em, "MANDATE_REQUESTED", mediator.accountId(), mediator.displayName(), applicant.id,
                    Channel.MEDIATOR, null, mediator.organisationId(), "Mandat demandé à " + email);
            OutgoingMail message = Mails.mandateRequest(email, applicant.displayName, mediator.displayName(),
                    organisationName(em, mediator.organisationId()), link("/mandats/accepter", link), code);
            return Mails.Mailed.of(view(em, m), message);
        }));
    }

    @Override
    public Mandate recordSignedConsent(Caller mediator, String applicantEmail, String applicantName, String fileName,
            InputStream consentForm) {
        requireMediator(mediator);
        String email = AccountViews.normaliseEmail(applicantEmail, "applicantEmail");
        if (consentForm == null) {
            throw GuichetException.invalid("FILE_REQUIRED", "file", "Joignez le formulaire de consentement signé.");
        }
        DocumentFiles.Stored stored = files.store(consentForm, CONSENT_TYPES, CONSENT_MAX_BYTES, "consentement signé");
        return Mails.deliver(mail, tx.call(em -> {
            AccountEntity applicant = applicant(em, email, applicantName);
            if (Mandates.active(em, mediator.accountId(), applicant.id) != null) {
                throw GuichetException.conflict("MANDATE_EXISTS", "Cette personne vous a déjà donné mandat.");
            }
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
            MandateEntity m = newMandate(mediator, applicant.id, "SIGNED_CONSENT", "ACTIVE");
            m.consentDocumentId = doc.id;
            m.acceptedAt = m.createdAt;
            em.persist(m);
            em.flush();
            Activity.record(em, "MANDATE_GIVEN", mediator.accountId(), mediator.displayName(), applicant.id,
                    Channel.MEDIATOR, null, mediator.organisationId(), "Mandat enregistré avec un consentement signé");
            OutgoingMail notice = new OutgoingMail(email, "Un mandat a été enregistré pour vos demandes d'aide",
                    "Bonjour " + applicant.displayName + ",\n\n" + mediator.displayName() + " a enregistré le"
                            + " formulaire que vous avez signé : il ou elle peut faire vos demandes d'aide à la Région"
                            + " avec vous. Vous pouvez voir ce mandat et le retirer à tout moment dans votre espace"
                            + " (connexion avec un code reçu par courriel).\n", "MANDATE_RECORDED");
            return Mails.Mailed.of(view(em, m), notice);
        }));
    }

    @Override
    public Mandate acceptWithToken(String token) {
        if (token == null || token.isBlank()) {
            throw GuichetException.invalid("TOKEN_REQUIRED", "token", "Le lien est incomplet.");
        }
        return tx.call(em -> {
            AccountTokenEntity t = AccountServiceImpl.validToken(em, LINK, token);
            MandateEntity m = em.find(MandateEntity.class, t.subjectId);
            AccountEntity applicant = em.find(AccountEntity.class, m.applicantId);
            return accept(em, m, t, applicant.id, applicant.displayName, Channel.ONLINE, "par le lien reçu");
        });
    }

    /** A wrong code is counted (committed) before it is refused. */
    private record Outcome(Mandate mandate, GuichetException refusal) { }

    @Override
    public Mandate acceptWithCode(Caller caller, long mandateId, String code) {
        String c = code == null ? "" : code.replaceAll("\\s", "");
        Outcome out = tx.call(em -> {
            MandateEntity m = visible(em, caller, mandateId);
            AccountTokenEntity t = em.createQuery("select t from AccountTokenEntity t where t.subjectId = :m and"
                    + " t.purpose = :p and t.usedAt is null and t.expiresAt > :now order by t.id desc",
                    AccountTokenEntity.class).setParameter("m", m.id).setParameter("p", CODE).setParameter("now", now())
                    .setMaxResults(1).getResultStream().findFirst().orElse(null);
            GuichetException wrong = new GuichetException(Kind.INVALID, "INVALID_CODE", "code",
                    "Ce code n'est pas le bon, ou il n'est plus valable. Le médiateur peut renvoyer une demande.");
            if (t == null || !"PENDING".equals(m.state)) {
                return new Outcome(null, wrong);
            }
            if (!Secrets.sameHash(t.tokenHash, Secrets.sha256(c))) {
                t.attempts++;
                if (t.attempts >= 5) {
                    t.usedAt = now();
                }
                Activity.record(em, "MANDATE_CODE_FAILED", caller.accountId(), caller.displayName(), m.applicantId,
                        caller.accountId() == m.applicantId ? Channel.ONLINE : Channel.MEDIATOR, null, m.organisationId,
                        "Code de mandat incorrect (essai " + t.attempts + ")");
                return new Outcome(null, wrong);
            }
            Channel channel = caller.accountId() == m.applicantId ? Channel.ONLINE : Channel.MEDIATOR;
            return new Outcome(accept(em, m, t, caller.accountId(), caller.displayName(), channel,
                    channel == Channel.ONLINE ? "avec le code reçu" : "avec le code que la personne a donné"), null);
        });
        if (out.refusal() != null) {
            throw out.refusal();
        }
        return out.mandate();
    }

    private Mandate accept(EntityManager em, MandateEntity m, AccountTokenEntity t, long actorId, String actorName,
            Channel channel, String how) {
        if (!"PENDING".equals(m.state)) {
            throw GuichetException.conflict("MANDATE_NOT_PENDING", "Ce mandat n'attend plus de réponse.");
        }
        m.state = "ACTIVE";
        m.acceptedAt = now();
        em.createQuery("update AccountTokenEntity x set x.usedAt = :now where x.subjectId = :m and x.usedAt is null"
                + " and x.purpose in ('MANDATE_LINK', 'MANDATE_CODE')").setParameter("now", now())
                .setParameter("m", m.id).executeUpdate();
        AccountEntity applicant = em.find(AccountEntity.class, m.applicantId);
        if (AccountState.PENDING.name().equals(applicant.state)) {
            // the link or the code came through her mailbox: the address is proven
            applicant.state = AccountState.ACTIVE.name();
            applicant.activatedAt = now();
        }
        Activity.record(em, "MANDATE_GIVEN", actorId, actorName, m.applicantId, channel, null, m.organisationId,
                "Mandat accepté " + how);
        em.flush();
        return view(em, m);
    }

    @Override
    public Mandate revoke(Caller caller, long mandateId) {
        return tx.call(em -> {
            MandateEntity m = visible(em, caller, mandateId);
            if ("REVOKED".equals(m.state)) {
                return view(em, m);
            }
            m.state = "REVOKED";
            m.revokedAt = now();
            m.revokedBy = caller.accountId();
            Activity.record(em, "MANDATE_REVOKED", caller.accountId(), caller.displayName(), m.applicantId,
                    caller.accountId() == m.applicantId ? Channel.ONLINE : Channel.MEDIATOR, null, m.organisationId,
                    "Mandat retiré");
            em.flush();
            return view(em, m);
        });
    }

    @Override
    public List<Mandate> list(Caller caller) {
        return tx.call(em -> em.createQuery("select m from MandateEntity m where m.applicantId = :me or m.mediatorId = :me"
                + " order by m.id desc", MandateEntity.class).setParameter("me", caller.accountId()).getResultList()
                .stream().map(m -> view(em, m)).toList());
    }

    // ---- helpers

    private static void requireMediator(Caller c) {
        if (!c.has(Role.MEDIATOR)) {
            throw GuichetException.forbidden("MEDIATOR_ONLY", "Seul un médiateur (organisme de formation, Mission"
                    + " locale) peut demander un mandat.");
        }
    }

    private static MandateEntity visible(EntityManager em, Caller caller, long id) {
        MandateEntity m = em.find(MandateEntity.class, id);
        if (m == null || (m.applicantId != caller.accountId() && m.mediatorId != caller.accountId())) {
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
            a.createdAt = now();
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

    private static MandateEntity newMandate(Caller mediator, long applicantId, String method, String state) {
        MandateEntity m = new MandateEntity();
        m.mediatorId = mediator.accountId();
        m.organisationId = mediator.organisationId();
        m.applicantId = applicantId;
        m.method = method;
        m.state = state;
        m.createdAt = now();
        return m;
    }

    public static Mandate view(EntityManager em, MandateEntity m) {
        return new Mandate(m.id, AccountViews.person(em, m.mediatorId), m.organisationId,
                organisationName(em, m.organisationId), AccountViews.person(em, m.applicantId), m.state, m.method,
                m.consentDocumentId, m.createdAt.toInstant(), m.acceptedAt == null ? null : m.acceptedAt.toInstant(),
                m.revokedAt == null ? null : m.revokedAt.toInstant());
    }

    private static String organisationName(EntityManager em, Long id) {
        OrganisationEntity o = id == null ? null : em.find(OrganisationEntity.class, id);
        return o == null ? null : o.name;
    }

    private String link(String path, String token) {
        return config.portal_url().replaceAll("/+$", "") + path + "?jeton=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

}
