package org.guichet.dossiers.internal.accounts;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.persistence.EntityManager;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.internal.jpa.AccountTokenEntity;

/** One-time secrets sent by mail (links and codes): only their SHA-256 is kept. */
public final class Tokens {
    private Tokens() { }

    public static AccountTokenEntity issue(EntityManager em, long accountId, String purpose, String secret, Long subjectId,
            Duration validity) {
        AccountTokenEntity t = new AccountTokenEntity();
        t.accountId = accountId;
        t.purpose = purpose;
        t.tokenHash = Secrets.sha256(secret);
        t.subjectId = subjectId;
        t.createdAt = Timestamp.from(Instant.now());
        t.expiresAt = Timestamp.from(Instant.now().plus(validity));
        em.persist(t);
        return t;
    }

    public static AccountTokenEntity valid(EntityManager em, String purpose, String secret) {
        AccountTokenEntity t = em.createQuery("select t from AccountTokenEntity t where t.tokenHash = :h and t.purpose = :p",
                AccountTokenEntity.class).setParameter("h", Secrets.sha256(secret)).setParameter("p", purpose)
                .getResultStream().findFirst().orElse(null);
        if (t == null || t.usedAt != null || !t.expiresAt.toInstant().isAfter(Instant.now())) {
            throw GuichetException.invalid("LINK_INVALID", "token", "Ce lien n'est plus valable (déjà utilisé ou trop"
                    + " ancien). Vous pouvez en demander un nouveau, ou vous connecter avec un code reçu par courriel.");
        }
        return t;
    }


    /**
     * Spends one try of a mailed code, atomically: the row is counted under its own lock, so that codes sent all at
     * once are each counted and never more than {@code max} are ever compared. False when no try is left (or the
     * code was used meanwhile): the caller then refuses without comparing.
     */
    public static boolean spendTry(EntityManager em, long tokenId, int max) {
        return em.createNativeQuery("UPDATE ACCOUNT_TOKEN SET ATTEMPTS = ATTEMPTS + 1 WHERE ID = ? AND USED_AT IS NULL"
                + " AND ATTEMPTS < ?").setParameter(1, tokenId).setParameter(2, max).executeUpdate() == 1;
    }

    /** Voids a code whose tries are spent. */
    public static void voidIfSpent(EntityManager em, long tokenId, int max) {
        em.createNativeQuery("UPDATE ACCOUNT_TOKEN SET USED_AT = ? WHERE ID = ? AND USED_AT IS NULL AND ATTEMPTS >= ?")
                .setParameter(1, Timestamp.from(Instant.now())).setParameter(2, tokenId).setParameter(3, max)
                .executeUpdate();
    }

    /** Uses a code once: false when another request used it first. */
    public static boolean use(EntityManager em, long tokenId) {
        return em.createNativeQuery("UPDATE ACCOUNT_TOKEN SET USED_AT = ? WHERE ID = ? AND USED_AT IS NULL")
                .setParameter(1, Timestamp.from(Instant.now())).setParameter(2, tokenId).executeUpdate() == 1;
    }

    /** Voids every open secret of this purpose mailed to this account (a newer one was issued, or one was used). */
    public static int voidAll(EntityManager em, long accountId, String purpose) {
        return em.createNativeQuery("UPDATE ACCOUNT_TOKEN SET USED_AT = ? WHERE ACCOUNT_ID = ? AND PURPOSE = ?"
                + " AND USED_AT IS NULL").setParameter(1, Timestamp.from(Instant.now())).setParameter(2, accountId)
                .setParameter(3, purpose).executeUpdate();
    }
}
