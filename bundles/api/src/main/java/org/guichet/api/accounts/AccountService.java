package org.guichet.api.accounts;

import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Accounts and sign-in. Every refusal is a {@link org.guichet.api.error.GuichetException}; answers never tell
 * whether an email address has an account (sign-in failures, code and reset requests look the same).
 */
@ProviderType
public interface AccountService {
    /** Creates a PENDING applicant account and mails the activation link, in French. */
    default Account signUp(String email, String password, String displayName) {
        return signUp(email, password, displayName, null);
    }

    /**
     * Creates a PENDING applicant account and mails the activation link.
     *
     * @param language the language of the page or call she signs up with ({@code fr}, {@code en}); her mails and
     *                 letters are written in it. Null or another language: French.
     */
    Account signUp(String email, String password, String displayName, String language);

    /**
     * What the public sign-up (web page and API) calls: answers alike whether or not the address already has an
     * account, so that nobody learns which addresses are known here. A new address gets a PENDING account and its
     * activation link; an address whose account is still PENDING gets a fresh activation link (the older ones stop
     * working); an ACTIVE account's owner gets a mail saying that someone, perhaps she, asked to create an account
     * with her address, and how to sign in. The password given is then discarded. The expensive work (hashing) is done
     * alike in every case and the mail is sent after the answer. Refused only for the form itself (address, name,
     * password rules) and the rate limits.
     *
     * @since 2.2.0
     */
    void applyForAccount(String email, String password, String displayName, String language);

    /**
     * Activates the account the token was mailed for.
     *
     * @param password required when the account has none yet (invited staff, first admin), else ignored
     */
    Account activate(String token, String password);

    /**
     * Signs in with the password. For an agent, supervisor or admin who must use a second factor, the grant holds no
     * session but a {@link SessionGrant.SecondStep}: the session comes from {@link #verifySecondFactor}.
     */
    SessionGrant signIn(String email, String password);

    /**
     * A signed-in person changes her password, giving the current one again (re-authentication: a session left open
     * on a shared computer is not enough). A wrong current password counts like a failed sign-in, up to the lockout.
     * The new one follows the password rules; every other session of the account ends, this one stays; the owner is
     * told by mail. An account that never had a password (created by a mandate, signing in by code) is refused
     * NO_PASSWORD_YET: the mailed reset link proves the mailbox instead.
     *
     * @param sessionToken the session she is signed in with
     * @since 2.2.0
     */
    void changePassword(String sessionToken, String currentPassword, String newPassword);

    /** Mails a one-time sign-in code if the address has an account; says nothing either way. */
    void sendSignInCode(String email);

    /**
     * Signs in with the mailed code; also proves the address, so a PENDING account becomes ACTIVE. Staff: a second
     * step as for {@link #signIn}.
     */
    SessionGrant signInWithCode(String email, String code);

    /**
     * Signs in with an identity an identity provider vouched for (FranceConnect). An account linked to this provider
     * and subject signs in. Else, when no account has the identity's address, an ACTIVE applicant account is created
     * from the identity (names, verified birth date; no activation mail: the provider vouched for her, and no
     * password) and linked. Else the address belongs to an account not linked yet: it is never merged silently (the
     * provider's address is not proof that she holds this mailbox — account takeover), a sign-in code is mailed to
     * that address and the answer is {@link IdentitySignIn.Outcome#LINK_NEEDED}. Staff and mediator accounts never
     * sign in this way (they keep their password and second factor): refused IDENTITY_NOT_FOR_STAFF. Race-safe: the
     * same first sign-in sent many times at once gives one account and one link.
     *
     * @since 2.3
     */
    IdentitySignIn signInWithVerifiedIdentity(VerifiedIdentity identity);

    /**
     * Links a verified identity to the existing account with its address, once the person proved that mailbox with
     * the code mailed by {@link #signInWithVerifiedIdentity} (or {@link #sendSignInCode}); the code is checked and
     * counted as for {@link #signInWithCode}. The account gets the verified names and birth date, and a session.
     * Refused IDENTITY_LINKED_ELSEWHERE when this identity is linked to another account meanwhile.
     *
     * @since 2.3
     */
    SessionGrant linkVerifiedIdentity(VerifiedIdentity identity, String code);

    /** The identity verified for this account by a provider, if any (for its birth date, a verified answer). @since 2.3 */
    java.util.Optional<VerifiedIdentity> verifiedIdentity(long accountId);

    /**
     * The TOTP secret proposed to a staff member who has none yet, for the ticket of her second step (the same secret
     * for the ticket's whole life).
     *
     * @since 2.2
     */
    SecondFactorEnrolment secondFactorEnrolment(String ticket);

    /**
     * The second step: a TOTP code (6 digits, each accepted once, one step of clock drift either way) or one of the
     * recovery codes (each usable once). When the ticket is an enrolment's, the code confirms the new secret and the
     * grant carries the recovery codes, shown this once. Wrong codes are counted per account, and lock the second
     * factor for a while once too many.
     *
     * @since 2.2
     */
    SessionGrant verifySecondFactor(String ticket, String code);

    /**
     * An admin resets a staff member's second factor (a lost phone): the secret and the recovery codes are erased,
     * the account's sessions end, and it enrols again at its next sign-in. Recorded. Not for one's own account.
     *
     * @since 2.2
     */
    Account resetSecondFactor(Caller admin, long accountId);

    /** Mails a reset link if the address has an account; says nothing either way. */
    void requestPasswordReset(String email);

    /** Sets a new password and ends every open session of the account. */
    void resetPassword(String token, String newPassword);

    void signOut(String token);

    /** The caller behind a session token, if the session is open; extends the idle expiry. */
    Optional<Caller> authenticate(String token);

    Account me(Caller caller);

    /** An admin invites a staff member or a mediator: the account is created and an activation link mailed. */
    Account invite(Caller admin, String email, String displayName, Role role, Long organisationId,
            Set<String> schemes);

    /**
     * An operator creates an admin (Karaf shell, or etc/ at first start); there is never a default password.
     *
     * @return the activation link that was also mailed
     */
    String createAdmin(String email, String displayName);

    /**
     * An admin disables an account: its sessions end at once (and {@link #authenticate} refuses any of them), it can
     * no longer sign in. An admin cannot disable herself.
     *
     * @since 2.1
     */
    Account disable(Caller admin, long accountId, String reason);

    /** An admin enables a disabled account again; it signs in anew (no old session comes back). @since 2.1 */
    Account enable(Caller admin, long accountId);

    /**
     * An admin changes a staff account's roles (AGENT, SUPERVISOR, ADMIN) and the schemes it instructs; its open
     * sessions end so that the new rights apply at once.
     *
     * @since 2.1
     */
    Account changeStaff(Caller admin, long accountId, Set<Role> roles, Set<String> schemes);

    /** Every staff account (agents, supervisors, admins), for an admin. @since 2.1 */
    java.util.List<Account> staff(Caller admin);

    Optional<Account> find(long accountId);

    Optional<Account> findByEmail(String email);
}
