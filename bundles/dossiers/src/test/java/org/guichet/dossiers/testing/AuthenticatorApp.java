package org.guichet.dossiers.testing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.SecondFactorEnrolment;
import org.guichet.api.accounts.SessionGrant;
import org.guichet.dossiers.internal.accounts.Totp;

/**
 * The staff's phone in tests: goes through the second step for real. It enrols with the secret of the enrolment
 * answer and computes codes with the same TOTP library (java-otp, through {@link Totp}); each code once, as the
 * portal accepts it: a later time step each time (the portal allows one step of drift either way), or, when the
 * three steps around now are spent, one of the recovery codes kept at enrolment.
 */
public final class AuthenticatorApp {
    private final AccountService accounts;
    private final Map<Long, String> secrets = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastStep = new ConcurrentHashMap<>();
    private final Map<Long, Deque<String>> recoveryCodes = new ConcurrentHashMap<>();

    public AuthenticatorApp(AccountService accounts) {
        this.accounts = accounts;
    }

    /** A grant as it is (no second step), or the session the second step gives. */
    public synchronized SessionGrant complete(SessionGrant grant) {
        if (grant.secondStep() == null) {
            return grant;
        }
        long id = grant.account().id();
        String ticket = grant.secondStep().ticket();
        if (grant.secondStep().enrol()) {
            SecondFactorEnrolment e = accounts.secondFactorEnrolment(ticket);
            secrets.put(id, e.secret());
            long step = Totp.step(Instant.now()) - 1; // the oldest accepted: leaves two steps for later sign-ins
            lastStep.put(id, step);
            SessionGrant g = accounts.verifySecondFactor(ticket, Totp.code(e.secret(), step));
            recoveryCodes.put(id, new ArrayDeque<>(g.recoveryCodes()));
            return g;
        }
        return accounts.verifySecondFactor(ticket, nextCode(id));
    }

    /** The next code this account has not used: a TOTP code of a later step, else a recovery code. */
    public synchronized String nextCode(long accountId) {
        String secret = secrets.get(accountId);
        if (secret == null) {
            throw new IllegalStateException("account " + accountId + " never enrolled through this app");
        }
        long now = Totp.step(Instant.now());
        long step = Math.max(lastStep.getOrDefault(accountId, Long.MIN_VALUE) + 1, now - 1);
        if (step <= now + 1) {
            lastStep.put(accountId, step);
            return Totp.code(secret, step);
        }
        return recoveryCodes.get(accountId).pop();
    }

    public String secret(long accountId) {
        return secrets.get(accountId);
    }

    public List<String> recoveryCodes(long accountId) {
        return List.copyOf(recoveryCodes.get(accountId));
    }

    /** After an admin reset: the phone forgets the account. */
    public void forget(long accountId) {
        secrets.remove(accountId);
        lastStep.remove(accountId);
        recoveryCodes.remove(accountId);
    }
}
