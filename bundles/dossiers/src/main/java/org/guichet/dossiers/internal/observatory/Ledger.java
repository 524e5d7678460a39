package org.guichet.dossiers.internal.observatory;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import javax.persistence.EntityManager;
import org.guichet.dossiers.internal.jpa.DossierEntity;

/**
 * The observatory's figures, kept up to date in the transaction of the event that changes them (V10's tables), so that
 * an action, its trace and its count are written together or not at all, and a summary over a year reads a few small
 * rows per dossier instead of millions of events (issue 15, point 5).
 *
 * <p>Counters are increments ({@code N = N + 1}) on a row inserted when missing: two first events of the same day race
 * on the primary key, the loser's transaction fails with 23505 and {@code Tx} replays it, when the row exists. The row
 * of a dossier is locked by the first increment before anything is read from it, so the estimate of agent time (which
 * reads the last action) is computed under that lock on both databases.
 *
 * <p>Agent and mediator time per dossier are estimated from the gaps between one person's consecutive actions on it: a
 * gap up to {@link #SESSION_GAP} is time spent on the dossier; the first action of a session counts
 * {@link #ISOLATED_ACTION} (docs/observatory.md says why and what it misses).
 */
public final class Ledger {
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** the longest pause between two actions of one person on a dossier that still counts as work on it */
    public static final Duration SESSION_GAP = Duration.ofMinutes(20);
    /** what an action with no close predecessor is assumed to take */
    public static final Duration ISOLATED_ACTION = Duration.ofMinutes(5);
    /** portal-wide counters (accounts, calls about an account) are kept under this scheme id */
    public static final String ALL_SCHEMES = "*";
    /** batch operations on many dossiers at once: not time spent on each dossier */
    private static final Set<String> NOT_DOSSIER_WORK = Set.of("PAYMENT_ISSUED", "PAID", "DOSSIER_ASSIGNED");

    private Ledger() { }

    /** What every recorded event changes in the ledger; called by Activity.record, in the event's transaction. */
    public static void onEvent(EntityManager em, String type, Long actorId, String channel, Long dossierId,
            Long organisationId, Instant at) {
        if (dossierId != null) {
            DossierEntity d = em.find(DossierEntity.class, dossierId);
            if (d != null && d.test()) {
                // a test dossier (staff trying a version) counts in no figure
                return;
            }
        }
        Timestamp t = Timestamp.from(at);
        switch (type) {
            // sign-ups are applicants' by construction; activations are counted for applicants only (staff and
            // mediators activate invitations, which are not the applicants' funnel)
            case "ACCOUNT_CREATED" -> count(em, ALL_SCHEMES, day(at), type, 1);
            case "ACCOUNT_ACTIVATED" -> {
                if (applicant(em, actorId)) {
                    count(em, ALL_SCHEMES, day(at), type, 1);
                }
            }
            case "DOSSIER_CREATED" -> opened(em, dossierId, "MEDIATOR".equals(channel) ? organisationId : null);
            default -> { }
        }
        if (dossierId == null) {
            return;
        }
        switch (type) {
            case "ANSWERS_SAVED" -> set(em, dossierId, "ANSWERS_SAVED_AT", t);
            case "ANSWERS_COMPLETE" -> set(em, dossierId, "ANSWERS_COMPLETE_AT", t);
            case "DOCUMENTS_COMPLETE" -> set(em, dossierId, "DOCUMENTS_COMPLETE_AT", t);
            case "ANSWERS_PREFILLED" -> partner(em, dossierId, organisationId);
            case "SUBMITTED" -> submitted(em, dossierId, channel, t);
            case "COMPLEMENT_REQUESTED" -> update(em, "UPDATE OBSERVATORY_DOSSIER SET COMPLEMENTS = COMPLEMENTS + 1"
                    + " WHERE DOSSIER_ID = ?1", dossierId);
            case "DOSSIER_WITHDRAWN", "DOSSIER_CLOSED" -> set(em, dossierId, "ENDED_AT", t);
            case "COMPLEMENT_ANSWERED" -> answeredBy(em, dossierId, channel);
            case "ATTENDANCE_REPORTED" -> attendance(em, dossierId, organisationId);
            default -> { }
        }
        if ("PARTNER".equals(channel) && "DOCUMENT_ADDED".equals(type)) {
            update(em, "UPDATE OBSERVATORY_DOSSIER SET ORGANISATION_DOCUMENTS = ORGANISATION_DOCUMENTS + 1"
                    + " WHERE DOSSIER_ID = ?1", dossierId);
            partner(em, dossierId, organisationId);
        }
        if (actorId != null && !NOT_DOSSIER_WORK.contains(type)) {
            if ("AGENT".equals(channel)) {
                work(em, dossierId, "AGENT", actorId, at, null);
            } else if ("MEDIATOR".equals(channel)) {
                work(em, dossierId, "MEDIATOR", actorId, at, organisationId);
            }
        }
    }

