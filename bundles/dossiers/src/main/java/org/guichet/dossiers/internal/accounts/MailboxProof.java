package org.guichet.dossiers.internal.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.AccountState;
import org.guichet.dossiers.internal.jpa.AccountEntity;

/**
 * What happens when someone proves she holds an account's mailbox (a mailed code, activation link, mandate link or
 * code, reset link). Before that proof anyone could have signed up with her address and a password of his own
 * (account pre-takeover): so a pending account's password is discarded (she then chooses one, or keeps signing in by
 * code), its sessions end, its activation links are void; and every other open secret of the purpose just used is
 * void too.
 */
public final class MailboxProof {
    private MailboxProof() { }

    /** @return true when this proof activated a pending account */
    public static boolean proven(EntityManager em, AccountEntity a, String purposeUsed) {
        boolean activated = false;
        if (AccountState.PENDING.name().equals(a.state)) {
            a.passwordHash = null;
            a.failedSignIns = 0;
            a.lockedUntil = null;
            a.state = AccountState.ACTIVE.name();
            a.activatedAt = Timestamp.from(Instant.now());
            endSessions(em, a.id);
            Tokens.voidAll(em, a.id, AccountServiceImpl.ACTIVATION);
            activated = true;
        }
        if (purposeUsed != null) {
            Tokens.voidAll(em, a.id, purposeUsed);
        }
        return activated;
    }

    /** Ends every open session of the account at once. */
    public static void endSessions(EntityManager em, long accountId) {
        em.createQuery("update SessionEntity s set s.endedAt = :now where s.accountId = :a and s.endedAt is null")
                .setParameter("now", Timestamp.from(Instant.now())).setParameter("a", accountId).executeUpdate();
    }
}
