package org.guichet.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ByteArrayBodyPart;
import static io.gatling.javaapi.http.HttpDsl.StringBodyPart;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.Http;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A September morning at the portal: the first weeks of the training year, when trainees, their counsellors and the
 * training organisations all file at once and agents start deciding. Five populations run together:
 * <ul>
 *   <li>visitors use the simulator: the scheme list, the vocational-training form, two simulations of the worked
 *       example;</li>
 *   <li>trainees sign up, activate from the mailed link, sign in, open a dossier, answer step by step, upload the six
 *       documents and submit (those the organisation enrolled find the training part pre-filled);</li>
 *   <li>mediators of a Mission locale ask a young person for a mandate, who accepts with the mailed link, then open
 *       a dossier for her, answer, upload and submit;</li>
 *   <li>the training organisation sends enrolment CSVs of 30 trainees and the monthly attendance of those granted;</li>
 *   <li>agents look at their queue, read a case file, take it and grant it (with a payee IBAN).</li>
 * </ul>
 * Open injection: the users of each population arrive over {@code rampUp} seconds, and each repeats its journey
 * until {@code duration} seconds after the first arrival, so that {@code users} are at work at once. Request names
 * are request types, so that the report gives figures per type. See README.md.
 */
public class SeptemberMorningSimulation extends Simulation {
    static {
        // the JPEGs are drawn in memory; no display is needed, nor wanted when DISPLAY happens to be set
        System.setProperty("java.awt.headless", "true");
    }

    private static final Settings SETTINGS = Settings.fromSystemProperties();
    private static final Settings.Populations POPULATIONS = SETTINGS.populations();
    private static final Campaign CAMPAIGN = new Campaign(SETTINGS.duration(), Boolean.getBoolean("guichet.smoke"));
    private static final Outbox OUTBOX = new Outbox(SETTINGS.outbox(), Set.of("ACTIVATION", "INVITATION",
            "MANDATE_REQUEST"));

    /** Every request type of the morning, as named in the report; each must run at least once. */
    static final List<String> REQUEST_TYPES = List.of("scheme list", "scheme", "simulate", "sign-up", "activate",
            "sign-in", "open dossier", "answers", "upload", "submit", "mandate request", "mandate acceptance",
            "enrolment CSV", "attendance", "queue", "case file", "take", "decide");

    /** The worked example of vocational-training (shared/schemes), split by the form's steps. */
    static final Map<String, Map<String, Object>> STEPS = new LinkedHashMap<>();

    static {
        STEPS.put("about-you", Portal.map("birthDate", "2001-03-10"));
        STEPS.put("training", Portal.map("trainingStartDate", "2026-09-14", "trainingEndDate", "2027-02-26",
                "trainingHours", 600, "programme", "QUALIF_EMPLOI", "regionFunded", true));
        STEPS.put("situation", Portal.map("franceTravailRegistered", true, "unemploymentBenefit", "NONE",
                "familyBreakdown", false, "singleParent", false));
        STEPS.put("income", Portal.map("taxNoticeProvided", true, "referenceTaxIncome", 14400, "taxShares", 1));
        STEPS.put("travel", Portal.map("homeToTrainingKm", 25));
    }

    private LocalDistribution distribution;
    private String accountsCfgBefore;