    // no null is ever bound (Derby cannot type an untyped null parameter): the SQL says what is absent

    private static void opened(EntityManager em, Long dossierId, Long mediatorOrganisation) {
        DossierEntity d = em.find(DossierEntity.class, dossierId);
        Instant at = d.createdAt.toInstant();
        update(em, "INSERT INTO OBSERVATORY_DOSSIER (DOSSIER_ID, SCHEME_ID, OPENED_AT, OPENED_DAY) VALUES (?1, ?2, ?3,"
                + " ?4)", d.id, d.schemeId, d.createdAt, Date.valueOf(day(at)));
        if (mediatorOrganisation != null) {
            update(em, "UPDATE OBSERVATORY_DOSSIER SET MEDIATOR_ORGANISATION_ID = ?1 WHERE DOSSIER_ID = ?2",
                    mediatorOrganisation, d.id);
        }
    }

    private static void partner(EntityManager em, long dossierId, Long organisationId) {
        if (organisationId != null) {
            update(em, "UPDATE OBSERVATORY_DOSSIER SET PARTNER_ORGANISATION_ID = ?1 WHERE DOSSIER_ID = ?2 AND"
                    + " PARTNER_ORGANISATION_ID IS NULL", organisationId, dossierId);
        }
    }

    private static void submitted(EntityManager em, long dossierId, String channel, Timestamp at) {
        DossierEntity d = em.find(DossierEntity.class, dossierId);
        Timestamp when = d != null && d.submittedAt != null ? d.submittedAt : at;
        List<?> partner = em.createNativeQuery("SELECT PARTNER_ORGANISATION_ID FROM OBSERVATORY_DOSSIER WHERE"
                + " DOSSIER_ID = ?1").setParameter(1, dossierId).getResultList();
        // the applicant alone on a dossier the organisation pre-filled: PARTNER (help that is not a mediator's)
        String by = "ONLINE".equals(channel) && !partner.isEmpty() && partner.get(0) != null ? "PARTNER" : channel;
        update(em, "UPDATE OBSERVATORY_DOSSIER SET SUBMITTED_AT = ?1, SUBMIT_CHANNEL = ?2,"
                + " ANSWERS_COMPLETE_AT = COALESCE(ANSWERS_COMPLETE_AT, ?1),"
                + " DOCUMENTS_COMPLETE_AT = COALESCE(DOCUMENTS_COMPLETE_AT, ?1)"
                + " WHERE DOSSIER_ID = ?3 AND SUBMITTED_AT IS NULL", when, by, dossierId);
    }

    /** Who answered a complement request, by the channel of the answer (an agent in the back office never does). */
    private static void answeredBy(EntityManager em, long dossierId, String channel) {
        String column = switch (channel == null ? "ONLINE" : channel) {
            case "MEDIATOR" -> "COMPLEMENTS_BY_MEDIATOR";
            case "PHONE" -> "COMPLEMENTS_BY_PHONE";
            case "PARTNER" -> "COMPLEMENTS_BY_ORGANISATION";
            default -> "COMPLEMENTS_BY_APPLICANT";
        };
        update(em, "UPDATE OBSERVATORY_DOSSIER SET " + column + " = " + column + " + 1 WHERE DOSSIER_ID = ?1",
                dossierId);
    }

    /** A month of attendance the training organisation reported for the dossier's trainee (one line of its sheet). */
    private static void attendance(EntityManager em, long dossierId, Long organisationId) {
        update(em, "UPDATE OBSERVATORY_DOSSIER SET ORGANISATION_ATTENDANCE = ORGANISATION_ATTENDANCE + 1"
                + " WHERE DOSSIER_ID = ?1", dossierId);
        if (organisationId != null) {
            update(em, "UPDATE OBSERVATORY_DOSSIER SET ATTENDANCE_ORGANISATION_ID = ?1 WHERE DOSSIER_ID = ?2 AND"
                    + " ATTENDANCE_ORGANISATION_ID IS NULL", organisationId, dossierId);
        }
    }

