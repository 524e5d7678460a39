package org.guichet.dossiers.internal.observatory;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import javax.persistence.Query;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;
import org.guichet.api.observatory.ObservatoryService;
import org.guichet.api.observatory.Summary;
import org.guichet.api.observatory.Summary.Count;
import org.guichet.api.observatory.Summary.Delay;
import org.guichet.api.observatory.Summary.DocumentCount;
import org.guichet.api.observatory.Summary.OrganisationHelp;
import org.guichet.api.observatory.Summary.Step;
import org.guichet.api.partners.Organisation;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Tx;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observatory's summary, read from the ledger's tables (V10) that {@link Ledger} keeps up to date: one pass over
 * the rows of the dossiers opened in the period (one small row each, by an index on scheme and day), two grouped
 * reads of the day and document counters. Percentiles are computed here, because Derby has no percentile function.
 */
@Component(service = ObservatoryService.class, configurationPid = ObservatoryConfig.PID)
@Designate(ocd = ObservatoryConfig.class)
public class ObservatoryServiceImpl implements ObservatoryService {
    static final List<String> CHANNELS = List.of("ONLINE", "MEDIATOR", "PHONE", "PARTNER");
    /** the steps a never-submitted dossier may have stopped after, in order */
    static final List<String> STOPS = List.of("DOSSIER_OPENED", "ANSWERS_SAVED", "ANSWERS_COMPLETE",
            "DOCUMENTS_COMPLETE");
    private static final double DAY = 86_400.0;
    private static final Logger LOG = LoggerFactory.getLogger(ObservatoryServiceImpl.class);

    private final Tx tx;
    private final SchemeRegistry registry;
    private final Clock clock;
    private volatile ObservatoryConfig config;
    /** the background pass that warms the summary at start (null in tests and when switched off) */
    private Thread warmUp;

