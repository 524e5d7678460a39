package org.guichet.dossiers.internal.accounts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.guichet.api.accounts.Account;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.AccountState;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.IdentitySignIn;
import org.guichet.api.accounts.Role;
import org.guichet.api.accounts.SecondFactorEnrolment;
import org.guichet.api.accounts.SessionGrant;
import org.guichet.api.accounts.VerifiedIdentity;
import org.guichet.api.activity.Channel;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.limits.RateLimits;
import org.guichet.api.limits.RateLimits.Scope;
import org.guichet.api.mail.MailService;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.PortalConfig;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.AccountTokenEntity;
import org.guichet.dossiers.internal.jpa.IdentityLinkEntity;
import org.guichet.dossiers.internal.jpa.OrganisationEntity;
import org.guichet.dossiers.internal.jpa.SessionEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accounts, sign-in by password or mailed code, sessions, lockout; every step recorded as an activity event. */
@Component(service = AccountService.class, configurationPid = PortalConfig.PID)
@Designate(ocd = PortalConfig.class)
public class AccountServiceImpl implements AccountService {
    private static final Logger LOG = LoggerFactory.getLogger(AccountServiceImpl.class);
    static final String ACTIVATION = "ACTIVATION";
    static final String PASSWORD_RESET = "PASSWORD_RESET";
    static final String SIGN_IN_CODE = "SIGN_IN_CODE";
    /** a session's last use is written at most this often, not on every request */
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private final Tx tx;
    private final MailService mail;
    private final RateLimits limits;
    private final Executor mailLater;
    private final PasswordHasher hasher = new PasswordHasher();
    private final PasswordPolicy policy = new PasswordPolicy();
    private volatile PortalConfig config;

