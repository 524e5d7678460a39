package org.guichet.dossiers.internal;

import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.OptimisticLockException;
import javax.persistence.RollbackException;
import org.guichet.api.error.GuichetException;

/**
 * One resource-local transaction per service call, on the persistence unit's factory that Aries JPA registers.
 * Done by hand rather than through JpaTemplate so that a {@link GuichetException} thrown inside comes out as it
 * is (after the rollback), and a lost optimistic-lock race becomes a 409 instead of an overwrite.
 */
public final class Tx {
    private final EntityManagerFactory emf;

    public Tx(EntityManagerFactory emf) {
        this.emf = emf;
    }

    public <T> T call(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (OptimisticLockException e) {
            throw editConflict();
        } catch (RollbackException e) {
            if (e.getCause() instanceof OptimisticLockException) {
                throw editConflict();
            }
            throw e;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
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

    public static GuichetException editConflict() {
        return GuichetException.conflict("EDIT_CONFLICT", "Quelqu'un d'autre vient de modifier ce dossier. Rechargez-le :"
                + " vos dernières modifications n'ont pas été enregistrées, pour ne pas effacer les siennes.");
    }
}
