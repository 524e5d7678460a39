package org.guichet.dossiers.internal.accounts;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.dossiers.internal.jpa.AccountEntity;

/**
 * The rows of the staff second factor (V9): second-step tickets, the TOTP secret with its last accepted step and its
 * wrong-code counter, the recovery codes. Every change that races is one conditional SQL update whose count says who
 * won; the caller ({@link AccountServiceImpl}) holds the transaction.
 */
final class SecondFactors {
    static final Set<Role> STAFF = EnumSet.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.DIRECTORATE);
    static final int RECOVERY_CODES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // 32 signs, none read as another

    private SecondFactors() { }

    static boolean isStaff(AccountEntity a) {
        return AccountViews.roles(a).stream().anyMatch(STAFF::contains);
    }

    /** A ticket row. */
    record Step(long id, long accountId, String method, String newSecret, int attempts) { }

    /** The account's enrolled factor, read under the row's lock (taken by the reservation). */
    record Factor(String secret, long lastStep) { }

    static boolean enrolled(EntityManager em, long accountId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM SECOND_FACTOR WHERE ACCOUNT_ID = ?")
                .setParameter(1, accountId).getSingleResult()).longValue() > 0;
    }

    static void issue(EntityManager em, long accountId, String method, String ticket, String newSecret, Instant now,
            Instant expires) {
        em.createNativeQuery("INSERT INTO SECOND_STEP (TOKEN_HASH, ACCOUNT_ID, METHOD, NEW_SECRET, ATTEMPTS, CREATED_AT,"
                + " EXPIRES_AT) VALUES (?, ?, ?, ?, 0, ?, ?)").setParameter(1, Secrets.sha256(ticket))
                .setParameter(2, accountId).setParameter(3, method).setParameter(4, newSecret)
                .setParameter(5, Timestamp.from(now)).setParameter(6, Timestamp.from(expires)).executeUpdate();
    }

    /** The open (unused, unexpired) ticket, else the refusal. */
    static Step open(EntityManager em, String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
            throw stepInvalid();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT ID, ACCOUNT_ID, METHOD, NEW_SECRET, ATTEMPTS FROM SECOND_STEP"
                + " WHERE TOKEN_HASH = ? AND USED_AT IS NULL AND EXPIRES_AT > ?")
                .setParameter(1, Secrets.sha256(ticket)).setParameter(2, Timestamp.from(Instant.now())).getResultList();
        if (rows.isEmpty()) {
            throw stepInvalid();
        }
        Object[] r = rows.get(0);
        return new Step(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2], (String) r[3],
                ((Number) r[4]).intValue());
    }

    /** Counts a try of an enrolment ticket, refused (0) once {@code max} were made. */
    static boolean spendTicketTry(EntityManager em, long stepId, int max) {
        return em.createNativeQuery("UPDATE SECOND_STEP SET ATTEMPTS = ATTEMPTS + 1 WHERE ID = ? AND USED_AT IS NULL"
                + " AND ATTEMPTS < ?").setParameter(1, stepId).setParameter(2, max).executeUpdate() == 1;
    }

    /** Uses the ticket: true for one request only. */
    static boolean use(EntityManager em, long stepId) {
        return em.createNativeQuery("UPDATE SECOND_STEP SET USED_AT = ? WHERE ID = ? AND USED_AT IS NULL")
                .setParameter(1, Timestamp.from(Instant.now())).setParameter(2, stepId).executeUpdate() == 1;
    }

    /**
     * Reserves a try on the account's factor: counted before any comparison, under the row's lock (held until the
     * transaction ends, so that tries of one account are compared one after the other), refused when locked or when
     * {@code max} tries in a row were already made.
     */
    static boolean reserveTry(EntityManager em, long accountId, int max, Instant now) {
        return em.createNativeQuery("UPDATE SECOND_FACTOR SET FAILURES = FAILURES + 1 WHERE ACCOUNT_ID = ?"
                + " AND FAILURES < ? AND (LOCKED_UNTIL IS NULL OR LOCKED_UNTIL <= ?)").setParameter(1, accountId)
                .setParameter(2, max).setParameter(3, Timestamp.from(now)).executeUpdate() == 1;
    }

    /** Locks the factor once the wrong tries reached {@code max}; true when this call locked it. */
    static boolean lockIfSpent(EntityManager em, long accountId, int max, Instant until) {
        return em.createNativeQuery("UPDATE SECOND_FACTOR SET LOCKED_UNTIL = ?, FAILURES = 0 WHERE ACCOUNT_ID = ?"
                + " AND FAILURES >= ?").setParameter(1, Timestamp.from(until)).setParameter(2, accountId)
                .setParameter(3, max).executeUpdate() == 1;
    }

    /** When the factor is locked until, or null. */
    static Instant lockedUntil(EntityManager em, long accountId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT LOCKED_UNTIL FROM SECOND_FACTOR WHERE ACCOUNT_ID = ?")
                .setParameter(1, accountId).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? null : ((Timestamp) rows.get(0)).toInstant();
    }

    static Factor factor(EntityManager em, long accountId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT SECRET, LAST_STEP FROM SECOND_FACTOR WHERE ACCOUNT_ID = ?")
                .setParameter(1, accountId).getResultList();
        return rows.isEmpty() ? null : new Factor((String) rows.get(0)[0], ((Number) rows.get(0)[1]).longValue());
    }

    /** Accepts a TOTP step once: the last accepted step only grows. Also clears the wrong tries. */
    static boolean acceptStep(EntityManager em, long accountId, long step) {
        return em.createNativeQuery("UPDATE SECOND_FACTOR SET LAST_STEP = ?, FAILURES = 0 WHERE ACCOUNT_ID = ?"
                + " AND LAST_STEP < ?").setParameter(1, step).setParameter(2, accountId).setParameter(3, step)
                .executeUpdate() == 1;
    }

    /** Uses a recovery code once; also clears the wrong tries. */
    static boolean useRecoveryCode(EntityManager em, long accountId, String code) {
        int used = em.createNativeQuery("UPDATE RECOVERY_CODE SET USED_AT = ? WHERE ACCOUNT_ID = ? AND CODE_HASH = ?"
                + " AND USED_AT IS NULL").setParameter(1, Timestamp.from(Instant.now())).setParameter(2, accountId)
                .setParameter(3, Secrets.sha256(normaliseRecoveryCode(code))).executeUpdate();
        if (used == 1) {
            em.createNativeQuery("UPDATE SECOND_FACTOR SET FAILURES = 0 WHERE ACCOUNT_ID = ?").setParameter(1, accountId)
                    .executeUpdate();
        }
        return used == 1;
    }

    static long recoveryCodesLeft(EntityManager em, long accountId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM RECOVERY_CODE WHERE ACCOUNT_ID = ? AND USED_AT IS NULL")
                .setParameter(1, accountId).getSingleResult()).longValue();
    }

    /** Stores the confirmed secret (the step of the confirming code counts as used) and new recovery codes. */
    static List<String> enrol(EntityManager em, long accountId, String secret, long step, Instant now) {
        em.createNativeQuery("INSERT INTO SECOND_FACTOR (ACCOUNT_ID, SECRET, ENROLLED_AT, LAST_STEP, FAILURES)"
                + " VALUES (?, ?, ?, ?, 0)").setParameter(1, accountId).setParameter(2, secret)
                .setParameter(3, Timestamp.from(now)).setParameter(4, step).executeUpdate();
        em.createNativeQuery("DELETE FROM RECOVERY_CODE WHERE ACCOUNT_ID = ?").setParameter(1, accountId).executeUpdate();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String code = recoveryCode();
            codes.add(code);
            em.createNativeQuery("INSERT INTO RECOVERY_CODE (ACCOUNT_ID, CODE_HASH, CREATED_AT) VALUES (?, ?, ?)")
                    .setParameter(1, accountId).setParameter(2, Secrets.sha256(normaliseRecoveryCode(code)))
                    .setParameter(3, Timestamp.from(now)).executeUpdate();
        }
        return codes;
    }

    /** Erases the factor, the recovery codes and the open tickets of an account. */
    static boolean erase(EntityManager em, long accountId) {
        int factors = em.createNativeQuery("DELETE FROM SECOND_FACTOR WHERE ACCOUNT_ID = ?").setParameter(1, accountId)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM RECOVERY_CODE WHERE ACCOUNT_ID = ?").setParameter(1, accountId).executeUpdate();
        em.createNativeQuery("UPDATE SECOND_STEP SET USED_AT = ? WHERE ACCOUNT_ID = ? AND USED_AT IS NULL")
                .setParameter(1, Timestamp.from(Instant.now())).setParameter(2, accountId).executeUpdate();
        return factors == 1;
    }

    /** 80 random bits as 16 signs in groups of four (XXXX-XXXX-XXXX-XXXX). */
    static String recoveryCode() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                b.append('-');
            }
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** What is hashed: upper case, without spaces or dashes, so that "abcd efgh…" works as well. */
    static String normaliseRecoveryCode(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /** A recovery code looks like one (16 signs of its alphabet); a TOTP code is 6 digits. */
    static boolean looksLikeRecoveryCode(String code) {
        return normaliseRecoveryCode(code).matches("[" + ALPHABET + "]{16}");
    }

    static GuichetException stepInvalid() {
        return new GuichetException(Kind.UNAUTHENTICATED, "SECOND_STEP_INVALID", "ticket", "Cette étape de connexion"
                + " n'est plus valable (déjà utilisée ou trop ancienne) : connectez-vous à nouveau.");
    }

    static GuichetException wrongCode() {
        return new GuichetException(Kind.UNAUTHENTICATED, "SECOND_FACTOR_INVALID", "code", "Ce code n'est pas le bon."
                + " Saisissez le code à 6 chiffres affiché maintenant par votre application, ou un code de secours.");
    }

    static GuichetException replayed() {
        return new GuichetException(Kind.UNAUTHENTICATED, "SECOND_FACTOR_REPLAYED", "code", "Ce code a déjà servi."
                + " Attendez que votre application affiche le suivant (30 secondes au plus).");
    }

    static GuichetException locked(Instant until) {
        long seconds = Math.max(1, Duration.between(Instant.now(), until).getSeconds());
        long minutes = Math.max(1, (seconds + 59) / 60);
        return new GuichetException(Kind.TOO_MANY_ATTEMPTS, "SECOND_FACTOR_LOCKED", "code", "Trop de codes erronés :"
                + " le second facteur est bloqué pendant " + minutes + " minutes. Si vous avez perdu votre téléphone,"
                + " un administrateur peut le réinitialiser.", null,
                Map.of("retryAfterSeconds", seconds, "minutes", minutes));
    }
}
