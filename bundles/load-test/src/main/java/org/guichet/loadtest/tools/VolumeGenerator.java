package org.guichet.loadtest.tools;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * Fills a Guichet database with a campaign's volume, by SQL in batches, for the volume timings of
 * docs/benchmarks.md: N dossiers (default 100,000) of applicants each with an account, about 20 activity events
 * per dossier (2 million), decisions and six installments for the granted ones, of which exactly 5,000 are payable
 * and due (for the due list and a SEPA batch), and 10 agents (a1..a10@volume.example, both schemes) who sign in with
 * a mailed code. Ids start at 50,000,000 and references use the year 2025, so that a database already in use keeps
 * working; the identity columns are moved past what was written.
 *
 * <p>Run it while the portal is stopped for embedded Derby (one process at a time opens it), or any time for
 * PostgreSQL: {@code java -cp <guichet-load-test jar>:<derby or postgresql driver> org.guichet.loadtest.tools.VolumeGenerator
 * <jdbc url> [user] [password] [dossiers]}.
 */
public final class VolumeGenerator {
    static final long BASE = 50_000_000L;
    static final int EVENTS_PER_DOSSIER = 20;
    static final int DUE = 5_000;
    static final String[] EVENT_TYPES = {"ANSWERS_SAVED", "ANSWERS_SAVED", "DOCUMENT_ADDED", "DOCUMENT_ADDED",
        "DOCUMENT_ADDED", "ANSWERS_SAVED", "SIGNED_IN", "DOCUMENT_ADDED", "ANSWERS_SAVED", "DOCUMENT_ADDED"};
    static final String EVALUATION = "{\"scheme\":{\"id\":\"vocational-training\",\"version\":\"1.0.0\"},\"eligible\":true,"
            + "\"reasons\":[],\"requiredDocuments\":[],\"amount\":{\"currency\":\"EUR\",\"monthly\":430.46,"
            + "\"total\":2582.76,\"installments\":[{\"period\":\"2026-09\",\"amount\":266.33},{\"period\":\"2026-10\","
            + "\"amount\":470.00}],\"lines\":[]},\"rulesFired\":[\"volume\"]}";
    static final String ANSWERS = "{\"birthDate\":\"2001-03-10\",\"franceTravailRegistered\":true,"
            + "\"unemploymentBenefit\":\"NONE\",\"taxNoticeProvided\":true,\"referenceTaxIncome\":14400,\"taxShares\":1,"
            + "\"familyBreakdown\":false,\"singleParent\":false,\"homeToTrainingKm\":25,\"trainingStartDate\":\"2026-09-14\","
            + "\"trainingEndDate\":\"2027-02-26\",\"trainingHours\":600,\"programme\":\"QUALIF_EMPLOI\",\"regionFunded\":true}";