    @Activate
    public ObservatoryServiceImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference SchemeRegistry registry, ObservatoryConfig config) {
        this(emf, registry, config, Clock.systemUTC());
        int delay = config.warmUpDelaySeconds();
        if (delay >= 0) {
            warmUp = new Thread(() -> {
                try {
                    Thread.sleep(delay * 1000L);
                    long ms = warmUp();
                    LOG.info("Observatory warmed up in {} ms: the first summary asked will not pay the cold start", ms);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    // nothing is lost: the first summary asked is only slower
                    LOG.warn("Observatory warm-up failed: {}", e.toString());
                }
            }, "guichet-observatory-warm-up");
            warmUp.setDaemon(true);
            warmUp.setPriority(Thread.MIN_PRIORITY);
            warmUp.start();
        }
    }

    @Deactivate
    void deactivate() {
        if (warmUp != null) {
            warmUp.interrupt();
        }
    }

    /**
     * The summary of every scheme over the page's default period (the last twelve months), computed and thrown away:
     * the statements compiled, the JVM's and the database's code paths hot, so that the first directorate to ask does
     * not wait for the cold start (1.6 s on Derby with 100,000 dossiers, against 0.4–0.6 s once warm: see
     * docs/observatory.md). Reads only. Returns how long it took, in milliseconds.
     */
    public long warmUp() {
        long t0 = System.nanoTime();
        LocalDate today = today();
        for (String scheme : registry.list().stream().map(SchemeInfo::id).distinct().toList()) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            compute(scheme, today.minusYears(1).plusDays(1), today, null);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** For tests: with a clock of one's own. */
    public ObservatoryServiceImpl(EntityManagerFactory emf, SchemeRegistry registry, ObservatoryConfig config,
            Clock clock) {
        this.tx = new Tx(emf);
        this.registry = registry;
        this.clock = clock;
        modified(config);
    }

    @Modified
    void modified(ObservatoryConfig c) {
        this.config = c;
    }

    @Override
    public void simulated(String schemeId) {
        // only a scheme the portal has: a made-up id in a request must not create rows
        if (schemeId == null || registry.list().stream().noneMatch(s -> s.id().equals(schemeId))) {
            return;
        }
        tx.run(em -> Ledger.count(em, schemeId, Ledger.day(clock.instant()), "SIMULATED", 1));
    }

    @Override
    public Summary summary(Caller viewer, String schemeId, LocalDate from, LocalDate to, Long organisationId) {
        Long organisation = organisationId;
        boolean governs = viewer != null && viewer.assistance() == null && (viewer.has(Role.DIRECTORATE)
                || (viewer.has(Role.SUPERVISOR) && viewer.schemes() != null && viewer.schemes().contains(schemeId)));
        if (!governs) {
            if (viewer != null && viewer.assistance() == null && viewer.has(Role.MEDIATOR)
                    && viewer.organisationId() != null) {
                // an organisation's staff: its own trainees only, whatever was asked
                organisation = viewer.organisationId();
            } else {
                throw GuichetException.forbidden("OBSERVATORY_FORBIDDEN", "L'observatoire est réservé à la direction,"
                        + " aux responsables d'instruction de l'aide et aux organisations pour leurs stagiaires.");
            }
        }
        return compute(schemeId, from, to, organisation);
    }

    @Override
    public Summary summary(Organisation organisation, String schemeId, LocalDate from, LocalDate to) {
        return compute(schemeId, from, to, organisation.id());
    }

    Summary compute(String schemeId, LocalDate from, LocalDate to, Long organisation) {
        if (from == null) {
            throw GuichetException.invalid("DATE_REQUIRED", "from", "Indiquez le premier jour de la période (AAAA-MM-JJ).");
        }
        if (to == null) {
            throw GuichetException.invalid("DATE_REQUIRED", "to", "Indiquez le dernier jour de la période (AAAA-MM-JJ).");
        }
        if (from.isAfter(to)) {
            throw GuichetException.invalid("PERIOD_INVALID", "to", "Le dernier jour de la période vient avant le premier.");
        }
        if (schemeId == null || schemeId.isBlank()) {
            throw GuichetException.invalid("SCHEME_REQUIRED", "scheme", "Indiquez l'aide.");
        }
        ObservatoryConfig c = config;
        int min = c.minimumCell();
        return tx.call(em -> {
            if (registry.list().stream().noneMatch(s -> s.id().equals(schemeId)) && !hasRows(em, schemeId)) {
                throw GuichetException.notFound("SCHEME_NOT_FOUND", "Cette aide n'existe pas : " + schemeId);
            }
            Rows r = rows(em, schemeId, from, to, organisation, c);
            Map<String, Long> day = organisation == null ? dayCounts(em, schemeId, from, to) : Map.of();
            List<Step> funnel = new ArrayList<>();
            if (organisation == null) {
                funnel.add(step("SIMULATED", "simulations", day.getOrDefault(schemeId + "/SIMULATED", 0L), min));
                funnel.add(step("ACCOUNT_CREATED", "accounts", day.getOrDefault("*/ACCOUNT_CREATED", 0L), min));
                funnel.add(step("ACCOUNT_ACTIVATED", "accounts", day.getOrDefault("*/ACCOUNT_ACTIVATED", 0L), min));
            }
            funnel.add(step("DOSSIER_OPENED", "dossiers", r.opened, min));
            funnel.add(step("ANSWERS_COMPLETE", "dossiers", r.answersComplete, min));
            funnel.add(step("DOCUMENTS_COMPLETE", "dossiers", r.documentsComplete, min));
            funnel.add(step("SUBMITTED", "dossiers", r.submitted, min));
            funnel.add(step("DECIDED", "dossiers", r.decided, min));
            funnel.add(step("FIRST_PAYMENT", "dossiers", r.firstPayment, min));

            List<DocumentCount> refused = new ArrayList<>();
            List<DocumentCount> complements = new ArrayList<>();
            for (DocumentCount d : documents(em, schemeId, from, to, organisation, min)) {
                ("REFUSED_AT_UPLOAD".equals(d.outcome()) ? refused : complements).add(d);
            }
            Count accountCalls = organisation == null ? count("ACCOUNT_PHONE_CALLS",
                    day.getOrDefault("*/ACCOUNT_PHONE_CALLS", 0L), min) : null;
            Count accountMinutes = organisation == null ? minutes("ACCOUNT_PHONE_MINUTES",
                    day.getOrDefault("*/ACCOUNT_PHONE_SECONDS", 0L), day.getOrDefault("*/ACCOUNT_PHONE_CALLS", 0L), min)
                    : null;
            Summary.Assistance assistance = new Summary.Assistance(
                    count("PHONE_CALLS_ON_DOSSIERS", r.phoneCalls, min),
                    minutes("PHONE_MINUTES_ON_DOSSIERS", r.phoneSeconds, r.phoneDossiers, min),
                    delay("PHONE_MINUTES_PER_DOSSIER", "minutes", r.phoneMinutes, min),
                    accountCalls, accountMinutes,
                    count("MEDIATED_DOSSIERS", r.mediated, min),
                    minutes("MEDIATOR_MINUTES", r.mediatorSeconds, r.mediated, min),
                    count("ORGANISATION_ANSWERS", r.organisationAnswers, min),
                    count("ORGANISATION_DOCUMENTS", r.organisationDocuments, min),
                    count("ORGANISATION_ATTENDANCE", r.organisationAttendance, min),
                    count("ORGANISATION_ESTIMATED_MINUTES", r.organisationMinutes(c), min),
                    delay("AGENT_MINUTES_PER_DOSSIER", "minutes", r.agentMinutes, min),
                    organisations(em, r, min, c));
            List<Delay> delays = List.of(
                    delay("SUBMISSION_TO_DECISION", "days", r.toDecision, min),
                    delay("DECISION_TO_FIRST_PAYMENT", "days", r.toPayment, min),
                    delay("FIRST_PAYMENT_LATE_AGAINST_PROMISE", "days", r.paymentLate, min),
                    delay("WAITING_ON_APPLICANT", "days", r.waitApplicant, min),
                    delay("WAITING_ON_AGENT", "days", r.waitAgent, min),
                    delay("WAITING_ON_ORGANISATION", "days", r.waitOrganisation, min));
            return new Summary(schemeId, from, to, organisation, min, funnel,
                    group(STOPS, r.stops, min), refused, group(CHANNELS, r.channels, min), assistance, delays,
                    complements, group(CHANNELS, r.complementsBy, min), outcomes(r, min), clock.instant());
        });
    }

    private static boolean hasRows(EntityManager em, String schemeId) {
        return !em.createNativeQuery("SELECT DOSSIER_ID FROM OBSERVATORY_DOSSIER WHERE SCHEME_ID = ?1")
                .setParameter(1, schemeId).setMaxResults(1).getResultList().isEmpty();
    }

    /** What one pass over the period's dossier rows gathers. */
    static final class Rows {
        long opened;
        long answersComplete;
        long documentsComplete;
        long submitted;
        long decided;
        long firstPayment;
        long phoneCalls;
        long phoneSeconds;
        long phoneDossiers;
        long mediated;
        long mediatorSeconds;
        long organisationAnswers;
        long organisationDocuments;
        long organisationAttendance;
        long granted;
        long refused;
        final Map<String, Long> stops = new HashMap<>();
        final Map<String, Long> channels = new HashMap<>();
        /** complements answered, by the channel of the answer (the same keys as the channels) */
        final Map<String, Long> complementsBy = new HashMap<>();
        final Map<String, Long> reasons = new TreeMap<>();
        /**
         * per organisation: mediated, prefilled, answers, documents, mediator seconds, attendance lines, dossiers it
         * reported attendance for, dossiers it is concerned in (each once)
         */
        final Map<Long, long[]> byOrganisation = new TreeMap<>();
        final Distribution phoneMinutes = new Distribution();
        final Distribution agentMinutes = new Distribution();
        final Distribution toDecision = new Distribution();
        final Distribution toPayment = new Distribution();
        final Distribution paymentLate = new Distribution();
        final Distribution waitApplicant = new Distribution();
        final Distribution waitAgent = new Distribution();
        final Distribution waitOrganisation = new Distribution();

        long organisationMinutes(ObservatoryConfig c) {
            return Math.round(mediatorSeconds / 60.0) + organisationAnswers * c.organisationMinutesPerAnswer()
                    + organisationDocuments * c.organisationMinutesPerDocument()
                    + organisationAttendance * c.organisationMinutesPerAttendance();
        }
    }

    /**
     * One pass over the period's rows, by JDBC on the transaction's own connection: through JPA each of a year's
     * 80,000 rows became a record of objects first, which took seconds on Derby (measured by ObservatoryVolumeTest).
     */
    private static Rows rows(EntityManager em, String schemeId, LocalDate from, LocalDate to, Long organisation,
            ObservatoryConfig c) {
        String sql = "SELECT ANSWERS_SAVED_AT, ANSWERS_COMPLETE_AT, DOCUMENTS_COMPLETE_AT, SUBMITTED_AT, DECIDED_AT,"
                + " FIRST_PAYMENT_AT, SUBMIT_CHANNEL, GRANTED, OUTCOME_REASON, FIRST_PAYMENT_LATE_DAYS, PHONE_CALLS,"
                + " PHONE_SECONDS, MEDIATOR_ACTIONS, MEDIATOR_SECONDS, ORGANISATION_ANSWERS, ORGANISATION_DOCUMENTS,"
                + " AGENT_SECONDS, WAIT_APPLICANT_SECONDS, WAIT_ORGANISATION_SECONDS, WAIT_AGENT_SECONDS,"
                + " MEDIATOR_ORGANISATION_ID, PARTNER_ORGANISATION_ID, ORGANISATION_ATTENDANCE,"
                + " ATTENDANCE_ORGANISATION_ID, COMPLEMENTS_BY_APPLICANT, COMPLEMENTS_BY_MEDIATOR, COMPLEMENTS_BY_PHONE,"
                + " COMPLEMENTS_BY_ORGANISATION FROM OBSERVATORY_DOSSIER"
                + " WHERE SCHEME_ID = ? AND OPENED_DAY >= ? AND OPENED_DAY <= ?"
                + (organisation == null ? "" : " AND (MEDIATOR_ORGANISATION_ID = ? OR PARTNER_ORGANISATION_ID = ?"
                        + " OR ATTENDANCE_ORGANISATION_ID = ?)");
        Rows r = new Rows();
        // the transaction's connection: not ours to close
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement q = connection.prepareStatement(sql)) {
            q.setString(1, schemeId);
            q.setDate(2, Date.valueOf(from));
            q.setDate(3, Date.valueOf(to));
            if (organisation != null) {
                q.setLong(4, organisation);
                q.setLong(5, organisation);
                q.setLong(6, organisation);
            }
            q.setFetchSize(1000);
            try (ResultSet x = q.executeQuery()) {
                while (x.next()) {
                    row(r, x);
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
        return r;
    }

    private static void row(Rows r, ResultSet x) throws SQLException {
        r.opened++;
        boolean saved = x.getTimestamp(1) != null;
        boolean answers = x.getTimestamp(2) != null;
        boolean documents = x.getTimestamp(3) != null;
        Timestamp submitted = x.getTimestamp(4);
        Timestamp decided = x.getTimestamp(5);
        Timestamp paid = x.getTimestamp(6);
        String channel = x.getString(7);
        int granted = x.getInt(8);
        String reason = x.getString(9);
        int late = x.getInt(10);
        boolean lateKnown = !x.wasNull();
        long phoneCalls = x.getLong(11);
        long phoneSeconds = x.getLong(12);
        long mediatorActions = x.getLong(13);
        long mediatorSeconds = x.getLong(14);
        long orgAnswers = x.getLong(15);
        long orgDocuments = x.getLong(16);
        long agentSeconds = x.getLong(17);
        long waitApplicant = x.getLong(18);
        long waitOrganisation = x.getLong(19);
        long waitAgent = x.getLong(20);
        boolean waitAgentKnown = !x.wasNull();
        long mediator = x.getLong(21);
        boolean mediated = !x.wasNull();
        long partner = x.getLong(22);
        boolean prefilled = !x.wasNull();
        long attendance = x.getLong(23);
        long attendanceBy = x.getLong(24);
        boolean attended = !x.wasNull();
        r.complementsBy.merge("ONLINE", x.getLong(25), Long::sum);
        r.complementsBy.merge("MEDIATOR", x.getLong(26), Long::sum);
        r.complementsBy.merge("PHONE", x.getLong(27), Long::sum);
        r.complementsBy.merge("PARTNER", x.getLong(28), Long::sum);
        if (answers) {
            r.answersComplete++;
        }
        if (documents) {
            r.documentsComplete++;
        }
        if (submitted == null) {
            String stop = documents ? "DOCUMENTS_COMPLETE" : answers ? "ANSWERS_COMPLETE"
                    : saved ? "ANSWERS_SAVED" : "DOSSIER_OPENED";
            r.stops.merge(stop, 1L, Long::sum);
        } else {
            r.submitted++;
            r.channels.merge(channel == null ? "ONLINE" : channel, 1L, Long::sum);
        }
        if (phoneCalls > 0) {
            r.phoneCalls += phoneCalls;
            r.phoneSeconds += phoneSeconds;
            r.phoneDossiers++;
            r.phoneMinutes.add(round(phoneSeconds / 60.0));
        }
        if (mediatorActions > 0) {
            r.mediated++;
            r.mediatorSeconds += mediatorSeconds;
        }
        r.organisationAnswers += orgAnswers;
        r.organisationDocuments += orgDocuments;
        r.organisationAttendance += attendance;
        if (decided != null) {
            r.decided++;
            if (granted == 1) {
                r.granted++;
            } else {
                r.refused++;
                r.reasons.merge(reason == null ? "UNSPECIFIED" : reason, 1L, Long::sum);
            }
            r.agentMinutes.add(round(agentSeconds / 60.0));
            if (submitted != null) {
                r.toDecision.add(round((decided.getTime() - submitted.getTime()) / 1000.0 / DAY));
                r.waitApplicant.add(round(waitApplicant / DAY));
                r.waitOrganisation.add(round(waitOrganisation / DAY));
                if (waitAgentKnown) {
                    r.waitAgent.add(round(waitAgent / DAY));
                }
            }
            if (paid != null) {
                r.firstPayment++;
                // a payment is known by its day: whole days from the decision's day
                LocalDate decidedDay = Ledger.day(decided.toInstant());
                LocalDate paidDay = paid.toLocalDateTime().toLocalDate();
                r.toPayment.add(java.time.temporal.ChronoUnit.DAYS.between(decidedDay, paidDay));
                if (lateKnown) {
                    r.paymentLate.add(late);
                }
            }
        }
        if (mediated) {
            long[] o = r.byOrganisation.computeIfAbsent(mediator, k -> new long[8]);
            o[0]++;
            o[4] += mediatorSeconds;
            o[7]++;
        }
        if (prefilled) {
            long[] o = r.byOrganisation.computeIfAbsent(partner, k -> new long[8]);
            o[1]++;
            o[2] += orgAnswers;
            o[3] += orgDocuments;
            if (!mediated || mediator != partner) {
                o[7]++;
            }
        }
        if (attended) {
            long[] o = r.byOrganisation.computeIfAbsent(attendanceBy, k -> new long[8]);
            o[5] += attendance;
            o[6]++;
            if ((!mediated || mediator != attendanceBy) && (!prefilled || partner != attendanceBy)) {
                o[7]++;
            }
        }
    }

    private static Map<String, Long> dayCounts(EntityManager em, String schemeId, LocalDate from, LocalDate to) {
        Map<String, Long> out = new HashMap<>();
        for (Object o : em.createNativeQuery("SELECT SCHEME_ID, MEASURE, SUM(N) FROM OBSERVATORY_DAY WHERE SCHEME_ID IN"
                + " (?1, '*') AND DAY >= ?2 AND DAY <= ?3 GROUP BY SCHEME_ID, MEASURE").setParameter(1, schemeId)
                .setParameter(2, Date.valueOf(from)).setParameter(3, Date.valueOf(to)).getResultList()) {
            Object[] x = (Object[]) o;
            out.put(x[0] + "/" + x[1], num(x[2]));
        }
        return out;
    }

    private static List<DocumentCount> documents(EntityManager em, String schemeId, LocalDate from, LocalDate to,
            Long organisation, int min) {
        String sql = "SELECT DOCUMENT_TYPE, OUTCOME, REASON, SUM(N) FROM OBSERVATORY_DOCUMENT WHERE SCHEME_ID = ?1 AND"
                + " DAY >= ?2 AND DAY <= ?3" + (organisation == null ? "" : " AND ORGANISATION_ID = ?4")
                + " GROUP BY DOCUMENT_TYPE, OUTCOME, REASON";
        Query q = em.createNativeQuery(sql).setParameter(1, schemeId).setParameter(2, Date.valueOf(from))
                .setParameter(3, Date.valueOf(to));
        if (organisation != null) {
            q.setParameter(4, organisation);
        }
        List<Object[]> rows = new ArrayList<>();
        for (Object o : q.getResultList()) {
            rows.add((Object[]) o);
        }
        // most frequent first, then by type and reason (a stable order for the page and the tests)
        rows.sort((a, b) -> {
            int byCount = Long.compare(num(b[3]), num(a[3]));
            return byCount != 0 ? byCount : (a[0] + "/" + a[1] + "/" + a[2]).compareTo(b[0] + "/" + b[1] + "/" + b[2]);
        });
        return rows.stream().map(x -> {
            long n = num(x[3]);
            boolean hidden = Suppression.small(n, min);
            return new DocumentCount((String) x[0], (String) x[1], "".equals(x[2]) ? null : (String) x[2],
                    hidden ? null : n, hidden);
        }).toList();
    }

    private static List<OrganisationHelp> organisations(EntityManager em, Rows r, int min, ObservatoryConfig c) {
        List<OrganisationHelp> out = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : r.byOrganisation.entrySet()) {
            long[] v = e.getValue();
            // an organisation is shown when it is concerned in enough dossiers (each counted once): otherwise its line
            // would single trainees out
            boolean hidden = Suppression.small(v[7], min) || v[7] == 0;
            List<?> name = em.createNativeQuery("SELECT NAME FROM ORGANISATION WHERE ID = ?1").setParameter(1, e.getKey())
                    .getResultList();
            long minutes = Math.round(v[4] / 60.0) + v[2] * c.organisationMinutesPerAnswer()
                    + v[3] * c.organisationMinutesPerDocument() + v[5] * c.organisationMinutesPerAttendance();
            out.add(new OrganisationHelp(e.getKey(), name.isEmpty() ? null : (String) name.get(0),
                    hidden ? null : v[0], hidden ? null : v[1], hidden ? null : v[2], hidden ? null : v[3],
                    hidden ? null : v[5], hidden ? null : minutes, hidden));
        }
        return out;
    }

    private static Summary.Outcomes outcomes(Rows r, int min) {
        boolean[] h = Suppression.group(List.of(r.granted, r.refused), min);
        List<String> keys = new ArrayList<>(r.reasons.keySet());
        return new Summary.Outcomes(new Count("GRANTED", h[0] ? null : r.granted, h[0]),
                new Count("REFUSED", h[1] ? null : r.refused, h[1]), group(keys, r.reasons, min));
    }

    /** Cells of a group whose total is shown elsewhere: primary and complementary suppression. */
    static List<Count> group(List<String> keys, Map<String, Long> counts, int min) {
        List<Long> values = keys.stream().map(k -> counts.getOrDefault(k, 0L)).toList();
        boolean[] hidden = Suppression.group(values, min);
        List<Count> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add(new Count(keys.get(i), hidden[i] ? null : values.get(i), hidden[i]));
        }
        return out;
    }

    private static Step step(String step, String unit, long n, int min) {
        boolean hidden = Suppression.small(n, min);
        return new Step(step, unit, hidden ? null : n, hidden);
    }

    private static Count count(String key, long n, int min) {
        boolean hidden = Suppression.small(n, min);
        return new Count(key, hidden ? null : n, hidden);
    }

    /** Minutes in total, hidden when they come from too few dossiers or calls (they would be one person's). */
    private static Count minutes(String key, long seconds, long from, int min) {
        boolean hidden = Suppression.small(from, min);
        return new Count(key, hidden ? null : Math.round(seconds / 60.0), hidden);
    }

    private static Delay delay(String name, String unit, Distribution d, int min) {
        boolean hidden = Suppression.small(d.size(), min);
        return new Delay(name, unit, hidden ? null : (long) d.size(), hidden ? null : d.percentile(0.5),
                hidden ? null : d.percentile(0.9), hidden);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    /** Today in Paris, for the page's default period. */
    public LocalDate today() {
        return Ledger.day(clock.instant());
    }
}
