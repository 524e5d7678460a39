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

}
