package org.guichet.dossiers.internal;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.OptimisticLockException;
import org.guichet.api.error.GuichetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One resource-local transaction per service call, on the persistence unit's factory that Aries JPA registers.
 * Done by hand rather than through JpaTemplate so that a {@link GuichetException} thrown inside comes out as it
 * is (after the rollback), and so that what the database says under concurrency is handled in one place:
 *
 * <ul>
 * <li>a transaction that lost a race — lock timeout or deadlock (Derby 40XL1, 40XL2, 40001; PostgreSQL 40P01,
 * 55P03), serialization failure (40001), a unique key another transaction just took (23505), or a row another
 * transaction just changed (optimistic lock) — is replayed from the start, a bounded number of times, after a short
 * random pause. This is safe because the work given here only reads and writes the database (plus
 * content-addressed files, idempotent) and re-reads everything it decides on: mails leave after the commit, and a
 * caller's own "expected version" check fails inside the work as a 409, never replayed;</li>
 * <li>a request that cannot get a pooled connection in time (the pool's maximum wait) is answered 503 with
 * Retry-After instead of hanging; so is a race still lost after every replay.</li>
 * </ul>
 */
public final class Tx {
    private static final Logger LOG = LoggerFactory.getLogger(Tx.class);
    /** attempts in all, the first included */
    static final int ATTEMPTS = 6;

    private final EntityManagerFactory emf;

    public Tx(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** What the database said, as far as replaying is concerned. */
    enum Failure { REPLAY, BUSY, OTHER }

    public <T> T call(Function<EntityManager, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (GuichetException e) {
                throw e;
            } catch (RuntimeException e) {
                Failure f = classify(e);
                if (f == Failure.REPLAY && attempt < ATTEMPTS) {
                    LOG.debug("Transaction lost a race (attempt {}), replayed: {}", attempt, e.toString());
                    pause(attempt);
                    continue;
                }
                if (f == Failure.OTHER) {
                    throw e;
                }
                LOG.warn("Transaction refused as busy after {} attempt(s): {}", attempt, e.toString());
                GuichetException busy = busy();
                busy.initCause(e);
                throw busy;
            }
        }
    }

    private <T> T once(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                try {
                    tx.rollback();
                } catch (RuntimeException e) {
                    LOG.debug("rollback failed: {}", e.toString());
                }
            }
            em.close();
        }
    }

    public void run(java.util.function.Consumer<EntityManager> work) {
        call(em -> {
            work.accept(em);
            return null;
        });
    }

    static Failure classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return Failure.REPLAY;
            }
            // commons-pool's answer when the pool's maximum wait is over (dbcp2 wraps it in an SQLException)
            if (t.getMessage() != null && t.getMessage().contains("Timeout waiting for idle object")) {
                return Failure.BUSY;
            }
            if (t instanceof SQLException s) {
                for (SQLException x = s; x != null; x = x.getNextException()) {
                    if (replayable(x.getSQLState())) {
                        return Failure.REPLAY;
                    }
                }
            }
        }
        return Failure.OTHER;
    }

    static boolean replayable(String sqlState) {
        return sqlState != null && switch (sqlState) {
            // serialization failure or deadlock (both), PostgreSQL deadlock and lock not available,
            // Derby lock timeout (with and without the lock table dump), a unique key taken meanwhile (both)
            case "40001", "40P01", "55P03", "40XL1", "40XL2", "23505" -> true;
            default -> false;
        };
    }

    private static void pause(int attempt) {
        long max = Math.min(400, 10L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(max / 2, max + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    public static GuichetException busy() {
        return new GuichetException(GuichetException.Kind.UNAVAILABLE, "BUSY", null, "Le guichet reçoit beaucoup de"
                + " demandes en ce moment : rien n'a été enregistré. Réessayez dans quelques secondes.", null,
                Map.of("retryAfterSeconds", 2));
    }

    public static GuichetException editConflict() {
        return GuichetException.conflict("EDIT_CONFLICT", "Quelqu'un d'autre vient de modifier ce dossier. Rechargez-le :"
                + " vos dernières modifications n'ont pas été enregistrées, pour ne pas effacer les siennes.");
    }
}