    /** Time of one person's action on a dossier: the gap since her previous action when short, else a flat estimate. */
    private static void work(EntityManager em, long dossierId, String who, long actorId, Instant at, Long organisation) {
        // the increment locks the row first: the read below sees the last action of whoever committed before
        int n = update(em, "UPDATE OBSERVATORY_DOSSIER SET " + who + "_ACTIONS = " + who + "_ACTIONS + 1"
                + " WHERE DOSSIER_ID = ?1", dossierId);
        if (n == 0) {
            return;
        }
        if (organisation != null) {
            update(em, "UPDATE OBSERVATORY_DOSSIER SET MEDIATOR_ORGANISATION_ID = ?1 WHERE DOSSIER_ID = ?2 AND"
                    + " MEDIATOR_ORGANISATION_ID IS NULL", organisation, dossierId);
        }
        Object[] last = (Object[]) em.createNativeQuery("SELECT LAST_" + who + "_ID, LAST_" + who + "_AT FROM"
                + " OBSERVATORY_DOSSIER WHERE DOSSIER_ID = ?1").setParameter(1, dossierId).getSingleResult();
        long seconds = seconds(last[0] == null ? null : ((Number) last[0]).longValue(),
                last[1] == null ? null : ((Timestamp) last[1]).toInstant(), actorId, at);
        update(em, "UPDATE OBSERVATORY_DOSSIER SET " + who + "_SECONDS = " + who + "_SECONDS + ?1, LAST_" + who
                + "_ID = ?2, LAST_" + who + "_AT = ?3 WHERE DOSSIER_ID = ?4", seconds, actorId, Timestamp.from(at),
                dossierId);
    }

    /** The method, alone so that it is tested alone: see the class comment. */
    public static long seconds(Long lastActor, Instant lastAt, long actor, Instant at) {
        if (lastActor != null && lastActor.longValue() == actor && lastAt != null && !at.isBefore(lastAt)
                && Duration.between(lastAt, at).compareTo(SESSION_GAP) <= 0) {
            return Duration.between(lastAt, at).toSeconds();
        }
        return ISOLATED_ACTION.toSeconds();
    }

    /** Answers a training organisation pre-filled (one per field). */
    public static void organisationAnswers(EntityManager em, long dossierId, long organisationId, int fields) {
        update(em, "UPDATE OBSERVATORY_DOSSIER SET ORGANISATION_ANSWERS = ORGANISATION_ANSWERS + ?1"
                + " WHERE DOSSIER_ID = ?2", fields, dossierId);
        partner(em, dossierId, organisationId);
    }

    /** A complement answered: the time it waited on its addressee (APPLICANT or ORGANISATION). */
    public static void waited(EntityManager em, long dossierId, String addressee, Instant askedAt, Instant answeredAt) {
        String column = "ORGANISATION".equals(addressee) ? "WAIT_ORGANISATION_SECONDS" : "WAIT_APPLICANT_SECONDS";
        update(em, "UPDATE OBSERVATORY_DOSSIER SET " + column + " = " + column + " + ?1 WHERE DOSSIER_ID = ?2",
                Math.max(0, Duration.between(askedAt, answeredAt).toSeconds()), dossierId);
    }

    /**
     * The first decision: its time, outcome, the rules' first reason of a refusal, and the time the dossier waited on
     * the region (submission to decision, minus the waits on the applicant and the organisation). A correction later
     * changes the outcome but not the delay.
     */
    public static void decided(EntityManager em, DossierEntity d, boolean granted, String reason) {
        update(em, "UPDATE OBSERVATORY_DOSSIER SET DECIDED_AT = ?1,"
                + " WAIT_AGENT_SECONDS = ?2 - WAIT_APPLICANT_SECONDS - WAIT_ORGANISATION_SECONDS"
                + " WHERE DOSSIER_ID = ?3 AND DECIDED_AT IS NULL", d.decidedAt, d.submittedAt == null ? 0L
                        : Math.max(0, Duration.between(d.submittedAt.toInstant(), d.decidedAt.toInstant()).toSeconds()),
                d.id);
        // a correction: the outcome follows, the first decision's time stays
        if (granted || reason == null) {
            update(em, "UPDATE OBSERVATORY_DOSSIER SET GRANTED = ?1, OUTCOME_REASON = NULL WHERE DOSSIER_ID = ?2",
                    granted ? 1 : 0, d.id);
        } else {
            update(em, "UPDATE OBSERVATORY_DOSSIER SET GRANTED = 0, OUTCOME_REASON = ?1 WHERE DOSSIER_ID = ?2",
                    cut(reason, 200), d.id);
        }
    }

    /** A payment the bank made: the first one's day and its lateness against the promised date. */
    public static void paid(EntityManager em, long dossierId, LocalDate promised, LocalDate paidOn) {
        update(em, "UPDATE OBSERVATORY_DOSSIER SET FIRST_PAYMENT_AT = ?1, FIRST_PAYMENT_LATE_DAYS = ?2"
                + " WHERE DOSSIER_ID = ?3 AND FIRST_PAYMENT_AT IS NULL", Timestamp.valueOf(paidOn.atStartOfDay()),
                promised == null ? 0 : (int) ChronoUnit.DAYS.between(promised, paidOn), dossierId);
    }

