package org.guichet.dossiers.internal.dossiers;

import javax.persistence.EntityManager;

/**
 * Human-readable references, VT-2026-000123: one counter per prefix and year, incremented by an UPDATE that locks
 * its row until the transaction ends, so two dossiers never get the same number on Derby or PostgreSQL.
 */
public final class References {
    private References() { }

    public static String next(EntityManager em, String prefix, int year) {
        int updated = em.createNativeQuery("UPDATE REFERENCE_COUNTER SET LAST_VALUE = LAST_VALUE + 1"
                + " WHERE PREFIX = ? AND YEAR_NUMBER = ?").setParameter(1, prefix).setParameter(2, year).executeUpdate();
        if (updated == 0) {
            // first dossier of the year for this scheme; a concurrent first insert fails on the primary key and
            // that request is refused as a conflict, to be retried
            em.createNativeQuery("INSERT INTO REFERENCE_COUNTER (PREFIX, YEAR_NUMBER, LAST_VALUE) VALUES (?, ?, 1)")
                    .setParameter(1, prefix).setParameter(2, year).executeUpdate();
        }
        Number value = (Number) em.createNativeQuery("SELECT LAST_VALUE FROM REFERENCE_COUNTER WHERE PREFIX = ?"
                + " AND YEAR_NUMBER = ?").setParameter(1, prefix).setParameter(2, year).getSingleResult();
        return String.format("%s-%d-%06d", prefix, year, value.longValue());
    }
}
