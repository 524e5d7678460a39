package org.guichet.dossiers.internal.observatory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.observatory.Summary;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The summary's time at volume (issue 15, point 5), on demand: {@code -Dguichet.observatory.volume=100000} fills a
 * fresh database with that many dossiers' ledger rows (as {@link Ledger} would have written them: 80 % of
 * vocational-training, opened over the last 365 days), 20 activity events per dossier (2 million for 100,000), a
 * year of day counters and document counters; then times the summary of vocational-training over the year, for the
 * directorate and for one organisation. Timings are printed, not asserted. PostgresObservatoryVolumeTest does the same
 * on PostgreSQL.
 */
@EnabledIfSystemProperty(named = "guichet.observatory.volume", matches = "\\d+")
class ObservatoryVolumeTest {
    static final String VT = "vocational-training";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final long BASE = 70_000_000L;

    protected TestPortal.Kind kind() {
        return TestPortal.Kind.DERBY;
    }

    @Test
    void theSummaryOfAYearAtVolume() throws Exception {
        int n = Integer.getInteger("guichet.observatory.volume");
        int eventsPerDossier = Integer.getInteger("guichet.observatory.eventsPerDossier", 20);
        try (TestPortal portal = new TestPortal(kind())) {
            long started = System.nanoTime();
            long organisation = portal.insertOrganisation("Centre de volume", "TRAINING_ORGANISATION");
            try (Connection c = portal.dataSource().getConnection()) {
                c.setAutoCommit(false);
                fill(c, n, eventsPerDossier, organisation);
            }
            System.out.printf("[observatory volume] %s: %d dossiers, %d events, filled in %d s%n", kind(), n,
                    (long) n * eventsPerDossier, (System.nanoTime() - started) / 1_000_000_000L);
            assertEquals(n, portal.queryLong("SELECT COUNT(*) FROM OBSERVATORY_DOSSIER"));
            ObservatoryServiceImpl observatory = new ObservatoryServiceImpl(portal.emf(), portal.registry(),
                    TestPortal.config(ObservatoryConfig.class, Map.of()), java.time.Clock.systemUTC());
            Caller directorate = portal.caller(portal.insertAccount("direction@volume.example", "Direction",
                    Set.of(Role.DIRECTORATE), Set.of(), null));
            LocalDate today = LocalDate.now(PARIS);
            LocalDate from = today.minusYears(1).plusDays(1);
            if (Boolean.getBoolean("guichet.observatory.warmUp")) {
                // what the component does in the background after the portal's start (warmUpDelaySeconds)
                System.out.printf("[observatory volume] %s: warm-up (every scheme's year, thrown away): %d ms%n",
                        kind(), observatory.warmUp());
            }
            for (int run = 1; run <= 10; run++) {
                long t0 = System.nanoTime();
                Summary s = observatory.summary(directorate, VT, from, today, null);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("[observatory volume] %s: summary of %s over %s..%s (%d dossiers opened), run %d:"
                        + " %d ms%n", kind(), VT, from, today, s.funnel().get(3).count(), run, ms);
            }
            for (int run = 1; run <= 3; run++) {
                long t0 = System.nanoTime();
                Summary s = observatory.summary(directorate, VT, from, today, organisation);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("[observatory volume] %s: one organisation's summary (%d dossiers), run %d: %d ms%n",
                        kind(), s.funnel().get(0).count(), run, ms);
            }
        }
    }

