package org.guichet.api.accounts;

import java.time.Instant;
import java.util.List;

/**
 * What a sign-in gives: a new session (the bearer token, shown once, stored only as a hash, and when it ends if left
 * idle), or, for staff who must use a second factor, a {@link SecondStep} and no session yet.
 *
 * @param token          null while a second step is needed
 * @param absoluteExpiry the session ends then whatever its use
 * @param secondStep     set (and {@code token} null) when the account must still give a second factor
 * @param recoveryCodes  set once, when this session comes from a confirmed enrolment: the codes to print and keep;
 *                       they are never shown again (only their hashes are stored)
 */
public record SessionGrant(String token, Instant expiresAt, Instant absoluteExpiry, Account account,
        SecondStep secondStep, List<String> recoveryCodes) {

    public SessionGrant(String token, Instant expiresAt, Instant absoluteExpiry, Account account) {
        this(token, expiresAt, absoluteExpiry, account, null, null);
    }

    /**
     * The password or mailed code was right, but an agent, supervisor or admin must also give a second factor: the
     * ticket (single use, short-lived, stored hashed) goes with the code to
     * {@link AccountService#verifySecondFactor}.
     *
     * @param enrol true when the account has no second factor yet: it enrols first
     *              ({@link AccountService#secondFactorEnrolment})
     * @since 2.2
     */
    public record SecondStep(String ticket, boolean enrol, Instant expiresAt) { }
}