    /** A phone call ended: on a dossier, or about an account (counted portal-wide by day). */
    public static void phoneCall(EntityManager em, Long dossierId, long seconds, Instant at) {
        int n = dossierId == null ? 0 : update(em, "UPDATE OBSERVATORY_DOSSIER SET PHONE_CALLS = PHONE_CALLS + 1,"
                + " PHONE_SECONDS = PHONE_SECONDS + ?1 WHERE DOSSIER_ID = ?2", seconds, dossierId);
        if (n == 0) {
            count(em, ALL_SCHEMES, day(at), "ACCOUNT_PHONE_CALLS", 1);
            count(em, ALL_SCHEMES, day(at), "ACCOUNT_PHONE_SECONDS", seconds);
        }
    }

    /** A document refused at upload, rejected by an agent or asked again: counted by type, outcome and reason. */
    public static void document(EntityManager em, String schemeId, Long organisationId, String documentType,
            String outcome, String reason, Instant at) {
        String r = reason == null ? "" : cut(reason, 100);
        long org = organisationId == null ? 0 : organisationId;
        Date day = Date.valueOf(day(at));
        int n = update(em, "UPDATE OBSERVATORY_DOCUMENT SET N = N + 1 WHERE SCHEME_ID = ?1 AND DAY = ?2 AND"
                + " DOCUMENT_TYPE = ?3 AND OUTCOME = ?4 AND REASON = ?5 AND ORGANISATION_ID = ?6", schemeId, day,
                documentType, outcome, r, org);
        if (n == 0) {
            update(em, "INSERT INTO OBSERVATORY_DOCUMENT (SCHEME_ID, DAY, DOCUMENT_TYPE, OUTCOME, REASON,"
                    + " ORGANISATION_ID, N) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)", schemeId, day, documentType, outcome,
                    r, org);
        }
    }

    /** The organisation a dossier's figures belong to: its mediator's, else the one that pre-filled it. */
    public static Long organisationOf(EntityManager em, long dossierId) {
        List<?> rows = em.createNativeQuery("SELECT COALESCE(MEDIATOR_ORGANISATION_ID, PARTNER_ORGANISATION_ID) FROM"
                + " OBSERVATORY_DOSSIER WHERE DOSSIER_ID = ?1").setParameter(1, dossierId).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? null : ((Number) rows.get(0)).longValue();
    }

    /** Adds to a day's counter, inserting its row on first use (a lost race is replayed by Tx). */
    public static void count(EntityManager em, String schemeId, LocalDate day, String measure, long n) {
        Date d = Date.valueOf(day);
        if (update(em, "UPDATE OBSERVATORY_DAY SET N = N + ?1 WHERE SCHEME_ID = ?2 AND DAY = ?3 AND MEASURE = ?4", n,
                schemeId, d, measure) == 0) {
            update(em, "INSERT INTO OBSERVATORY_DAY (SCHEME_ID, DAY, MEASURE, N) VALUES (?1, ?2, ?3, ?4)", schemeId, d,
                    measure, n);
        }
    }

    private static boolean applicant(EntityManager em, Long accountId) {
        if (accountId == null) {
            return false;
        }
        List<?> roles = em.createNativeQuery("SELECT ROLES FROM ACCOUNT WHERE ID = ?1").setParameter(1, accountId)
                .getResultList();
        return !roles.isEmpty() && roles.get(0) != null && List.of(((String) roles.get(0)).split(",")).stream()
                .anyMatch(r -> r.strip().equals("APPLICANT"));
    }

    /** Whether the dossier's row has this step's time (a row missing counts as reached: nothing to record). */
    public static boolean reached(EntityManager em, long dossierId, String column) {
        List<?> rows = em.createNativeQuery("SELECT " + column + " FROM OBSERVATORY_DOSSIER WHERE DOSSIER_ID = ?1")
                .setParameter(1, dossierId).getResultList();
        return rows.isEmpty() || rows.get(0) != null;
    }

    public static LocalDate day(Instant at) {
        return at.atZone(PARIS).toLocalDate();
    }

    private static void set(EntityManager em, long dossierId, String column, Timestamp t) {
        update(em, "UPDATE OBSERVATORY_DOSSIER SET " + column + " = COALESCE(" + column + ", ?1) WHERE DOSSIER_ID = ?2",
                t, dossierId);
    }

    private static int update(EntityManager em, String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.executeUpdate();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