    /** The rows the ledger would hold after a year of such a campaign (fixed seed: the same figures each run). */
    static void fill(Connection c, int n, int eventsPerDossier, long organisation) throws SQLException {
        Random random = new Random(15);
        Instant now = Instant.now();
        try (PreparedStatement d = c.prepareStatement("INSERT INTO OBSERVATORY_DOSSIER (DOSSIER_ID, SCHEME_ID,"
                + " OPENED_AT, OPENED_DAY, MEDIATOR_ORGANISATION_ID, PARTNER_ORGANISATION_ID, SUBMIT_CHANNEL,"
                + " ANSWERS_SAVED_AT, ANSWERS_COMPLETE_AT, DOCUMENTS_COMPLETE_AT, SUBMITTED_AT, DECIDED_AT, GRANTED,"
                + " OUTCOME_REASON, FIRST_PAYMENT_AT, FIRST_PAYMENT_LATE_DAYS, PHONE_CALLS, PHONE_SECONDS,"
                + " MEDIATOR_ACTIONS, MEDIATOR_SECONDS, ORGANISATION_ANSWERS, ORGANISATION_DOCUMENTS, AGENT_ACTIONS,"
                + " AGENT_SECONDS, COMPLEMENTS, WAIT_APPLICANT_SECONDS, WAIT_ORGANISATION_SECONDS, WAIT_AGENT_SECONDS)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement e = c.prepareStatement("INSERT INTO ACTIVITY_EVENT (OCCURRED_AT, EVENT_TYPE,"
                        + " ACTOR_ID, ACTOR_NAME, CHANNEL, DOSSIER_ID, DETAIL) VALUES (?, ?, ?, 'Volume', ?, ?, ?)")) {
            for (int i = 1; i <= n; i++) {
                long id = BASE + i;
                String scheme = i % 5 == 0 ? "driving-licence" : VT;
                Instant opened = now.minus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
                int roll = random.nextInt(100);
                boolean saved = roll >= 4;
                boolean answers = roll >= 8;
                boolean documents = roll >= 12;
                boolean submitted = roll >= 15;
                boolean decided = submitted && roll >= 40;
                boolean granted = decided && roll < 90;
                boolean paid = granted && roll < 70;
                boolean mediated = random.nextInt(100) < 15;
                boolean partner = !mediated && random.nextInt(100) < 20;
                boolean phoned = random.nextInt(100) < 10;
                Instant submittedAt = opened.plus(Duration.ofHours(1 + random.nextInt(240)));
                long waitApplicant = random.nextInt(100) < 30 ? random.nextInt(20 * 86_400) : 0;
                long wait = 86_400L * (5 + random.nextInt(40)) + waitApplicant;
                Instant decidedAt = submittedAt.plusSeconds(wait);
                d.setLong(1, id);
                d.setString(2, scheme);
                d.setTimestamp(3, Timestamp.from(opened));
                d.setDate(4, Date.valueOf(opened.atZone(PARIS).toLocalDate()));
                setLong(d, 5, mediated ? organisation : null);
                setLong(d, 6, partner ? organisation + (i % 3 == 0 ? 0 : 1) : null);
                d.setString(7, submitted ? (phoned ? "PHONE" : mediated ? "MEDIATOR" : partner ? "PARTNER" : "ONLINE")
                        : null);
                d.setTimestamp(8, saved ? Timestamp.from(opened.plusSeconds(60)) : null);
                d.setTimestamp(9, answers ? Timestamp.from(opened.plusSeconds(600)) : null);
                d.setTimestamp(10, documents ? Timestamp.from(opened.plusSeconds(1800)) : null);
                d.setTimestamp(11, submitted ? Timestamp.from(submittedAt) : null);
                d.setTimestamp(12, decided ? Timestamp.from(decidedAt) : null);
                if (decided) {
                    d.setInt(13, granted ? 1 : 0);
                } else {
                    d.setNull(13, Types.SMALLINT);
                }
                d.setString(14, decided && !granted ? (i % 2 == 0 ? "INCOME_TOO_HIGH" : "OTHER") : null);
                d.setTimestamp(15, paid ? Timestamp.from(decidedAt.plus(Duration.ofDays(10 + random.nextInt(30))))
                        : null);
                if (paid) {
                    d.setInt(16, random.nextInt(15) - 3);
                } else {
                    d.setNull(16, Types.INTEGER);
                }
                d.setInt(17, phoned ? 1 + random.nextInt(3) : 0);
                d.setLong(18, phoned ? 120 + random.nextInt(1500) : 0);
                d.setInt(19, mediated ? 3 + random.nextInt(10) : 0);
                d.setLong(20, mediated ? 300 + random.nextInt(3000) : 0);
                d.setInt(21, partner ? 5 : 0);
                d.setInt(22, partner ? 1 : 0);
                d.setInt(23, submitted ? 2 + random.nextInt(6) : 0);
                d.setLong(24, submitted ? 300 + random.nextInt(2400) : 0);
                d.setInt(25, waitApplicant > 0 ? 1 : 0);
                d.setLong(26, waitApplicant);
                d.setLong(27, 0);
                setLong(d, 28, decided ? wait - waitApplicant : null);
                d.addBatch();
                for (int k = 0; k < eventsPerDossier; k++) {
                    e.setTimestamp(1, Timestamp.from(opened.plusSeconds(k * 600L)));
                    e.setString(2, k == 0 ? "DOSSIER_CREATED" : k % 3 == 0 ? "DOCUMENT_ADDED" : "ANSWERS_SAVED");
                    e.setLong(3, BASE + i);
                    e.setString(4, mediated ? "MEDIATOR" : "ONLINE");
                    e.setLong(5, id);
                    e.setString(6, "Évènement " + k);
                    e.addBatch();
                }
                if (i % 1000 == 0) {
                    d.executeBatch();
                    e.executeBatch();
                    c.commit();
                }
            }
            d.executeBatch();
            e.executeBatch();
            c.commit();
        }
        try (PreparedStatement day = c.prepareStatement("INSERT INTO OBSERVATORY_DAY (SCHEME_ID, DAY, MEASURE, N) VALUES"
                + " (?, ?, ?, ?)");
                PreparedStatement doc = c.prepareStatement("INSERT INTO OBSERVATORY_DOCUMENT (SCHEME_ID, DAY,"
                        + " DOCUMENT_TYPE, OUTCOME, REASON, ORGANISATION_ID, N) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            LocalDate today = LocalDate.now(PARIS);
            for (int k = 0; k < 366; k++) {
                Date date = Date.valueOf(today.minusDays(k));
                for (String[] m : new String[][] {{VT, "SIMULATED"}, {"driving-licence", "SIMULATED"},
                        {"*", "ACCOUNT_CREATED"}, {"*", "ACCOUNT_ACTIVATED"}, {"*", "ACCOUNT_PHONE_CALLS"},
                        {"*", "ACCOUNT_PHONE_SECONDS"}}) {
                    day.setString(1, m[0]);
                    day.setDate(2, date);
                    day.setString(3, m[1]);
                    day.setLong(4, 50 + random.nextInt(500));
                    day.addBatch();
                }
                for (String type : new String[] {"IDENTITY", "RIB", "TAX_NOTICE", "TRAINING_CERTIFICATE"}) {
                    for (String[] o : new String[][] {{"REFUSED_AT_UPLOAD", "FILE_TYPE_REFUSED"},
                            {"REFUSED_AT_UPLOAD", "FILE_TOO_LARGE"}, {"REJECTED", "ILLEGIBLE"},
                            {"ASKED_AGAIN", "COMPLEMENT"}}) {
                        doc.setString(1, VT);
                        doc.setDate(2, date);
                        doc.setString(3, type);
                        doc.setString(4, o[0]);
                        doc.setString(5, o[1]);
                        doc.setLong(6, k % 4 == 0 ? organisation : 0);
                        doc.setLong(7, 1 + random.nextInt(6));
                        doc.addBatch();
                    }
                }
            }
            day.executeBatch();
            doc.executeBatch();
            c.commit();
        }
    }

    private static void setLong(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.BIGINT);
        } else {
            p.setLong(i, v);
        }
    }
}
