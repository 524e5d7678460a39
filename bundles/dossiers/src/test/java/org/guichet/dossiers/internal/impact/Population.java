package org.guichet.dossiers.internal.impact;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.dossiers.internal.Json;

/**
 * A generated population of vocational-training dossiers, written by SQL in batches as bundles/load-test's
 * VolumeGenerator does (same columns, ids far above the harness's, a commit every 500), but with answers that vary:
 * income, tax shares, single parent, tax notice, unemployment benefit, training hours, distance. Each submitted
 * dossier stores the evaluation the scheme's version in force gives (as submission does). Tests count what a
 * candidate must change from {@link Row#answers()} alone, never from the engine.
 */
final class Population {
    static final String VT = "vocational-training";
    static final long BASE = 5_000_000L;
    /** every dossier of the period is submitted between this day and 59 days later */
    static final LocalDate PERIOD_START = LocalDate.of(2026, 9, 1);
    static final LocalDate PERIOD_END = PERIOD_START.plusDays(59);

    /** One dossier as generated; {@code replayed} when it is of the period and in a replayed state. */
    record Row(long id, Map<String, Object> answers, String state, boolean inPeriod) {
        boolean replayed() {
            return inPeriod && !state.equals("DRAFT") && !state.equals("WITHDRAWN");
        }

        int hours() {
            return (Integer) answers.get("trainingHours");
        }

        boolean benefit() {
            return "ARE".equals(answers.get("unemploymentBenefit"));
        }

        /** The monthly family quotient, as the spec defines it: income ÷ 12 ÷ shares, rounded down. */
        BigDecimal familyQuotient() {
            return BigDecimal.valueOf((Integer) answers.get("referenceTaxIncome"))
                    .divide(BigDecimal.valueOf(12).multiply((BigDecimal) answers.get("taxShares")), 0,
                            RoundingMode.FLOOR);
        }
    }

    private Population() { }

    static Map<String, Object> answers(Random r) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("birthDate", "2001-03-10");
        a.put("franceTravailRegistered", true);
        int b = r.nextInt(100);
        a.put("unemploymentBenefit", b < 85 ? "NONE" : b < 95 ? "ARE" : "UNKNOWN");
        boolean notice = r.nextInt(10) != 0;
        a.put("taxNoticeProvided", notice);
        if (notice) {
            a.put("referenceTaxIncome", r.nextInt(40_000));
            a.put("taxShares", new BigDecimal[] {new BigDecimal("1"), new BigDecimal("1.5"), new BigDecimal("2"),
                new BigDecimal("2.5"), new BigDecimal("3")}[r.nextInt(5)]);
        }
        a.put("familyBreakdown", false);
        a.put("singleParent", r.nextInt(10) == 0);
        a.put("homeToTrainingKm", r.nextInt(60));
        a.put("trainingStartDate", "2026-09-14");
        a.put("trainingEndDate", "2027-02-26");
        // 20 % of short trainings: 50..149 hours; the rest 150..899
        a.put("trainingHours", r.nextInt(5) == 0 ? 50 + r.nextInt(100) : 150 + r.nextInt(750));
        a.put("programme", "QUALIF_EMPLOI");
        a.put("regionFunded", true);
        return a;
    }

    /**
     * Writes {@code n} dossiers (and their applicants) and returns them. 5 % are drafts, 5 % withdrawn, one in ten
     * submitted before the period; the others are submitted in the period, in the states an instruction goes through.
     */
    static List<Row> generate(DataSource ds, EvaluationService evaluation, String version, int n, long seed)
            throws SQLException {
        Random random = new Random(seed);
        String[] states = {"SUBMITTED", "IN_REVIEW", "WAITING_COMPLEMENT", "GRANTED", "GRANTED", "REFUSED", "CLOSED"};
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = new ArrayList<>(n);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement a = c.prepareStatement("INSERT INTO ACCOUNT (ID, EMAIL, DISPLAY_NAME, STATE, ROLES,"
                    + " FAILED_SIGN_INS, CREATED_AT, ACTIVATED_AT, VERSION) VALUES (?, ?, ?, 'ACTIVE', 'APPLICANT', 0, ?,"
                    + " ?, 1)");
                    PreparedStatement d = c.prepareStatement("INSERT INTO DOSSIER (ID, REFERENCE, SCHEME_ID,"
                            + " SCHEME_VERSION, STATE, APPLICANT_ID, CREATED_BY, ANSWERS, ANSWER_SOURCES, EVALUATION,"
                            + " CREATED_AT, UPDATED_AT, SUBMITTED_AT, VERSION) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?,"
                            + " ?, ?, ?, 1)")) {
                for (int i = 1; i <= n; i++) {
                    long id = BASE + i;
                    Map<String, Object> answers = answers(random);
                    int roll = random.nextInt(100);
                    String state = roll < 5 ? "DRAFT" : roll < 10 ? "WITHDRAWN" : states[random.nextInt(states.length)];
                    boolean inPeriod = random.nextInt(10) != 0;
                    Instant submitted = PERIOD_START.atStartOfDay(Replay.PARIS).toInstant()
                            .plus(inPeriod ? random.nextInt(60 * 24) : -1 - random.nextInt(30 * 24), ChronoUnit.HOURS);
                    boolean draft = state.equals("DRAFT");
                    a.setLong(1, id);
                    a.setString(2, "impact" + i + "@population.example");
                    a.setString(3, "Personne " + i);
                    a.setTimestamp(4, now);
                    a.setTimestamp(5, now);
                    a.addBatch();
                    d.setLong(1, id);
                    d.setString(2, "VT-2026-" + String.format("%07d", 5_000_000 + i));
                    d.setString(3, VT);
                    d.setString(4, version);
                    d.setString(5, state);
                    d.setLong(6, id);
                    d.setLong(7, id);
                    d.setString(8, Json.write(answers));
                    d.setString(9, draft ? null : Json.write(evaluation.evaluate(VT, version, answers, Locale.FRENCH,
                            EvaluationContext.person(List.of()))));
                    d.setTimestamp(10, Timestamp.from(submitted.minus(2, ChronoUnit.DAYS)));
                    d.setTimestamp(11, Timestamp.from(submitted));
                    d.setTimestamp(12, draft ? null : Timestamp.from(submitted));
                    d.addBatch();
                    rows.add(new Row(id, answers, state, inPeriod));
                    if (i % 500 == 0) {
                        a.executeBatch();
                        d.executeBatch();
                        c.commit();
                    }
                }
                a.executeBatch();
                d.executeBatch();
                c.commit();
            } catch (org.guichet.api.scheme.SchemeNotFoundException | org.guichet.api.scheme.SchemeUnavailableException
                    | org.guichet.api.scheme.InvalidAnswersException e) {
                throw new IllegalStateException("the generated answers must evaluate: " + e, e);
            }
        }
        return rows;
    }

    /** Reads a whole table as text, row by row in id order, to show that nothing changed it. */
    static List<String> dump(DataSource ds, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY ID")) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int k = 1; k <= cols; k++) {
                    b.append(rs.getString(k)).append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