    private VolumeGenerator() { }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: VolumeGenerator <jdbc url> [user] [password] [dossiers]");
            System.exit(2);
        }
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        long started = System.nanoTime();
        try (Connection c = args.length > 2 ? DriverManager.getConnection(args[0], args[1], args[2])
                : DriverManager.getConnection(args[0])) {
            c.setAutoCommit(false);
            generate(c, n);
        }
        System.out.printf("%d dossiers and %d events written in %d s%n", n, (long) n * EVENTS_PER_DOSSIER,
                (System.nanoTime() - started) / 1_000_000_000L);
    }

    static void generate(Connection c, int n) throws SQLException {
        Random random = new Random(42);
        Timestamp now = Timestamp.from(Instant.now());
        LocalDate today = LocalDate.now();
        long agents = BASE;
        try (PreparedStatement a = c.prepareStatement("INSERT INTO ACCOUNT (ID, EMAIL, DISPLAY_NAME, STATE, ROLES,"
                + " SCHEMES, FAILED_SIGN_INS, CREATED_AT, ACTIVATED_AT, VERSION) VALUES (?, ?, ?, 'ACTIVE', ?, ?, 0, ?, ?, 1)")) {
            for (int i = 1; i <= 10; i++) {
                a.setLong(1, agents + i);
                a.setString(2, "a" + i + "@volume.example");
                a.setString(3, "Agent volume " + i);
                a.setString(4, "AGENT");
                a.setString(5, "driving-licence,vocational-training");
                a.setTimestamp(6, now);
                a.setTimestamp(7, now);
                a.addBatch();
            }
            for (int i = 1; i <= n; i++) {
                a.setLong(1, BASE + 100 + i);
                a.setString(2, "p" + i + "@volume.example");
                a.setString(3, "Personne " + i);
                a.setString(4, "APPLICANT");
                a.setString(5, null);
                a.setTimestamp(6, now);
                a.setTimestamp(7, now);
                a.addBatch();
                if (i % 2000 == 0) {
                    a.executeBatch();
                }
            }
            a.executeBatch();
        }
        // the agents' second factor, enrolled with a known secret (test data only), so that VolumeTimings signs them in
        try (PreparedStatement f = c.prepareStatement("INSERT INTO SECOND_FACTOR (ACCOUNT_ID, SECRET, ENROLLED_AT,"
                + " LAST_STEP, FAILURES) VALUES (?, ?, ?, 0, 0)")) {
            for (int i = 1; i <= 10; i++) {
                f.setLong(1, agents + i);
                f.setString(2, VolumeTimings.AGENTS_TOTP_SECRET);
                f.setTimestamp(3, now);
                f.addBatch();
            }
            f.executeBatch();
        }
        c.commit();
        progress("accounts", n + 10);
        int due = 0;
        long eventId = BASE;
        long paymentId = BASE;
        try (PreparedStatement d = c.prepareStatement("INSERT INTO DOSSIER (ID, REFERENCE, SCHEME_ID, SCHEME_VERSION,"
                + " STATE, APPLICANT_ID, CREATED_BY, ANSWERS, ANSWER_SOURCES, EVALUATION, CREATED_AT, UPDATED_AT,"
                + " SUBMITTED_AT, ASSIGNEE_ID, WAITING_ON, DEADLINE, DECIDED_AT, VERSION) VALUES (?, ?, ?, '1.0.0', ?,"
                + " ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?, 1)");
                PreparedStatement x = c.prepareStatement("INSERT INTO DECISION (ID, DOSSIER_ID, OUTCOME, AMOUNT,"
                        + " RULES_AMOUNT, REASONS, INSTALLMENTS, PAYEE_NAME, PAYEE_IBAN, DECIDED_BY, DECIDED_AT,"
                        + " SCHEME_VERSION) VALUES (?, ?, ?, ?, ?, '[]', '[]', ?, ?, ?, ?, '1.0.0')");
                PreparedStatement p = c.prepareStatement("INSERT INTO PAYMENT (ID, DOSSIER_ID, DECISION_ID, MONTH_KEY,"
                        + " PROMISED_AMOUNT, PAYABLE_AMOUNT, PROMISED_DATE, STATUS, PAID_ON, VERSION) VALUES (?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, 1)");
                PreparedStatement e = c.prepareStatement("INSERT INTO ACTIVITY_EVENT (ID, OCCURRED_AT, EVENT_TYPE,"
                        + " ACTOR_ID, ACTOR_NAME, ON_BEHALF_OF_ID, CHANNEL, DOSSIER_ID, DETAIL) VALUES (?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?)")) {
            for (int i = 1; i <= n; i++) {
                long id = BASE + i;
                long applicant = BASE + 100 + i;
                boolean vt = i % 5 != 0;
                int roll = random.nextInt(100);
                String state = roll < 10 ? "DRAFT" : roll < 25 ? "SUBMITTED" : roll < 35 ? "IN_REVIEW"
                        : roll < 40 ? "WAITING_COMPLEMENT" : roll < 90 ? "GRANTED" : "REFUSED";
                Instant created = Instant.now().minus(1 + random.nextInt(300), ChronoUnit.DAYS);
                Instant submitted = created.plus(1 + random.nextInt(10), ChronoUnit.DAYS);
                boolean draft = state.equals("DRAFT");
                boolean open = state.equals("SUBMITTED") || state.equals("IN_REVIEW") || state.equals("WAITING_COMPLEMENT");
                boolean decided = state.equals("GRANTED") || state.equals("REFUSED");
                long agent = BASE + 1 + (i % 10);
                d.setLong(1, id);
                d.setString(2, (vt ? "VT" : "DL") + "-2025-" + String.format("%07d", i));
                d.setString(3, vt ? "vocational-training" : "driving-licence");
                d.setString(4, state);
                d.setLong(5, applicant);
                d.setLong(6, applicant);
                d.setString(7, ANSWERS);
                d.setString(8, draft ? null : EVALUATION);
                d.setTimestamp(9, Timestamp.from(created));
                d.setTimestamp(10, Timestamp.from(submitted));
                d.setTimestamp(11, draft ? null : Timestamp.from(submitted));
                if (state.equals("SUBMITTED") || draft) {
                    d.setNull(12, java.sql.Types.BIGINT);
                } else {
                    d.setLong(12, agent);
                }
                d.setString(13, open ? (state.equals("WAITING_COMPLEMENT") ? "APPLICANT" : "AGENT") : null);
                d.setDate(14, open ? Date.valueOf(today.plusDays(random.nextInt(40) - 10)) : null);
                d.setTimestamp(15, decided ? Timestamp.from(submitted.plus(20, ChronoUnit.DAYS)) : null);
                d.addBatch();
                for (int k = 0; k < EVENTS_PER_DOSSIER; k++) {
                    e.setLong(1, ++eventId);
                    e.setTimestamp(2, Timestamp.from(created.plus(k * 37L, ChronoUnit.MINUTES)));
                    e.setString(3, k == 0 ? "DOSSIER_CREATED" : k == 10 && !draft ? "SUBMITTED"
                            : EVENT_TYPES[k % EVENT_TYPES.length]);
                    e.setLong(4, applicant);
                    e.setString(5, "Personne " + i);
                    e.setNull(6, java.sql.Types.BIGINT);
                    e.setString(7, k % 7 == 3 ? "MEDIATOR" : "ONLINE");
                    e.setLong(8, id);
                    e.setString(9, "Évènement " + k + " de la demande " + i);
                    e.addBatch();
                }
                if (decided) {
                    boolean granted = state.equals("GRANTED");
                    x.setLong(1, id);
                    x.setLong(2, id);
                    x.setString(3, state);
                    x.setBigDecimal(4, granted ? new BigDecimal("2582.76") : null);
                    x.setBigDecimal(5, new BigDecimal("2582.76"));
                    x.setString(6, granted ? "Personne " + i : null);
                    x.setString(7, granted ? "FR7630006000011234567890189" : null);
                    x.setLong(8, agent);
                    x.setTimestamp(9, Timestamp.from(submitted.plus(20, ChronoUnit.DAYS)));
                    x.addBatch();
                    if (granted) {
                        for (int m = 0; m < 6; m++) {
                            LocalDate month = LocalDate.of(2026, 9, 1).plusMonths(m);
                            boolean payable = m == 0 && due < DUE;
                            due += payable ? 1 : 0;
                            p.setLong(1, ++paymentId);
                            p.setLong(2, id);
                            p.setLong(3, id);
                            p.setString(4, month.toString().substring(0, 7));
                            p.setBigDecimal(5, new BigDecimal("430.46"));
                            p.setBigDecimal(6, payable ? new BigDecimal("430.46") : null);
                            p.setDate(7, Date.valueOf(payable ? today.minusDays(1) : month.plusMonths(1).withDayOfMonth(5)));
                            p.setString(8, payable ? "PAYABLE" : "SCHEDULED");
                            p.setDate(9, null);
                            p.addBatch();
                        }
                    }
                }
                if (i % 500 == 0) {
                    d.executeBatch();
                    x.executeBatch();
                    p.executeBatch();
                    e.executeBatch();
                    c.commit();
                }
                if (i % 10_000 == 0) {
                    progress("dossiers", i);
                }
            }
            d.executeBatch();
            x.executeBatch();
            p.executeBatch();
            e.executeBatch();
            c.commit();
        }
        restart(c, "ACCOUNT", BASE + 100 + n + 1);
        restart(c, "DOSSIER", BASE + n + 1);
        restart(c, "DECISION", BASE + n + 1);
        restart(c, "PAYMENT", paymentId + 1);
        restart(c, "ACTIVITY_EVENT", eventId + 1);
        c.commit();
        System.out.printf("%d payments payable and due today%n", due);
    }

    /** Moves an identity column past the ids written (the same statement on Derby and PostgreSQL). */
    static void restart(Connection c, String table, long next) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table + " ALTER COLUMN ID RESTART WITH " + next);
        }
    }

    static void progress(String what, int count) {
        System.out.printf("%s: %d%n", what, count);
    }
}