    @Activate
    public AccountServiceImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference MailService mail, @Reference RateLimits limits,
            PortalConfig config) {
        this(emf, mail, limits, config, MailLater.start());
    }

    /**
     * @param mailLater runs the sending of the mails a request about a mailbox causes (code, reset link, activation)
     *                  after the answer, so that an address with an account answers as fast as one without; tests give
     *                  {@code Runnable::run}
     */
    public AccountServiceImpl(EntityManagerFactory emf, MailService mail, RateLimits limits, PortalConfig config,
            Executor mailLater) {
        this.tx = new Tx(emf);
        this.mail = mail;
        this.limits = limits;
        this.config = config;
        this.mailLater = mailLater;
        createConfiguredAdmin();
    }

    @Deactivate
    void deactivate() {
        MailLater.stop(mailLater);
    }

    /** Sends after the answer (see {@link MailLater}); quietly, like every mail. */
    private void sendLater(OutgoingMail message) {
        if (message != null) {
            mailLater.execute(() -> Mails.sendQuietly(mail, message));
        }
    }

    @Modified
    void modified(PortalConfig c) {
        this.config = c;
        createConfiguredAdmin();
    }

    private void createConfiguredAdmin() {
        String email = config.admin_email();
        if (email == null || email.isBlank()) {
            return;
        }
        try {
            String normalised = AccountViews.normaliseEmail(email, "admin.email");
            boolean exists = tx.call(em -> AccountViews.byEmail(em, normalised) != null);
            if (!exists) {
                createAdmin(normalised, "Administrateur");
                LOG.info("Admin account created for {} from etc/{}.cfg; the activation link was mailed",
                        org.guichet.dossiers.internal.Mails.masked(normalised),
                        PortalConfig.PID);
            }
        } catch (GuichetException e) {
            LOG.error("admin.email in etc/{}.cfg: {}", PortalConfig.PID, e.getMessage());
        }
    }

    // ---- sign-up and activation

    /**
     * Every problem of the form at once (address, name, password), so that a person corrects them in one go: the
     * refusal's code, field and message are the first problem's, and its {@code errors} list each of them as an
     * {@link AnswerError} (field, code, message).
     */
    @Override
    public Account signUp(String email, String password, String displayName, String language) {
        String lang = Account.language(language);
        List<AnswerError> problems = new ArrayList<>();
        Map<String, Object> firstDetails = null;
        String address = null;
        String who = null;
        try {
            address = AccountViews.normaliseEmail(email, "email");
        } catch (GuichetException refused) {
            problems.add(problem(refused));
        }
        try {
            // the name defaults to the address's first part; with no valid address only its length is checked
            who = AccountViews.displayName(displayName, address == null ? "@" : address);
        } catch (GuichetException refused) {
            problems.add(problem(refused));
        }
        try {
            policy.check(password, address == null ? email : address, who == null ? displayName : who);
        } catch (GuichetException refused) {
            if (problems.isEmpty()) {
                firstDetails = refused.details(); // the first problem's specifics, for the pages' words
            }
            problems.add(problem(refused));
        }
        if (!problems.isEmpty()) {
            AnswerError first = problems.get(0);
            throw new GuichetException(Kind.INVALID, first.code(), first.field(), first.message(), List.copyOf(problems),
                    firstDetails);
        }
        String e = address;
        String name = who;
        // counted whether or not the address has an account, and before the expensive hashing
        limits.hit(RateLimits.SIGN_UP, Scope.ADDRESS, e);
        String hash = hasher.hash(password);
        String token = Secrets.token();
        Account account = tx.call(em -> {
            if (AccountViews.byEmail(em, e) != null) {
                throw new GuichetException(Kind.CONFLICT, "ACCOUNT_EXISTS", "email",
                        "Un compte existe déjà avec cette adresse. Connectez-vous, ou demandez un code de connexion"
                                + " ou un nouveau mot de passe.");
            }
            AccountEntity a = newAccount(e, name, EnumSet.of(Role.APPLICANT), null, Set.of());
            a.passwordHash = hash;
            a.language = lang;
            em.persist(a);
            em.flush();
            Tokens.issue(em, a.id, ACTIVATION, token, null, Duration.ofHours(config.activation_hours()));
            Activity.record(em, "ACCOUNT_CREATED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                    "Compte demandeur créé, en attente de confirmation de l'adresse");
            return AccountViews.view(a);
        });
        sendLater(Mails.activation(e, lang, name, link("/compte/activer", token, lang), config.activation_hours()));
        return account;
    }

    @Override
    public void applyForAccount(String email, String password, String displayName, String language) {
        try {
            signUp(email, password, displayName, language);
        } catch (GuichetException e) {
            if (!"ACCOUNT_EXISTS".equals(e.code())) {
                throw e;
            }
            // the same answer as for a new address, after the same hashing; only the mailbox's owner learns more
            tellTheOwner(AccountViews.normaliseEmail(email, "email"));
        }
    }

    /**
     * Someone asked for an account with an address that has one. A PENDING account's owner gets a fresh activation
     * link (she may have lost the first; the older links stop working, and the password just given is not kept: the
     * link asks for hers); an ACTIVE account's owner is told how to sign in; a DISABLED account gets nothing.
     */
    private void tellTheOwner(String e) {
        String token = Secrets.token();
        OutgoingMail message = tx.call(em -> {
            AccountEntity a = AccountViews.byEmail(em, e);
            if (a == null) {
                return null;
            }
            if (AccountState.PENDING.name().equals(a.state)) {
                Tokens.voidAll(em, a.id, ACTIVATION);
                Tokens.issue(em, a.id, ACTIVATION, token, null, Duration.ofHours(config.activation_hours()));
                Activity.record(em, "ACTIVATION_SENT_AGAIN", a.id, a.displayName, null, Channel.ONLINE, null, null,
                        "Nouvelle demande de compte avec cette adresse : nouveau lien d'activation envoyé");
                return Mails.activation(a.email, a.language, a.displayName,
                        link("/compte/activer", token, a.language), config.activation_hours());
            }
            if (AccountState.ACTIVE.name().equals(a.state)) {
                Activity.record(em, "SIGN_UP_OF_KNOWN_ADDRESS", a.id, a.displayName, null, Channel.ONLINE, null,
                        null, "Demande de compte avec l'adresse d'un compte existant : sa titulaire est prévenue");
                return Mails.accountExists(a.email, a.language, a.displayName, page("/compte/connexion", a.language),
                        page("/compte/code", a.language), page("/compte/mot-de-passe-oublie", a.language));
            }
            return null;
        });
        sendLater(message);
    }

    /** Whose link it is, read before any expensive work. */
    private record LinkOwner(String email, String displayName) { }

    /**
     * The mailed link proves the mailbox, not the password: a password set at sign-up may be someone else's (account
     * pre-takeover), so the person chooses hers here (it may be the same) and any earlier one is discarded. The link
     * and the password rules are checked before the (slow, memory-hungry) hashing, and the link is used at most once
     * even when sent several times at once.
     */
    @Override
    public Account activate(String token, String password) {
        if (token == null || token.isBlank()) {
            throw GuichetException.invalid("TOKEN_REQUIRED", "token", "Le lien d'activation est incomplet.");
        }
        LinkOwner owner = tx.call(em -> {
            AccountTokenEntity t = Tokens.valid(em, ACTIVATION, token);
            AccountEntity a = em.find(AccountEntity.class, t.accountId);
            return new LinkOwner(a.email, a.displayName);
        });
        if (password == null || password.isEmpty()) {
            throw GuichetException.invalid("PASSWORD_REQUIRED", "password", "Choisissez un mot de passe.");
        }
        policy.check(password, owner.email(), owner.displayName());
        String hash = hasher.hash(password);
        return tx.call(em -> {
            AccountTokenEntity t = Tokens.valid(em, ACTIVATION, token);
            if (!Tokens.use(em, t.id)) {
                throw GuichetException.invalid("LINK_INVALID", "token", "Ce lien n'est plus valable (déjà utilisé ou"
                        + " trop ancien). Vous pouvez en demander un nouveau, ou vous connecter avec un code reçu par"
                        + " courriel.");
            }
            AccountEntity a = em.find(AccountEntity.class, t.accountId);
            em.refresh(a);
            if (AccountState.DISABLED.name().equals(a.state)) {
                // an activation link mailed before an admin disabled the account does not bring it back
                throw stateRefusal(a);
            }
            MailboxProof.proven(em, a, ACTIVATION);
            a.passwordHash = hash;
            Activity.record(em, "ACCOUNT_ACTIVATED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                    "Adresse confirmée par le lien reçu ; mot de passe choisi");
            return AccountViews.view(a);
        });
    }

    // ---- sign-in

    private record Attempt(SessionGrant grant, GuichetException refusal) { }

    /** What a password sign-in needs to know before the (slow) hash comparison. */
    private record Candidate(long id, String hash, GuichetException refusal) { }

    /**
     * Reserves one password try atomically: counted before the comparison, refused once the limit is reached or while
     * locked, under the row's lock — guesses sent all at once are each counted and at most {@code max} are compared.
     * The candidate carries the hash to compare, or the refusal (ACCOUNT_LOCKED) when no try is left.
     */
    private Candidate reservePasswordTry(EntityManager em, AccountEntity a, int max) {
        Instant now = Instant.now();
        int reserved = em.createNativeQuery("UPDATE ACCOUNT SET FAILED_SIGN_INS = FAILED_SIGN_INS + 1,"
                + " VERSION = VERSION + 1 WHERE ID = ? AND (LOCKED_UNTIL IS NULL OR LOCKED_UNTIL <= ?)"
                + " AND FAILED_SIGN_INS < ?").setParameter(1, a.id).setParameter(2, Timestamp.from(now))
                .setParameter(3, max).executeUpdate();
        if (reserved == 0) {
            em.refresh(a);
            Instant until = a.lockedUntil != null && a.lockedUntil.toInstant().isAfter(now) ? a.lockedUntil.toInstant()
                    : now.plus(Duration.ofMinutes(config.lockout_minutes()));
            return new Candidate(a.id, null, locked(until));
        }
        return new Candidate(a.id, a.passwordHash, null);
    }

    @Override
    public SessionGrant signIn(String email, String password) {
        String e = AccountViews.normaliseEmail(email, "email");
        String pw = password == null ? "" : password;
        limits.hit(RateLimits.SIGN_IN, Scope.ADDRESS, e);
        int max = Math.max(1, config.signin_max_failures());
        // 1. a try is reserved atomically (counted before the comparison, refused once the limit is reached, under the
        //    row's lock): guesses sent all at once are each counted and at most `max` are ever compared
        Candidate candidate = tx.call(em -> {
            AccountEntity a = AccountViews.byEmail(em, e);
            if (a == null) {
                return null;
            }
            Candidate reserved = reservePasswordTry(em, a, max);
            if (reserved.refusal() != null) {
                Activity.record(em, "SIGN_IN_REFUSED_LOCKED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                        "Connexion refusée : compte bloqué temporairement");
            }
            return reserved;
        });
        if (candidate == null) {
            hasher.verify(pw, null); // the same time for an unknown address
            throw invalidCredentials();
        }
        if (candidate.refusal() != null) {
            throw candidate.refusal();
        }
        // 2. the comparison, outside any transaction: no lock is held for its 200 ms
        boolean right = hasher.verify(pw, candidate.hash());
        // 3. the outcome
        Attempt attempt = tx.call(em -> {
            AccountEntity a = em.find(AccountEntity.class, candidate.id());
            Instant now = Instant.now();
            if (!right) {
                String detail = "Mot de passe incorrect (" + a.failedSignIns + "e échec de suite)";
                GuichetException refusal = invalidCredentials();
                int lockedNow = em.createNativeQuery("UPDATE ACCOUNT SET LOCKED_UNTIL = ?, FAILED_SIGN_INS = 0,"
                        + " VERSION = VERSION + 1 WHERE ID = ? AND FAILED_SIGN_INS >= ?")
                        .setParameter(1, Timestamp.from(now.plus(Duration.ofMinutes(config.lockout_minutes()))))
                        .setParameter(2, a.id).setParameter(3, max).executeUpdate();
                if (lockedNow == 1) {
                    detail += " ; compte bloqué " + config.lockout_minutes() + " minutes";
                    refusal = locked(now.plus(Duration.ofMinutes(config.lockout_minutes())));
                }
                Activity.record(em, "SIGN_IN_FAILED", a.id, a.displayName, null, Channel.ONLINE, null, null, detail);
                return new Attempt(null, refusal);
            }
            em.createNativeQuery("UPDATE ACCOUNT SET FAILED_SIGN_INS = 0, LOCKED_UNTIL = NULL, VERSION = VERSION + 1"
                    + " WHERE ID = ?").setParameter(1, a.id).executeUpdate();
            em.refresh(a);
            GuichetException state = stateRefusal(a);
            if (state != null) {
                return new Attempt(null, state);
            }
            return new Attempt(sessionOrSecondStep(em, a, "PASSWORD"), null);
        });
        if (attempt.refusal() != null) {
            throw attempt.refusal();
        }
        return attempt.grant();
    }

    @Override
    public void sendSignInCode(String email) {
        String e = AccountViews.normaliseEmail(email, "email");
        limits.hit(RateLimits.CODE_REQUEST, Scope.ADDRESS, e);
        String code = Secrets.code();
        OutgoingMail message = tx.call(em -> {
            AccountEntity a = AccountViews.byEmail(em, e);
            if (a == null || AccountState.DISABLED.name().equals(a.state)) {
                return null;
            }
            long lastHour = em.createQuery("select count(t) from AccountTokenEntity t where t.accountId = :a"
                    + " and t.purpose = :p and t.createdAt > :since", Long.class)
                    .setParameter("a", a.id).setParameter("p", SIGN_IN_CODE)
                    .setParameter("since", Timestamp.from(Instant.now().minus(Duration.ofHours(1)))).getSingleResult();
            if (lastHour >= config.code_max_per_hour()) {
                Activity.record(em, "SIGN_IN_CODE_THROTTLED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                        "Trop de codes demandés en une heure : aucun nouveau code envoyé");
                return null;
            }
            // one valid code at a time
            em.createQuery("update AccountTokenEntity t set t.usedAt = :now where t.accountId = :a and t.purpose = :p"
                    + " and t.usedAt is null").setParameter("now", now()).setParameter("a", a.id)
                    .setParameter("p", SIGN_IN_CODE).executeUpdate();
            Tokens.issue(em, a.id, SIGN_IN_CODE, code, null, Duration.ofMinutes(config.code_minutes()));
            Activity.record(em, "SIGN_IN_CODE_SENT", a.id, a.displayName, null, Channel.ONLINE, null, null,
                    "Code de connexion envoyé par courriel");
            return Mails.signInCode(a.email, a.language, a.displayName, code, config.code_minutes());
        });
        sendLater(message);
    }

    @Override
    public SessionGrant signInWithCode(String email, String code) {
        String e = AccountViews.normaliseEmail(email, "email");
        String c = code == null ? "" : code.replaceAll("\\s", "");
        limits.hit(RateLimits.CODE_SIGN_IN, Scope.ADDRESS, e);
        Attempt attempt = tx.call(em -> {
            AccountEntity a = AccountViews.byEmail(em, e);
            GuichetException refused = spendCode(em, a, c, Math.max(1, config.code_max_attempts()));
            if (refused != null) {
                return new Attempt(null, refused);
            }
            if (AccountState.DISABLED.name().equals(a.state)) {
                return new Attempt(null, stateRefusal(a));
            }
            // the code came through the mailbox: the address is proven (a pending account's password is discarded)
            if (MailboxProof.proven(em, a, SIGN_IN_CODE)) {
                Activity.record(em, "ACCOUNT_ACTIVATED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                        "Adresse confirmée par un code reçu ; tout mot de passe choisi avant est écarté");
            }
            return new Attempt(sessionOrSecondStep(em, a, "CODE"), null);
        });
        if (attempt.refusal() != null) {
            throw attempt.refusal();
        }
        return attempt.grant();
    }

    /**
     * Checks a mailed sign-in code of the account and uses it: each try counted under the token row's lock before the
     * comparison. Returns the refusal (returned, not thrown, so that the count is committed), or null when the code
     * was right and is now used.
     */
    private static GuichetException spendCode(EntityManager em, AccountEntity a, String c, int max) {
        GuichetException wrong = new GuichetException(Kind.UNAUTHENTICATED, "INVALID_CODE", "code",
                "Ce code n'est pas le bon, ou il n'est plus valable. Vous pouvez demander un nouveau code.");
        if (a == null) {
            return wrong;
        }
        AccountTokenEntity t = em.createQuery("select t from AccountTokenEntity t where t.accountId = :a"
                + " and t.purpose = :p and t.usedAt is null and t.expiresAt > :now order by t.id desc",
                AccountTokenEntity.class).setParameter("a", a.id).setParameter("p", SIGN_IN_CODE)
                .setParameter("now", now()).setMaxResults(1).getResultStream().findFirst().orElse(null);
        if (t == null) {
            Activity.record(em, "SIGN_IN_FAILED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                    "Code de connexion absent ou expiré");
            return wrong;
        }
        // each try is counted under the token row's lock before the comparison: tries sent all at once are all
        // counted, and none is compared once the limit is reached
        if (!Tokens.spendTry(em, t.id, max)) {
            return wrong;
        }
        if (!Secrets.sameHash(t.tokenHash, Secrets.sha256(c))) {
            Tokens.voidIfSpent(em, t.id, max);
            Activity.record(em, "SIGN_IN_FAILED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                    "Code de connexion incorrect (essai " + (t.attempts + 1) + ")");
            return wrong;
        }
        return Tokens.use(em, t.id) ? null : wrong;
    }

    @Override
    public void requestPasswordReset(String email) {
        String e = AccountViews.normaliseEmail(email, "email");
        limits.hit(RateLimits.RESET_REQUEST, Scope.ADDRESS, e);
        String token = Secrets.token();
        OutgoingMail message = tx.call(em -> {
            AccountEntity a = AccountViews.byEmail(em, e);
            if (a == null || AccountState.DISABLED.name().equals(a.state)) {
                return null;
            }
            Tokens.voidAll(em, a.id, PASSWORD_RESET); // only the latest link works
            Tokens.issue(em, a.id, PASSWORD_RESET, token, null, Duration.ofHours(1));
            Activity.record(em, "PASSWORD_RESET_REQUESTED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                    "Lien pour un nouveau mot de passe envoyé");
            return Mails.passwordReset(a.email, a.language, a.displayName, link("/compte/nouveau-mot-de-passe", token,
                    a.language));
        });
        sendLater(message);
    }

    @Override
    public void resetPassword(String token, String newPassword) {
        if (token == null || token.isBlank()) {
            throw GuichetException.invalid("TOKEN_REQUIRED", "token", "Le lien est incomplet.");
        }
        // the link and the rules first: no argon2id work for a bogus link
        LinkOwner owner = tx.call(em -> {
            AccountTokenEntity t = Tokens.valid(em, PASSWORD_RESET, token);
            AccountEntity a = em.find(AccountEntity.class, t.accountId);
            return new LinkOwner(a.email, a.displayName);
        });
        policy.check(newPassword, owner.email(), owner.displayName());
        String hash = hasher.hash(newPassword);
        tx.run(em -> {
            AccountTokenEntity t = Tokens.valid(em, PASSWORD_RESET, token);
            if (!Tokens.use(em, t.id)) {
                throw GuichetException.invalid("LINK_INVALID", "token", "Ce lien n'est plus valable (déjà utilisé ou"
                        + " trop ancien). Vous pouvez en demander un nouveau.");
            }
            AccountEntity a = em.find(AccountEntity.class, t.accountId);
            em.refresh(a);
            MailboxProof.proven(em, a, PASSWORD_RESET);
            MailboxProof.endSessions(em, a.id);
            a.passwordHash = hash;
            a.failedSignIns = 0;
            a.lockedUntil = null;
            Activity.record(em, "PASSWORD_CHANGED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                    "Nouveau mot de passe choisi ; les sessions ouvertes sont fermées");
        });
    }

    @Override
    public void changePassword(String sessionToken, String currentPassword, String newPassword) {
        Caller caller = authenticate(sessionToken).orElseThrow(() -> new GuichetException(Kind.UNAUTHENTICATED,
                "SESSION_ENDED", null, "Votre session est terminée : connectez-vous à nouveau."));
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw GuichetException.invalid("CURRENT_PASSWORD_REQUIRED", "currentPassword", "Donnez votre mot de passe"
                    + " actuel.");
        }
        int max = Math.max(1, config.signin_max_failures());
        // the try is reserved like a sign-in's: guesses through a stolen session are counted and locked out too
        Candidate candidate = tx.call(em -> {
            AccountEntity a = em.find(AccountEntity.class, caller.accountId());
            if (a.passwordHash == null) {
                throw GuichetException.conflict("NO_PASSWORD_YET", "Vous n'avez pas encore de mot de passe :"
                        + " choisissez-en un avec le lien « mot de passe oublié », qui est envoyé à votre adresse.");
            }
            return reservePasswordTry(em, a, max);
        });
        if (candidate.refusal() != null) {
            throw candidate.refusal();
        }
        boolean right = hasher.verify(currentPassword, candidate.hash());
        if (!right) {
            GuichetException refusal = tx.call(em -> {
                AccountEntity a = em.find(AccountEntity.class, candidate.id());
                Instant until = Instant.now().plus(Duration.ofMinutes(config.lockout_minutes()));
                int lockedNow = em.createNativeQuery("UPDATE ACCOUNT SET LOCKED_UNTIL = ?, FAILED_SIGN_INS = 0,"
                        + " VERSION = VERSION + 1 WHERE ID = ? AND FAILED_SIGN_INS >= ?")
                        .setParameter(1, Timestamp.from(until)).setParameter(2, a.id).setParameter(3, max)
                        .executeUpdate();
                Activity.record(em, "PASSWORD_CHANGE_FAILED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                        "Changement de mot de passe refusé : mot de passe actuel incorrect"
                                + (lockedNow == 1 ? " ; connexion par mot de passe bloquée" : ""));
                return lockedNow == 1 ? locked(until) : GuichetException.invalid("CURRENT_PASSWORD_WRONG",
                        "currentPassword", "Ce n'est pas votre mot de passe actuel.");
            });
            throw refusal;
        }
        try {
            policy.check(newPassword, caller.email(), caller.displayName(), currentPassword);
        } catch (GuichetException e) {
            throw new GuichetException(e.kind(), e.code(), "newPassword", e.getMessage(), e.errors(), e.details());
        }
        String hash = hasher.hash(newPassword);
        OutgoingMail notice = tx.call(em -> {
            AccountEntity a = em.find(AccountEntity.class, candidate.id());
            a.passwordHash = hash;
            a.failedSignIns = 0;
            a.lockedUntil = null;
            // every other session ends: whoever else was signed in with the old password is out
            em.createQuery("update SessionEntity s set s.endedAt = :now where s.accountId = :a and s.endedAt is null"
                    + " and s.tokenHash <> :mine").setParameter("now", now()).setParameter("a", a.id)
                    .setParameter("mine", Secrets.sha256(sessionToken)).executeUpdate();
            Tokens.voidAll(em, a.id, PASSWORD_RESET);
            Activity.record(em, "PASSWORD_CHANGED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                    "Mot de passe changé par la personne (mot de passe actuel redonné) ; ses autres sessions sont"
                            + " fermées");
            return Mails.passwordChanged(a.email, a.language, a.displayName,
                    page("/compte/mot-de-passe-oublie", a.language));
        });
        sendLater(notice);
    }

    @Override
    public void signOut(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        tx.run(em -> {
            SessionEntity s = session(em, token);
            if (s != null && s.endedAt == null) {
                s.endedAt = now();
                AccountEntity a = em.find(AccountEntity.class, s.accountId);
                Activity.record(em, "SIGNED_OUT", a.id, a.displayName, null, Channel.ONLINE, null, null, null);
            }
        });
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return tx.call(em -> {
            SessionEntity s = session(em, token);
            Instant now = Instant.now();
            if (s == null || s.endedAt != null || !s.expiresAt.toInstant().isAfter(now)
                    || !s.absoluteExpiry.toInstant().isAfter(now)) {
                return Optional.empty();
            }
            AccountEntity a = em.find(AccountEntity.class, s.accountId);
            if (!AccountState.ACTIVE.name().equals(a.state)) {
                return Optional.empty();
            }
            if (s.lastSeenAt.toInstant().plus(TOUCH_EVERY).isBefore(now)) {
                s.lastSeenAt = Timestamp.from(now);
                Instant idle = now.plus(Duration.ofMinutes(config.session_idle_minutes()));
                s.expiresAt = Timestamp.from(idle.isBefore(s.absoluteExpiry.toInstant()) ? idle : s.absoluteExpiry.toInstant());
            }
            Caller c = AccountViews.caller(a);
            boolean second = s.method != null && s.method.contains("+");
            return Optional.of(new Caller(c.accountId(), c.email(), c.displayName(), c.roles(), c.organisationId(),
                    c.schemes(), null, second));
        });
    }

    // ---- identities verified by a provider (FranceConnect)

    @Override
    public IdentitySignIn signInWithVerifiedIdentity(VerifiedIdentity identity) {
        IdentityLinks.check(identity);
        String e = AccountViews.normaliseEmail(identity.email(), "email");
        IdentitySignIn result = tx.call(em -> {
            // the account by address BEFORE the link: a twin sign-in commits both at once, so once its account is seen
            // its link is too (read the other way round, a twin committing in between looked like "link needed")
            AccountEntity byAddress = AccountViews.byEmail(em, e);
            IdentityLinkEntity link = IdentityLinks.find(em, identity);
            if (link != null) {
                AccountEntity a = em.find(AccountEntity.class, link.accountId);
                IdentityLinks.mayUse(a);
                IdentityLinks.verified(a, identity);
                link.lastUsedAt = now();
                return new IdentitySignIn(IdentitySignIn.Outcome.SIGNED_IN, openSession(em, a, IdentityLinks.METHOD),
                        null);
            }
            AccountEntity a = byAddress;
            if (a == null) {
                // the provider vouched for her: no activation link and no password; the account is hers at once.
                // Twenty first sign-ins at once: the others' inserts hit ACCOUNT_EMAIL or IDENTITY_LINK_SUBJECT and are
                // replayed by Tx, then find the link above
                a = newAccount(e, AccountViews.displayName(identity.displayName(), e), EnumSet.of(Role.APPLICANT), null,
                        Set.of());
                a.state = AccountState.ACTIVE.name();
                a.activatedAt = now();
                IdentityLinks.verified(a, identity);
                em.persist(a);
                em.flush();
                IdentityLinks.link(em, a, identity);
                Activity.record(em, "ACCOUNT_CREATED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                        "Compte demandeur créé avec FranceConnect (identité vérifiée, sans lien d'activation)");
                return new IdentitySignIn(IdentitySignIn.Outcome.CREATED, openSession(em, a, IdentityLinks.METHOD),
                        null);
            }
            IdentityLinks.mayUse(a);
            // never merged on the provider's word: the address may have been registered there by someone else
            Activity.record(em, "IDENTITY_LINK_NEEDED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                    "Connexion FranceConnect avec l'adresse de ce compte : un code est envoyé à l'adresse pour"
                            + " prouver qu'elle est bien la sienne avant de les relier");
            return new IdentitySignIn(IdentitySignIn.Outcome.LINK_NEEDED, null, Mails.masked(a.email));
        });
        if (result.outcome() == IdentitySignIn.Outcome.LINK_NEEDED) {
            sendSignInCode(e);
        }
        return result;
    }

    @Override
    public SessionGrant linkVerifiedIdentity(VerifiedIdentity identity, String code) {
        IdentityLinks.check(identity);
        String e = AccountViews.normaliseEmail(identity.email(), "email");
        String c = code == null ? "" : code.replaceAll("\\s", "");
        limits.hit(RateLimits.CODE_SIGN_IN, Scope.ADDRESS, e);
        Attempt attempt = tx.call(em -> {
            AccountEntity a = AccountViews.byEmail(em, e);
            GuichetException refused = spendCode(em, a, c, Math.max(1, config.code_max_attempts()));
            if (refused != null) {
                return new Attempt(null, refused);
            }
            IdentityLinks.mayUse(a);
            IdentityLinkEntity link = IdentityLinks.find(em, identity);
            if (link != null && !link.accountId.equals(a.id)) {
                // nothing of this try stays (the code stays unused): the identity went to another account meanwhile
                throw IdentityLinks.linkedElsewhere();
            }
            if (link == null) {
                if (IdentityLinks.linkOf(em, identity.provider(), a.id) != null) {
                    throw IdentityLinks.accountLinkedToAnother();
                }
                IdentityLinks.link(em, a, identity);
            }
            if (MailboxProof.proven(em, a, SIGN_IN_CODE)) {
                Activity.record(em, "ACCOUNT_ACTIVATED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                        "Adresse confirmée par un code reçu ; tout mot de passe choisi avant est écarté");
            }
            IdentityLinks.verified(a, identity);
            Activity.record(em, "IDENTITY_LINKED", a.id, a.displayName, null, Channel.ONLINE, null, null,
                    "Compte relié à FranceConnect après la preuve de l'adresse par un code reçu");
            return new Attempt(openSession(em, a, IdentityLinks.METHOD), null);
        });
        if (attempt.refusal() != null) {
            throw attempt.refusal();
        }
        return attempt.grant();
    }

    @Override
    public Optional<VerifiedIdentity> verifiedIdentity(long accountId) {
        return tx.call(em -> Optional.ofNullable(IdentityLinks.identity(em, em.find(AccountEntity.class, accountId))));
    }

    // ---- the staff second factor

    /**
     * A session, or for staff who must use a second factor, the ticket of the second step (no session yet). The
     * account enrols when it has no factor: the secret it will confirm is chosen now and kept with the ticket.
     */
    private SessionGrant sessionOrSecondStep(EntityManager em, AccountEntity a, String method) {
        if (!config.staff_mfa_required() || !SecondFactors.isStaff(a)) {
            return openSession(em, a, method);
        }
        String ticket = Secrets.token();
        Instant now = Instant.now();
        Instant expires = now.plus(Duration.ofMinutes(Math.max(1, config.staff_mfa_ticket_minutes())));
        boolean enrol = !SecondFactors.enrolled(em, a.id);
        SecondFactors.issue(em, a.id, method, ticket, enrol ? Totp.newSecret() : null, now, expires);
        Activity.record(em, "SECOND_STEP_STARTED", a.id, a.displayName, null, Channel.ONLINE, null, a.organisationId,
                ("CODE".equals(method) ? "Code reçu par courriel" : "Mot de passe") + " correct ; "
                        + (enrol ? "enrôlement du second facteur demandé" : "second facteur demandé"));
        return new SessionGrant(null, null, null, AccountViews.view(a), new SessionGrant.SecondStep(ticket, enrol,
                expires), null);
    }

    @Override
    public SecondFactorEnrolment secondFactorEnrolment(String ticket) {
        return tx.call(em -> {
            SecondFactors.Step step = SecondFactors.open(em, ticket);
            if (step.newSecret() == null) {
                throw GuichetException.conflict("SECOND_FACTOR_ENROLLED", "Ce compte a déjà un second facteur : saisissez"
                        + " le code de votre application. Un administrateur peut le réinitialiser si vous l'avez perdu.");
            }
            AccountEntity a = em.find(AccountEntity.class, step.accountId());
            return new SecondFactorEnrolment(step.newSecret(), Totp.grouped(step.newSecret()),
                    Totp.uri(a.email, step.newSecret()), a.email);
        });
    }

    /**
     * The second step. Enrolment: the code must be the new secret's; tries counted on the ticket. Verification: each
     * try is counted on the account's factor under its row's lock before the comparison (so tries sent at once are
     * compared one after the other, and none once locked); a TOTP step is accepted once (the last step only grows), a
     * recovery code once; the ticket is used once. Refusals that count are returned, not thrown, so that the count
     * is committed.
     */
    @Override
    public SessionGrant verifySecondFactor(String ticket, String code) {
        String c = code == null ? "" : code.strip();
        if (c.isEmpty()) {
            throw GuichetException.invalid("CODE_REQUIRED", "code", "Saisissez le code affiché par votre application.");
        }
        if (c.length() > 40) {
            throw SecondFactors.wrongCode();
        }
        String digits = c.replaceAll("\\s", "");
        Attempt attempt = tx.call(em -> {
            SecondFactors.Step step = SecondFactors.open(em, ticket);
            AccountEntity a = em.find(AccountEntity.class, step.accountId());
            GuichetException state = stateRefusal(a);
            if (state != null) {
                return new Attempt(null, state);
            }
            Instant now = Instant.now();
            if (step.newSecret() != null) {
                return confirmEnrolment(em, a, step, digits, now);
            }
            int max = Math.max(1, config.staff_mfa_max_failures());
            if (!SecondFactors.reserveTry(em, a.id, max, now)) {
                Instant until = SecondFactors.lockedUntil(em, a.id);
                if (until == null || !until.isAfter(now)) {
                    if (SecondFactors.factor(em, a.id) == null) {
                        // reset by an admin since the ticket was given
                        return new Attempt(null, SecondFactors.stepInvalid());
                    }
                    until = now.plus(Duration.ofMinutes(config.staff_mfa_lockout_minutes()));
                    SecondFactors.lockIfSpent(em, a.id, max, until);
                }
                Activity.record(em, "SECOND_FACTOR_REFUSED_LOCKED", a.id, a.displayName, null, Channel.ONLINE, null,
                        a.organisationId, "Code du second facteur refusé : bloqué après trop d'erreurs");
                return new Attempt(null, SecondFactors.locked(until));
            }
            SecondFactors.Factor factor = SecondFactors.factor(em, a.id);
            String used;
            GuichetException refusal = null;
            if (SecondFactors.looksLikeRecoveryCode(c)) {
                used = SecondFactors.useRecoveryCode(em, a.id, c) ? "RECOVERY" : null;
            } else {
                long matched = Totp.match(factor.secret(), digits, now);
                if (matched >= 0 && matched <= factor.lastStep()) {
                    used = null;
                    refusal = SecondFactors.replayed();
                } else {
                    used = matched >= 0 && SecondFactors.acceptStep(em, a.id, matched) ? "TOTP" : null;
                }
            }
            if (used == null) {
                GuichetException wrong = refusal != null ? refusal : SecondFactors.wrongCode();
                String detail = refusal != null ? "Code du second facteur déjà utilisé, refusé"
                        : "Code du second facteur incorrect";
                Instant until = now.plus(Duration.ofMinutes(config.staff_mfa_lockout_minutes()));
                if (SecondFactors.lockIfSpent(em, a.id, max, until)) {
                    detail += " ; second facteur bloqué " + config.staff_mfa_lockout_minutes() + " minutes";
                    wrong = SecondFactors.locked(until);
                }
                Activity.record(em, "SECOND_FACTOR_FAILED", a.id, a.displayName, null, Channel.ONLINE, null,
                        a.organisationId, detail);
                return new Attempt(null, wrong);
            }
            if (!SecondFactors.use(em, step.id())) {
                // the same ticket was used meanwhile: nothing of this try may stay (the step or code would be spent)
                throw SecondFactors.stepInvalid();
            }
            if ("RECOVERY".equals(used)) {
                Activity.record(em, "SECOND_FACTOR_RECOVERY_CODE_USED", a.id, a.displayName, null, Channel.ONLINE, null,
                        a.organisationId, "Connexion avec un code de secours ; il en reste "
                                + SecondFactors.recoveryCodesLeft(em, a.id));
            } else {
                Activity.record(em, "SECOND_FACTOR_VERIFIED", a.id, a.displayName, null, Channel.ONLINE, null,
                        a.organisationId, "Second facteur vérifié (code de l'application)");
            }
            return new Attempt(openSession(em, a, step.method() + "+" + used), null);
        });
        if (attempt.refusal() != null) {
            throw attempt.refusal();
        }
        return attempt.grant();
    }

    private Attempt confirmEnrolment(EntityManager em, AccountEntity a, SecondFactors.Step step, String code,
            Instant now) {
        if (!SecondFactors.spendTicketTry(em, step.id(), Math.max(1, config.staff_mfa_max_failures()))) {
            return new Attempt(null, SecondFactors.stepInvalid());
        }
        long matched = Totp.match(step.newSecret(), code, now);
        if (matched < 0) {
            Activity.record(em, "SECOND_FACTOR_FAILED", a.id, a.displayName, null, Channel.ONLINE, null,
                    a.organisationId, "Enrôlement : code incorrect (essai " + (step.attempts() + 1) + ")");
            return new Attempt(null, SecondFactors.wrongCode());
        }
        if (!SecondFactors.use(em, step.id()) || SecondFactors.enrolled(em, a.id)) {
            throw SecondFactors.stepInvalid();
        }
        List<String> codes = SecondFactors.enrol(em, a.id, step.newSecret(), matched, now);
        Activity.record(em, "SECOND_FACTOR_ENROLLED", a.id, a.displayName, null, Channel.ONLINE, null, a.organisationId,
                "Second facteur enregistré (application TOTP) ; " + codes.size() + " codes de secours remis");
        SessionGrant g = openSession(em, a, step.method() + "+TOTP");
        return new Attempt(new SessionGrant(g.token(), g.expiresAt(), g.absoluteExpiry(), g.account(), null,
                List.copyOf(codes)), null);
    }

    @Override
    public Account resetSecondFactor(Caller admin, long accountId) {
        requireAdmin(admin);
        if (admin.accountId() == accountId) {
            throw GuichetException.conflict("CANNOT_RESET_OWN_SECOND_FACTOR", "Un autre administrateur doit réinitialiser"
                    + " votre second facteur.");
        }
        return tx.call(em -> {
            AccountEntity a = lockedAccount(em, accountId);
            boolean had = SecondFactors.erase(em, a.id);
            int ended = endSessions(em, a.id);
            Activity.record(em, "SECOND_FACTOR_RESET", admin.accountId(), admin.displayName(), null, Channel.AGENT, null,
                    a.organisationId, "Second facteur de " + a.email + (had ? " réinitialisé" : " (aucun) réinitialisé")
                            + " : nouvel enrôlement à la prochaine connexion (" + ended + " session(s) fermée(s))");
            return AccountViews.view(a);
        });
    }

    @Override
    public Account me(Caller caller) {
        return find(caller.accountId()).orElseThrow(() -> new GuichetException(Kind.UNAUTHENTICATED,
                "SESSION_ENDED", null, "Votre session est terminée : connectez-vous à nouveau."));
    }

    // ---- staff and admins

    @Override
    public Account invite(Caller admin, String email, String displayName, Role role, Long organisationId,
            Set<String> schemes) {
        // a member of an organisation's staff invites her colleagues: a MEDIATOR of her own organisation, nothing else
        boolean colleague = !admin.has(Role.ADMIN) && admin.has(Role.MEDIATOR) && admin.organisationId() != null;
        if (!admin.has(Role.ADMIN) && !colleague) {
            throw GuichetException.forbidden("ADMIN_ONLY", "Seul un administrateur peut créer des comptes.");
        }
        if (role == null) {
            throw GuichetException.invalid("ROLE_REQUIRED", "role", "Indiquez le rôle du compte.");
        }
        if (colleague && (role != Role.MEDIATOR || !admin.organisationId().equals(organisationId)
                || (schemes != null && !schemes.isEmpty()))) {
            throw GuichetException.forbidden("OWN_ORGANISATION_ONLY", "Vous pouvez inviter des collègues de votre"
                    + " organisation seulement.");
        }
        String e = AccountViews.normaliseEmail(email, "email");
        String name = AccountViews.displayName(displayName, e);
        Set<String> agentSchemes = schemes == null ? Set.of() : new LinkedHashSet<>(schemes);
        if (role == Role.MEDIATOR && organisationId == null) {
            throw GuichetException.invalid("ORGANISATION_REQUIRED", "organisationId",
                    "Un médiateur appartient à une organisation : indiquez laquelle.");
        }
        String token = Secrets.token();
        int hours = Math.max(config.activation_hours(), 24 * 7);
        Account account = tx.call(em -> {
            if (organisationId != null && em.find(OrganisationEntity.class, organisationId) == null) {
                throw GuichetException.invalid("ORGANISATION_UNKNOWN", "organisationId", "Cette organisation n'existe pas.");
            }
            if (AccountViews.byEmail(em, e) != null) {
                throw new GuichetException(Kind.CONFLICT, "ACCOUNT_EXISTS", "email",
                        "Un compte existe déjà avec cette adresse.");
            }
            AccountEntity a = newAccount(e, name, EnumSet.of(role), organisationId, agentSchemes);
            em.persist(a);
            em.flush();
            Tokens.issue(em, a.id, ACTIVATION, token, null, Duration.ofHours(hours));
            Activity.record(em, "ACCOUNT_INVITED", admin.accountId(), admin.displayName(), null, Channel.AGENT, null,
                    organisationId, "Compte " + role + " créé pour " + e);
            return AccountViews.view(a);
        });
        Mails.sendQuietly(mail, Mails.invitation(e, "fr", name, role, link("/compte/activer", token, "fr"), hours));
        return account;
    }

    @Override
    public String createAdmin(String email, String displayName) {
        String e = AccountViews.normaliseEmail(email, "email");
        String name = AccountViews.displayName(displayName, e);
        String token = Secrets.token();
        int hours = Math.max(config.activation_hours(), 24 * 7);
        tx.run(em -> {
            if (AccountViews.byEmail(em, e) != null) {
                throw new GuichetException(Kind.CONFLICT, "ACCOUNT_EXISTS", "email",
                        "Un compte existe déjà avec cette adresse.");
            }
            AccountEntity a = newAccount(e, name, EnumSet.of(Role.ADMIN), null, Set.of());
            em.persist(a);
            em.flush();
            Tokens.issue(em, a.id, ACTIVATION, token, null, Duration.ofHours(hours));
            Activity.record(em, "ACCOUNT_INVITED", null, "opérateur", null, Channel.OPERATOR, null, null,
                    "Compte administrateur créé pour " + e);
        });
        String link = link("/compte/activer", token);
        Mails.sendQuietly(mail, Mails.invitation(e, "fr", name, Role.ADMIN, link, hours));
        return link;
    }

    // ---- staff lifecycle

    private static final Set<Role> STAFF = EnumSet.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.DIRECTORATE);

    @Override
    public Account disable(Caller admin, long accountId, String reason) {
        requireAdmin(admin);
        if (admin.accountId() == accountId) {
            throw GuichetException.conflict("CANNOT_DISABLE_SELF", "Vous ne pouvez pas désactiver votre propre compte.");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 1000) {
            throw GuichetException.invalid("TOO_LONG", "reason", "1000 caractères au plus.");
        }
        return tx.call(em -> {
            AccountEntity a = lockedAccount(em, accountId);
            if (!AccountState.DISABLED.name().equals(a.state)) {
                a.state = AccountState.DISABLED.name();
                int ended = endSessions(em, a.id);
                Activity.record(em, "ACCOUNT_DISABLED", admin.accountId(), admin.displayName(), null, Channel.AGENT,
                        null, a.organisationId, "Compte de " + a.email + " désactivé (" + ended + " session(s) fermée(s))"
                                + (why == null ? "" : " : " + why));
            }
            return AccountViews.view(a);
        });
    }

    @Override
    public Account enable(Caller admin, long accountId) {
        requireAdmin(admin);
        return tx.call(em -> {
            AccountEntity a = lockedAccount(em, accountId);
            if (AccountState.DISABLED.name().equals(a.state)) {
                // back to what it was: active if the address was ever proven, else waiting for its proof
                a.state = (a.activatedAt != null ? AccountState.ACTIVE : AccountState.PENDING).name();
                a.failedSignIns = 0;
                a.lockedUntil = null;
                Activity.record(em, "ACCOUNT_ENABLED", admin.accountId(), admin.displayName(), null, Channel.AGENT,
                        null, a.organisationId, "Compte de " + a.email + " réactivé");
            }
            return AccountViews.view(a);
        });
    }

    @Override
    public Account changeStaff(Caller admin, long accountId, Set<Role> roles, Set<String> schemes) {
        requireAdmin(admin);
        if (roles == null || roles.isEmpty() || !STAFF.containsAll(roles)) {
            throw GuichetException.invalid("ROLES_INVALID", "roles", "Un compte du personnel a un ou plusieurs rôles"
                    + " parmi AGENT, SUPERVISOR, ADMIN et DIRECTORATE.");
        }
        if (admin.accountId() == accountId && !roles.contains(Role.ADMIN)) {
            throw GuichetException.conflict("CANNOT_DEMOTE_SELF", "Vous ne pouvez pas retirer votre propre rôle"
                    + " d'administrateur.");
        }
        Set<String> s = new LinkedHashSet<>();
        for (String id : schemes == null ? Set.<String>of() : schemes) {
            if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,99}")) {
                throw GuichetException.invalid("SCHEME_INVALID", "schemes", "Un identifiant d'aide est fait de"
                        + " minuscules, de chiffres et de tirets.");
            }
            s.add(id);
        }
        return tx.call(em -> {
            AccountEntity a = lockedAccount(em, accountId);
            Set<Role> before = AccountViews.view(a).roles();
            if (!STAFF.containsAll(before)) {
                throw GuichetException.conflict("NOT_STAFF", "Ce compte n'est pas un compte du personnel.");
            }
            String beforeSchemes = a.schemes;
            a.roles = AccountViews.rolesColumn(EnumSet.copyOf(roles));
            a.schemes = String.join(",", s);
            // the new rights at once: a session carries the rights it was opened with
            int ended = endSessions(em, a.id);
            Activity.record(em, "ACCOUNT_ROLES_CHANGED", admin.accountId(), admin.displayName(), null, Channel.AGENT,
                    null, a.organisationId, "Compte de " + a.email + " : rôles " + before + " → " + roles + ", aides ["
                            + beforeSchemes + "] → " + s + " (" + ended + " session(s) fermée(s))");
            return AccountViews.view(a);
        });
    }

    @Override
    public List<Account> staff(Caller admin) {
        requireAdmin(admin);
        return tx.call(em -> em.createQuery("select a from AccountEntity a order by a.email", AccountEntity.class)
                .getResultList().stream().map(AccountViews::view)
                .filter(a -> a.roles().stream().anyMatch(STAFF::contains)).toList());
    }

    private static void requireAdmin(Caller admin) {
        if (admin == null || !admin.has(Role.ADMIN)) {
            throw GuichetException.forbidden("ADMIN_ONLY", "Seul un administrateur peut gérer les comptes.");
        }
    }

    private static AccountEntity lockedAccount(EntityManager em, long id) {
        AccountEntity a = em.find(AccountEntity.class, id, javax.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw GuichetException.notFound("ACCOUNT_UNKNOWN", "Ce compte n'existe pas.");
        }
        return a;
    }

    private static int endSessions(EntityManager em, long accountId) {
        return em.createQuery("update SessionEntity s set s.endedAt = :now where s.accountId = :a and s.endedAt is null")
                .setParameter("now", now()).setParameter("a", accountId).executeUpdate();
    }

    @Override
    public Optional<Account> find(long accountId) {
        return tx.call(em -> Optional.ofNullable(em.find(AccountEntity.class, accountId)).map(AccountViews::view));
    }

    @Override
    public Optional<Account> findByEmail(String email) {
        String e = AccountViews.normaliseEmail(email, "email");
        return tx.call(em -> Optional.ofNullable(AccountViews.byEmail(em, e)).map(AccountViews::view));
    }

    // ---- helpers

    static AccountEntity newAccount(String email, String name, Set<Role> roles, Long organisationId, Set<String> schemes) {
        AccountEntity a = new AccountEntity();
        a.email = email;
        a.displayName = name;
        a.state = AccountState.PENDING.name();
        a.roles = AccountViews.rolesColumn(roles);
        a.organisationId = organisationId;
        a.schemes = String.join(",", schemes);
        a.createdAt = now();
        return a;
    }

    /** Stores a mailed secret's hash; package-visible for the mandates. */
    private SessionGrant openSession(EntityManager em, AccountEntity a, String method) {
        String token = Secrets.token();
        Instant now = Instant.now();
        SessionEntity s = new SessionEntity();
        s.tokenHash = Secrets.sha256(token);
        s.accountId = a.id;
        s.method = method;
        s.createdAt = Timestamp.from(now);
        s.lastSeenAt = s.createdAt;
        s.absoluteExpiry = Timestamp.from(now.plus(Duration.ofHours(config.session_absolute_hours())));
        Instant idle = now.plus(Duration.ofMinutes(config.session_idle_minutes()));
        s.expiresAt = Timestamp.from(idle.isBefore(s.absoluteExpiry.toInstant()) ? idle : s.absoluteExpiry.toInstant());
        em.persist(s);
        Activity.record(em, "SIGNED_IN", a.id, a.displayName, null, Channel.ONLINE, null, a.organisationId,
                (method.startsWith("CODE") ? "Connexion avec un code reçu par courriel"
                        : method.equals(IdentityLinks.METHOD) ? "Connexion avec FranceConnect"
                        : "Connexion avec le mot de passe")
                        + (method.endsWith("+TOTP") ? " et le second facteur"
                                : method.endsWith("+RECOVERY") ? " et un code de secours" : ""));
        return new SessionGrant(token, s.expiresAt.toInstant(), s.absoluteExpiry.toInstant(), AccountViews.view(a));
    }

    private static SessionEntity session(EntityManager em, String token) {
        return em.createQuery("select s from SessionEntity s where s.tokenHash = :h", SessionEntity.class)
                .setParameter("h", Secrets.sha256(token)).getResultStream().findFirst().orElse(null);
    }

    private static GuichetException stateRefusal(AccountEntity a) {
        if (AccountState.PENDING.name().equals(a.state)) {
            return new GuichetException(Kind.FORBIDDEN, "ACCOUNT_NOT_ACTIVATED", "email",
                    "Votre adresse n'est pas encore confirmée : ouvrez le lien reçu par courriel, ou connectez-vous"
                            + " avec un code reçu par courriel.");
        }
        if (AccountState.DISABLED.name().equals(a.state)) {
            return new GuichetException(Kind.FORBIDDEN, "ACCOUNT_DISABLED", "email",
                    "Ce compte est désactivé. Appelez le service des aides de la Région.");
        }
        return null;
    }

    private static AnswerError problem(GuichetException refused) {
        return new AnswerError(refused.field(), refused.code(), refused.getMessage());
    }

    private static GuichetException invalidCredentials() {
        return new GuichetException(Kind.UNAUTHENTICATED, "INVALID_CREDENTIALS", "password",
                "Adresse ou mot de passe incorrect. Vous pouvez aussi vous connecter avec un code reçu par courriel.");
    }

    private static GuichetException locked(Instant until) {
        long seconds = Math.max(1, Duration.between(Instant.now(), until).getSeconds());
        long minutes = Math.max(1, (seconds + 59) / 60);
        return new GuichetException(Kind.TOO_MANY_ATTEMPTS, "ACCOUNT_LOCKED", "password",
                "Trop d'essais de mot de passe : la connexion par mot de passe est bloquée pendant "
                        + minutes + " minutes. Vous pouvez vous connecter tout de suite avec"
                        + " un code reçu par courriel.", null, Map.of("retryAfterSeconds", seconds, "minutes", minutes));
    }

    private String link(String path, String token) {
        return link(path, token, "fr");
    }

    /** A link to a page, opened in the person's language (before the token, so that the token stays last). */
    private String link(String path, String token, String language) {
        String base = config.portal_url().replaceAll("/+$", "");
        return base + path + ("en".equals(language) ? "?lang=en&" : "?") + "jeton="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** A page with no token, in the person's language. */
    private String page(String path, String language) {
        return config.portal_url().replaceAll("/+$", "") + path + ("en".equals(language) ? "?lang=en" : "");
    }

    static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