    public SeptemberMorningSimulation() {
        HttpProtocolBuilder protocol = http.baseUrl(SETTINGS.apiUrl())
                // Gatling warms its HTTP engine up with a request to https://gatling.io by default: the portal instead
                .warmUp(SETTINGS.apiUrl() + "/health")
                .acceptHeader("application/json")
                .acceptLanguageHeader("fr")
                .userAgentHeader("guichet-load-test");
        Duration ramp = SETTINGS.rampUp();
        List<PopulationBuilder> populations = List.of(
                visitors().injectOpen(arrive(POPULATIONS.visitors(), ramp)),
                trainees().injectOpen(arrive(POPULATIONS.trainees(), ramp)),
                mediators().injectOpen(arrive(POPULATIONS.mediators(), ramp)),
                organisation().injectOpen(atOnceUsers(POPULATIONS.organisations())),
                agents().injectOpen(arrive(POPULATIONS.agents(), ramp)));
        List<Assertion> assertions = new ArrayList<>();
        assertions.add(global().failedRequests().count().is(0L));
        for (String type : REQUEST_TYPES) {
            assertions.add(details(type).allRequests().count().gte(1L));
        }
        setUp(populations).protocols(protocol).assertions(assertions)
                .maxDuration(SETTINGS.duration().plus(ramp).plusMinutes(2));
        // Gatling writes its report after after(): the figures per request type are read from it at the JVM's exit
        FileTime started = FileTime.fromMillis(System.currentTimeMillis());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> statsOfTheReport(started), "report-stats"));
    }

    /** Writes js/stats.json into the report this run made, and prints the figures per request type. */
    private static void statsOfTheReport(FileTime started) {
        try {
            Path results = Paths.get(System.getProperty("guichet.results", "target/gatling"));
            Optional<Path> report = ReportStats.newest(results, started);
            if (report.isPresent()) {
                List<ReportStats.Row> rows = ReportStats.write(report.get());
                System.out.println("[load-test] figures per request type (" + report.get().resolve("js/stats.json")
                        + "):\n" + ReportStats.table(rows));
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            System.out.println("[load-test] could not read the report's statistics: " + e);
        }
    }

    private static OpenInjectionStep arrive(int users, Duration ramp) {
        return ramp.isZero() ? atOnceUsers(users) : rampUsers(users).during(ramp);
    }

    // ---- set-up and tear-down (not measured)

    @Override
    public void before() {
        try {
            System.out.println("[load-test] run " + CAMPAIGN.run + ": " + SETTINGS.users() + " users (" + POPULATIONS
                    + ") for " + SETTINGS.duration().toSeconds() + " s, ramp-up " + SETTINGS.rampUp().toSeconds()
                    + " s, think time " + SETTINGS.thinkTime() + " s, against " + SETTINGS.url());
            Portal portal = new Portal(SETTINGS.apiUrl(), OUTBOX);
            // an admin given on the command line, or one the portal creates for this run from etc/ (see Portal)
            boolean adminGiven = SETTINGS.adminEmail() != null;
            String adminEmail = adminGiven ? SETTINGS.adminEmail() : "admin-" + CAMPAIGN.run + "@region.example";
            if (SETTINGS.startsItsOwn()) {
                distribution = new LocalDistribution(SETTINGS.distribution(), SETTINGS.home());
                distribution.unpack();
                if (!adminGiven) {
                    LocalDistribution.setConfig(SETTINGS.home(), "org.guichet.accounts.cfg", "admin.email", adminEmail);
                }
                // the simulated people all come from this machine's address: the per-client-address rate limits
                // (etc/org.guichet.ratelimits.cfg) are opened wide; those per mail address and account stay
                for (String key : java.util.List.of("sign.up.per.ip", "sign.in.per.ip", "code.request.per.ip",
                        "code.sign.in.per.ip", "reset.request.per.ip", "link.per.ip", "mandate.request.per.ip",
                        "partner.per.ip")) {
                    LocalDistribution.setConfig(SETTINGS.home(), "org.guichet.ratelimits.cfg", key, "10000000");
                }
                long t0 = System.nanoTime();
                distribution.start(SETTINGS.httpPort(), SETTINGS.sshPort());
                portal.awaitHealthy(Duration.ofMinutes(4), distribution);
                System.out.printf("[load-test] distribution %s started on %s in %.1f s%n", SETTINGS.home(),
                        SETTINGS.url(), (System.nanoTime() - t0) / 1e9);
            } else {
                portal.awaitHealthy(Duration.ofSeconds(30), null);
                if (!adminGiven) {
                    accountsCfgBefore = Portal.configureAdmin(SETTINGS.home(), adminEmail);
                }
            }
            // read what the outbox already holds now, not on the first virtual user's look-up
            OUTBOX.scan();
            String admin = adminGiven ? portal.signIn(adminEmail, SETTINGS.adminPassword())
                    : portal.activateInvitation(adminEmail, Campaign.STAFF_PASSWORD, Duration.ofSeconds(60));
            putBackAccountsCfg();

            Portal.Organisation school = portal.organisation(admin, "Centre de formation " + CAMPAIGN.run,
                    "TRAINING_ORGANISATION");
            CAMPAIGN.apiKey = school.apiKey();
            Portal.Organisation missionLocale = portal.organisation(admin, "Mission locale " + CAMPAIGN.run,
                    "MISSION_LOCALE");
            for (int i = 1; i <= POPULATIONS.agents(); i++) {
                String email = CAMPAIGN.staffEmail("agent", i);
                portal.invite(admin, email, "Agent " + i, "AGENT", null, List.of(Campaign.SCHEME));
                CAMPAIGN.agents.add(email);
            }
            for (int i = 1; i <= POPULATIONS.mediators(); i++) {
                String email = CAMPAIGN.staffEmail("mediateur", i);
                portal.invite(admin, email, "Conseiller " + i, "MEDIATOR", missionLocale.id(), List.of());
                CAMPAIGN.mediators.add(email);
            }
            System.out.println("[load-test] set-up done: admin " + adminEmail + ", organisations "
                    + school.id() + " and " + missionLocale.id() + ", " + POPULATIONS.agents() + " agents and "
                    + POPULATIONS.mediators() + " mediators invited");
        } catch (IOException e) {
            after();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            after();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            after();
            throw e;
        }
    }

    @Override
    public void after() {
        System.out.println("[load-test] run " + CAMPAIGN.run + ": " + CAMPAIGN.summary());
        putBackAccountsCfg();
        if (distribution != null) {
            distribution.stop();
            System.out.println("[load-test] distribution stopped; its files stay in " + SETTINGS.home());
            distribution = null;
        }
    }

    /** The operator's etc/org.guichet.accounts.cfg as it was, once the run's admin exists (the account stays). */
    private void putBackAccountsCfg() {
        if (accountsCfgBefore != null) {
            try {
                Files.writeString(SETTINGS.home().resolve("etc/org.guichet.accounts.cfg"), accountsCfgBefore,
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.out.println("[load-test] could not put back etc/org.guichet.accounts.cfg: " + e);
            }
            accountsCfgBefore = null;
        }
    }

    // ---- the populations

    /** A population's journey, again and again until the end of the morning; a failed journey ends, the next begins. */
    private static ScenarioBuilder population(String name, ChainBuilder start, ChainBuilder journey) {
        return scenario(name).exec(start).exitHereIfFailed()
                .asLongAs(session -> CAMPAIGN.running(), "iteration", true).on(
                        exitBlockOnFail().on(journey),
                        exec(session -> {
                            if (session.isFailed()) {
                                CAMPAIGN.failed(session.scenario(), session.getString("lastRequest"),
                                        session.getString("lastBody"));
                                return session.markAsSucceeded();
                            }
                            return session;
                        }));
    }

    private static ScenarioBuilder visitors() {
        ChainBuilder journey = exec(
                call("scheme list", r -> r.get("/schemes"), status().is(200)),
                think(),
                call("scheme", r -> r.get("/schemes/" + Campaign.SCHEME), status().is(200),
                        jsonPath("$.fields").exists()),
                think(),
                call("simulate", r -> r.post("/schemes/" + Campaign.SCHEME + "/simulate")
                        .body(json(s -> Portal.map("answers", workedExample(25)))).asJson(),
                        status().is(200), jsonPath("$.eligible").ofBoolean().is(true)),
                think(),
                // and again, as people do: what if I lived further away?
                call("simulate", r -> r.post("/schemes/" + Campaign.SCHEME + "/simulate")
                        .body(json(s -> Portal.map("answers", workedExample(45)))).asJson(),
                        status().is(200), jsonPath("$.eligible").ofBoolean().is(true)),
                think());
        return population("visitors", exec(session -> session), journey);
    }

    private static ScenarioBuilder trainees() {
        ChainBuilder journey = exec(session -> {
                    String enrolled = CAMPAIGN.takeEnrolled();
                    String email = enrolled != null ? enrolled : CAMPAIGN.email("stagiaire");
                    String name = "Stagiaire " + session.userId();
                    // she files for herself: the applicant is the person signed in
                    return session.set("email", email).set("name", name).set("enrolled", enrolled != null)
                            .set("applicantEmail", email).set("applicantName", name);
                })
                .exec(
                        call("sign-up", r -> r.post("/accounts").body(json(s -> Portal.map("email", s.getString("email"),
                                "password", Campaign.APPLICANT_PASSWORD, "displayName", s.getString("name")))).asJson(),
                                status().is(202)),
                        readMail("ACTIVATION", "email", "activationToken"),
                        call("activate", r -> r.post("/accounts/activation")
                                .body(json(s -> Portal.map("token", s.getString("activationToken"), "password",
                                        Campaign.APPLICANT_PASSWORD))).asJson(),
                                status().is(200)),
                        think(),
                        signIn(Campaign.APPLICANT_PASSWORD),
                        think(),
                        call("open dossier", r -> r.post("/dossiers").header("Authorization", "Bearer #{token}")
                                .body(json(s -> Portal.map("schemeId", Campaign.SCHEME))).asJson(),
                                status().is(201), jsonPath("$.id").ofLong().saveAs("dossierId"),
                                jsonPath("$.version").ofLong().saveAs("version")),
                        think(),
                        fileTheDossier());
        // the organisation sends its first list as the morning opens: the first trainees wait for it (5 s at most)
        ChainBuilder start = asLongAs(session -> !CAMPAIGN.firstEnrolmentsSent()
                && (!session.contains("wait") || session.getInt("wait") < 20), "wait").on(pause(Duration.ofMillis(250)));
        return population("trainees", start, journey);
    }

    private static ScenarioBuilder mediators() {
        ChainBuilder start = staffSignIn(CAMPAIGN.mediators, false); // mediators give no second factor
        ChainBuilder journey = exec(session -> session.set("applicantEmail", CAMPAIGN.email("jeune"))
                        .set("applicantName", "Jeune " + session.userId()).set("enrolled", false))
                .exec(
                        call("mandate request", r -> r.post("/mandates").header("Authorization", "Bearer #{token}")
                                .body(json(s -> Portal.map("applicantEmail", s.getString("applicantEmail"),
                                        "applicantName", s.getString("applicantName")))).asJson(),
                                status().is(201), jsonPath("$.applicant.id").ofLong().saveAs("applicantId")),
                        // the young person opens her mail and follows the link (no account, no session)
                        readMail("MANDATE_REQUEST", "applicantEmail", "mandateToken"),
                        call("mandate acceptance", r -> r.post("/mandates/acceptance")
                                .body(json(s -> Portal.map("token", s.getString("mandateToken")))).asJson(),
                                status().is(200), jsonPath("$.state").is("ACTIVE")),
                        think(),
                        call("open dossier", r -> r.post("/dossiers").header("Authorization", "Bearer #{token}")
                                .body(json(s -> Portal.map("schemeId", Campaign.SCHEME,
                                        "applicantId", s.getLong("applicantId")))).asJson(),
                                status().is(201), jsonPath("$.id").ofLong().saveAs("dossierId"),
                                jsonPath("$.version").ofLong().saveAs("version")),
                        think(),
                        fileTheDossier());
        return population("mediators", start, journey);
    }

    private static ScenarioBuilder organisation() {
        ChainBuilder journey = exec(
                doIf(session -> CAMPAIGN.needsEnrolments(POPULATIONS.trainees())).then(
                        exec(session -> {
                            List<String> batch = CAMPAIGN.newEnrolmentBatch();
                            return session.set("batch", batch).set("csv", Campaign.enrolmentCsv(batch));
                        }),
                        call("enrolment CSV", r -> r.post("/partners/enrolments")
                                .header("X-Api-Key", s -> CAMPAIGN.apiKey)
                                .header("Content-Type", "text/csv; charset=UTF-8")
                                .body(StringBody("#{csv}")),
                                status().is(200), jsonPath("$.accepted").ofInt().is(Campaign.ENROLMENT_ROWS)),
                        exec(session -> {
                            if (!session.isFailed()) {
                                CAMPAIGN.enrolmentsAccepted(session.getList("batch"));
                            }
                            return session;
                        })),
                doIf(session -> CAMPAIGN.hasGrantedEnrolled()).then(
                        exec(session -> {
                            Map.Entry<String, Integer> csv = CAMPAIGN.attendanceCsv();
                            return session.set("attendanceCsv", csv.getKey()).set("attendanceRows", csv.getValue());
                        }),
                        call("attendance", r -> r.post("/partners/attendance")
                                .header("X-Api-Key", s -> CAMPAIGN.apiKey)
                                .header("Content-Type", "text/csv; charset=UTF-8")
                                .body(StringBody("#{attendanceCsv}")),
                                status().is(200), jsonPath("$.accepted").ofInt().is(s -> s.getInt("attendanceRows"))),
                        exec(session -> {
                            if (!session.isFailed()) {
                                CAMPAIGN.attendanceRows.addAndGet(session.getInt("attendanceRows"));
                            }
                            return session;
                        })),
                // the organisation's system sends its files now and then (every 5 think times), the morning compressed
                pause(Duration.ofMillis(Math.max(500, (long) (SETTINGS.thinkTime() * 5000)))));
        return population("organisation", exec(session -> session), journey);
    }

    private static ScenarioBuilder agents() {
        ChainBuilder start = staffSignIn(CAMPAIGN.agents, true);
        ChainBuilder journey = exec(
                call("queue", r -> r.get("/instruction/queue").header("Authorization", "Bearer #{token}")
                        .queryParam("scheme", Campaign.SCHEME).queryParam("state", "SUBMITTED")
                        .queryParam("unassigned", "true"),
                        status().is(200), jsonPath("$.items").exists()),
                exec(session -> {
                    Campaign.Submitted next = CAMPAIGN.nextToDecide();
                    return next == null ? session.remove("case") : session.set("case", next)
                            .set("caseId", next.dossierId()).set("payeeName", next.name());
                }),
                doIfOrElse(session -> session.contains("case")).then(
                        think(),
                        call("case file", r -> r.get("/instruction/dossiers/#{caseId}")
                                .header("Authorization", "Bearer #{token}"),
                                status().is(200), jsonPath("$.dossier.version").ofLong().saveAs("caseVersion")),
                        think(),
                        call("take", r -> r.post("/instruction/dossiers/#{caseId}/take")
                                .header("Authorization", "Bearer #{token}").queryParam("version", "#{caseVersion}"),
                                status().is(200), jsonPath("$.dossier.state").is("IN_REVIEW")),
                        think(),
                        call("decide", r -> r.post("/instruction/dossiers/#{caseId}/decisions")
                                .header("Authorization", "Bearer #{token}")
                                .body(json(s -> Portal.map("outcome", "GRANTED", "payee", Portal.map(
                                        "name", s.getString("payeeName"), "iban", Campaign.PAYEE_IBAN)))).asJson(),
                                status().is(201), jsonPath("$.outcome").is("GRANTED")),
                        exec(session -> {
                            if (!session.isFailed()) {
                                CAMPAIGN.granted(session.get("case"));
                            }
                            return session;
                        })
                ).orElse(
                        // nothing of this run to decide yet: back to the queue a moment later
                        pause(Duration.ofMillis(Math.max(500, (long) (SETTINGS.thinkTime() * 2000))))));
        return population("agents", start, journey);
    }

    // ---- shared steps

    /** Answers step by step, uploads the six documents and submits; then hands the dossier to the agents. */
    private static ChainBuilder fileTheDossier() {
        List<ChainBuilder> steps = new ArrayList<>();
        List<String> names = new ArrayList<>(STEPS.keySet());
        for (int i = 0; i < names.size(); i++) {
            String step = names.get(i);
            boolean last = i == names.size() - 1;
            List<CheckBuilder> checks = new ArrayList<>(List.of(status().is(200),
                    jsonPath("$.version").ofLong().saveAs("version")));
            if (last) {
                checks.add(jsonPath("$.live.complete").ofBoolean().is(true));
            }
            ChainBuilder answer = exec(call("answers", r -> r.patch("/dossiers/#{dossierId}/answers")
                    .header("Authorization", "Bearer #{token}")
                    .body(json(s -> Portal.map("answers", STEPS.get(step), "version", s.getLong("version")))).asJson(),
                    checks.toArray(CheckBuilder[]::new)), think());
            // the organisation's enrolment already gave the training part
            steps.add(step.equals("training") ? doIf(session -> !session.getBoolean("enrolled")).then(answer) : answer);
        }
        return exec(steps)
                .foreach(Documents.SIX, "documentType").on(
                        exec(session -> {
                            String type = session.getString("documentType");
                            return session.set("file", Documents.content(type, session.getString("applicantEmail")))
                                    .set("fileName", Documents.fileName(type))
                                    .set("fileType", Documents.mediaType(type));
                        }),
                        call("upload", r -> r.post("/dossiers/#{dossierId}/documents")
                                .header("Authorization", "Bearer #{token}")
                                .bodyPart(StringBodyPart("documentType", "#{documentType}"))
                                .bodyPart(ByteArrayBodyPart("file", "#{file}").fileName("#{fileName}")
                                        .contentType("#{fileType}"))
                                .asMultipartForm(),
                                status().is(201)),
                        think())
                .exec(call("submit", r -> r.post("/dossiers/#{dossierId}/submit").header("Authorization", "Bearer #{token}"),
                        status().is(200), jsonPath("$.number").exists()))
                .exec(session -> {
                    if (!session.isFailed()) {
                        CAMPAIGN.submittedDossier(session.getLong("dossierId"), session.getString("applicantName"),
                                session.getString("applicantEmail"), session.getBoolean("enrolled"));
                    }
                    return session.remove("file");
                })
                .exec(think());
    }

    /**
     * A staff member invited at set-up: activates from the invitation mail, choosing a password, then signs in; agents
     * through the second factor, mediators (who are not asked for one) with the password alone.
     */
    private static ChainBuilder staffSignIn(java.util.Queue<String> pool, boolean secondFactor) {
        return exec(session -> {
                    String email = pool.poll();
                    return email == null ? session.markAsFailed() : session.set("email", email);
                })
                .exitHereIfFailed()
                .exec(readMail("INVITATION", "email", "activationToken"),
                        call("activate", r -> r.post("/accounts/activation").body(json(s -> Portal.map(
                                "token", s.getString("activationToken"), "password", Campaign.STAFF_PASSWORD))).asJson(),
                                status().is(200)),
                        secondFactor ? staffSignIn(Campaign.STAFF_PASSWORD) : signIn(Campaign.STAFF_PASSWORD))
                .exitHereIfFailed();
    }

    /**
     * Staff give a second factor: the password answers 200 with a ticket, no session; at this first sign-in the
     * agent enrols (the secret of the enrolment answer, codes computed with java-otp as an app would) and the code
     * gives the session.
     */
    private static ChainBuilder staffSignIn(String password) {
        return exec(
                call("sign-in (staff)", r -> r.post("/sessions").body(json(s -> Portal.map("email", s.getString("email"),
                        "password", password))).asJson(), status().is(200),
                        jsonPath("$.secondStep.ticket").saveAs("ticket")),
                call("second factor: enrolment", r -> r.post("/sessions/second-factor/enrolment")
                        .body(json(s -> Portal.map("ticket", s.getString("ticket")))).asJson(),
                        status().is(200), jsonPath("$.secret").saveAs("totpSecret")),
                call("second factor: first code", r -> r.post("/sessions/second-factor")
                        .body(json(s -> Portal.map("ticket", s.getString("ticket"), "code",
                                Portal.totp(s.getString("totpSecret"))))).asJson(),
                        status().is(201), jsonPath("$.token").saveAs("token")));
    }

    private static ChainBuilder signIn(String password) {
        return call("sign-in", r -> r.post("/sessions").body(json(s -> Portal.map("email", s.getString("email"),
                "password", password))).asJson(), status().is(201), jsonPath("$.token").saveAs("token"));
    }

    /**
     * Reads the link of the newest mail of this topic to the address in {@code emailKey}; the portal writes it before
     * it answers, so it is normally there at once. If it never comes, the token is left unusable and the next
     * request fails, visibly, in the report.
     */
    private static ChainBuilder readMail(String topic, String emailKey, String tokenKey) {
        Function<Session, Session> lookUp = session -> OUTBOX.latest(session.getString(emailKey), topic)
                .map(m -> m.token() == null ? session : session.set(tokenKey, m.token())).orElse(session);
        return exec(session -> lookUp.apply(session.remove(tokenKey)))
                .asLongAs(session -> !session.contains(tokenKey)
                        && (!session.contains("mailTry") || session.getInt("mailTry") < 40), "mailTry").on(
                        pause(Duration.ofMillis(250)), exec(lookUp))
                .exec(session -> session.contains(tokenKey) ? session
                        : session.set(tokenKey, "no-" + topic + "-mail-in-the-outbox"));
    }

    /** One request, named by its type; what it answered is kept to tell why a journey failed. */
    private static ChainBuilder call(String name, Function<Http, HttpRequestActionBuilder> request,
            CheckBuilder... checks) {
        return exec(session -> session.set("lastRequest", name))
                .exec(request.apply(http(name)).check(bodyString().saveAs("lastBody")).check(checks));
    }

    private static ChainBuilder think() {
        double t = SETTINGS.thinkTime();
        if (t <= 0) {
            return exec(session -> session);
        }
        return exec(pause(Duration.ofMillis((long) (t * 500)), Duration.ofMillis((long) (t * 1500))));
    }

    private static io.gatling.javaapi.core.Body.WithString json(Function<Session, Object> body) {
        return StringBody(session -> {
            try {
                return Portal.JSON.writeValueAsString(body.apply(session));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The worked example's answers, with the distance from home to the training place. */
    static Map<String, Object> workedExample(int km) {
        Map<String, Object> a = new LinkedHashMap<>();
        STEPS.values().forEach(a::putAll);
        a.put("homeToTrainingKm", km);
        return a;
    }
}
