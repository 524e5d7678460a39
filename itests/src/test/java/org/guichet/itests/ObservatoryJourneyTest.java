package org.guichet.itests;

import static org.guichet.itests.support.Distribution.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.guichet.itests.support.Api;
import org.guichet.itests.support.Api.Reply;
import org.guichet.itests.support.Distribution;
import org.guichet.itests.support.Mailbox;
import org.guichet.itests.support.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Black-box: the observatory through the distribution's API (issue 15, point 6). A known population — simulations
 * (one refused, not counted), six applicants who sign up alone, five who submit and are granted (one after answering a
 * complement herself), one who stops at the documents; two more filed by a Mission locale counsellor under mandates,
 * one refused after a phone call, one stopped at a complement never answered — then the summary a directorate member
 * reads is checked against what the scenario did: at the shipped threshold (5), with the small counts and their
 * complements hidden, then with the threshold at 1, every figure; applicants and agents get 403, a bad period 400 with
 * its field, an unknown scheme 404, the training organisation its own trainees' figures with its key. No payment is
 * made here (InstructionJourneyTest pays; the ledger's payment figures are checked by ObservatoryScenarioTest).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservatoryJourneyTest {
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String ADMIN = "admin." + RUN + "@region.example";
    static final String DORA = "dora." + RUN + "@region.example";
    static final String SAM = "sam." + RUN + "@region.example";
    static final String ALEX = "alex." + RUN + "@region.example";
    static final String INES = "ines." + RUN + "@mission-locale.example";
    static final String BEA = "bea." + RUN + "@region.example";
    static final String VT = "vocational-training";

    static Distribution dist;
    static Api api;
    static Mailbox mail;
    static Scenario scenario;
    static String admin;
    static String dora;
    static String sam;
    static String alex;
    static String partnerKey;
    static final List<String> applicants = new ArrayList<>();
    static final List<Long> submitted = new ArrayList<>();
    /** the two a Mission locale counsellor files under mandates */
    static final List<Long> mediated = new ArrayList<>();
    static long missionLocale;
    static long centre;
    /** the trainee's first payment: the day it was promised and the day the bank paid it */
    static LocalDate promised;
    static LocalDate paidOn;
    static String period;

    @BeforeAll
    static void unpack() throws Exception {
        dist = Distribution.unpack("observatory");
        api = new Api(dist);
        mail = new Mailbox(dist);
        scenario = new Scenario(api, mail);
    }

    @AfterAll
    static void stop() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    static Map<String, Object> fullAnswers() {
        Map<String, Object> a = new LinkedHashMap<>(Scenario.vocationalTrainingAnswers());
        Map<String, Object> e = new LinkedHashMap<>(Scenario.enrolment("x@example.fr"));
        e.remove("traineeEmail");
        e.remove("firstName");
        e.remove("lastName");
        a.putAll(e);
        return a;
    }

    @Test
    @Order(1)
    void aKnownPopulation() throws Exception {
        dist.setConfig("org.guichet.accounts.cfg", "admin.email", ADMIN);
        dist.setConfig("org.guichet.payments.cfg", "debtor.name", "Region Exemple - Direction des aides");
        dist.setConfig("org.guichet.payments.cfg", "debtor.iban", "FR76 3000 6000 0112 3456 7890 189");
        dist.setConfig("org.guichet.payments.cfg", "debtor.bic", "AGRIFRPP");
        dist.start(Duration.ofMinutes(4));
        admin = scenario.activateAndSignIn(ADMIN, "INVITATION", "la region suit ses aides de pres");
        JsonNode school = api.post("/admin/organisations", map("name", "Centre " + RUN, "kind",
                "TRAINING_ORGANISATION"), admin).json();
        partnerKey = school.path("apiKey").asText();
        centre = school.path("organisation").path("id").asLong();
        scenario.invite(admin, DORA, "Dora Direction", "DIRECTORATE", null);
        scenario.invite(admin, SAM, "Sam Responsable", "SUPERVISOR", null, VT);
        scenario.invite(admin, ALEX, "Alex Agent", "AGENT", null, VT);
        dora = scenario.activateAndSignIn(DORA, "INVITATION", "la direction lit l'observatoire");
        sam = scenario.activateAndSignIn(SAM, "INVITATION", "sam suit la charge de son equipe");
        alex = scenario.activateAndSignIn(ALEX, "INVITATION", "alex instruit les dossiers de formation");
        scenario.invite(admin, BEA, "Béa Agent", "AGENT", null, VT);
        String bea = scenario.activateAndSignIn(BEA, "INVITATION", "bea confirme les virements faits");

        // 6 simulations that the rules answer, 1 refused for its answers (not counted)
        for (int i = 0; i < 6; i++) {
            assertEquals(200, api.post("/schemes/" + VT + "/simulate", map("answers", fullAnswers()), null).status());
        }
        assertEquals(400, api.post("/schemes/" + VT + "/simulate", map("answers", map("taxShares", -1)), null).status());

        for (int i = 0; i < 6; i++) {
            String token = scenario.applicant("seule" + i + "." + RUN + "@example.fr", "Seule " + i,
                    "une demande faite seule " + i);
            applicants.add(token);
            long id = api.post("/dossiers", map("schemeId", VT), token).json().path("id").asLong();
            JsonNode live = api.patch("/dossiers/" + id + "/answers", map("answers", fullAnswers()), token).json()
                    .path("live");
            assertTrue(live.path("complete").asBoolean(), live.toString());
            if (i == 5) {
                continue; // stops at the documents
            }
            scenario.uploadChecklist(id, live, token);
            assertEquals(200, api.post("/dossiers/" + id + "/submit", null, token).status());
            submitted.add(id);
        }
        // a trainee her training organisation enrolled: her dossier is pre-filled, she sends it herself (PARTNER); she
        // is granted, and paid her first month once the organisation reports her attendance
        String traineeEmail = "stagiaire." + RUN + "@example.fr";
        Reply enrolled = api.postRaw("/partners/enrolments", Distribution.JSON.writeValueAsBytes(map("enrolments",
                List.of(Scenario.enrolment(traineeEmail)))), "application/json", null, Map.of("X-Api-Key", partnerKey));
        assertEquals(200, enrolled.status(), enrolled.toString());
        String trainee = scenario.applicant(traineeEmail, "Stagiaire " + RUN, "mon centre a tout prerempli");
        Reply opened = api.post("/dossiers", map("schemeId", VT), trainee);
        assertEquals(201, opened.status(), opened.toString());
        long prefilled = opened.json().path("id").asLong();
        JsonNode prefilledLive = api.patch("/dossiers/" + prefilled + "/answers", map("answers",
                Scenario.vocationalTrainingAnswers()), trainee).json().path("live");
        assertTrue(prefilledLive.path("complete").asBoolean(), prefilledLive.toString());
        scenario.uploadChecklist(prefilled, prefilledLive, trainee);
        assertEquals(200, api.post("/dossiers/" + prefilled + "/submit", null, trainee).status());

        // a Mission locale counsellor files two more, each under the young person's mandate (their accounts are
        // created by the mandate: counted as created, not as activated)
        missionLocale = api.post("/admin/organisations", map("name", "Mission locale " + RUN, "kind", "MISSION_LOCALE"),
                admin).json().path("organisation").path("id").asLong();
        scenario.invite(admin, INES, "Inès Conseil", "MEDIATOR", missionLocale);
        String ines = scenario.activateAndSignIn(INES, "INVITATION", "la mission locale accompagne");
        List<Long> mediatedApplicants = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String young = "aidee" + i + "." + RUN + "@example.fr";
            Reply asked = api.post("/mandates", map("applicantEmail", young, "applicantName", "Aidée " + i), ines);
            assertEquals(201, asked.status(), asked.toString());
            mediatedApplicants.add(asked.json().path("applicant").path("id").asLong());
            assertEquals(200, api.post("/mandates/acceptance", map("token", mail.latest(young, "MANDATE_REQUEST")
                    .token()), null).status());
            Reply created = api.post("/dossiers", map("schemeId", VT, "applicantId", mediatedApplicants.get(i)), ines);
            assertEquals(201, created.status(), created.toString());
            long id = created.json().path("id").asLong();
            JsonNode live = api.patch("/dossiers/" + id + "/answers", map("answers", fullAnswers()), ines).json()
                    .path("live");
            scenario.uploadChecklist(id, live, ines);
            assertEquals(200, api.post("/dossiers/" + id + "/submit", null, ines).status());
            mediated.add(id);
        }
        List<Long> all = new ArrayList<>(submitted);
        all.addAll(mediated);
        all.add(prefilled);
        for (long id : all) {
            long version = api.get("/instruction/dossiers/" + id, alex).json().path("dossier").path("version").asLong();
            Reply take = api.post("/instruction/dossiers/" + id + "/take?version=" + version, null, alex);
            assertEquals(200, take.status(), take.toString());
        }
        // a complement the first applicant answers herself; another, on the second mediated dossier, never answered
        // (it stops there: abandon at the complements)
        Reply asked = api.post("/instruction/dossiers/" + submitted.get(0) + "/complement-requests", map("message",
                "Confirmez la distance entre chez vous et le lieu de formation.", "fields", List.of("homeToTrainingKm")),
                alex);
        assertEquals(201, asked.status(), asked.toString());
        Reply answered = api.post("/dossiers/" + submitted.get(0) + "/complement-requests/" + asked.json().path("id")
                .asLong() + "/answer", map("message", "C'est bien 25 km."), applicants.get(0));
        assertEquals(200, answered.status(), answered.toString());
        assertEquals(201, api.post("/instruction/dossiers/" + mediated.get(1) + "/complement-requests", map("message",
                "Confirmez les dates de la formation.", "fields", List.of("trainingEndDate")), alex).status());
        // a phone call about the first mediated dossier: the young person asks where her application stands
        Reply call = api.post("/instruction/phone-calls", map("applicantId", mediatedApplicants.get(0), "dossierId",
                mediated.get(0), "reason", "Elle demande où en est sa demande"), alex);
        assertEquals(201, call.status(), call.toString());
        Reply ended = api.post("/instruction/phone-calls/" + call.json().path("id").asLong() + "/end",
                map("outcome", "Renseignée"), alex);
        assertEquals(200, ended.status(), ended.toString());
        // five granted (those sent alone), the first mediated refused, the second waits for its complement
        for (long id : submitted) {
            Reply decided = api.post("/instruction/dossiers/" + id + "/decisions", map("outcome", "GRANTED", "payee",
                    map("name", "Seule", "iban", "FR76 3000 6000 0112 3456 7890 189")), alex);
            assertEquals(201, decided.status(), decided.toString());
        }
        Reply refused = api.post("/instruction/dossiers/" + mediated.get(0) + "/decisions", map("outcome", "REFUSED",
                "refusalReasons", List.of("La formation n'est pas financée par la Région.")), alex);
        assertEquals(201, refused.status(), refused.toString());
        Reply grantedTrainee = api.post("/instruction/dossiers/" + prefilled + "/decisions", map("outcome", "GRANTED",
                "payee", map("name", "Stagiaire", "iban", "FR76 3000 6000 0112 3456 7890 189")), alex);
        assertEquals(201, grantedTrainee.status(), grantedTrainee.toString());
        // her first month: the centre reports the attendance, an agent issues the file, another confirms it paid
        JsonNode first = api.get("/dossiers/" + prefilled + "/payments", trainee).json().path(0);
        promised = LocalDate.parse(first.path("promisedDate").asText());
        Reply attendance = api.postRaw("/partners/attendance", Distribution.JSON.writeValueAsBytes(map("attendance",
                List.of(map("traineeEmail", traineeEmail, "month", first.path("month").asText(), "attendedHours", 70,
                        "scheduledHours", 70)))), "application/json", null, Map.of("X-Api-Key", partnerKey));
        assertEquals(1, attendance.json().path("accepted").asInt(), attendance.toString());
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        paidOn = today.plusDays(1);
        Reply batch = api.post("/payments/batches", map("asOf", today.toString(), "executionDate", paidOn.toString()),
                alex);
        assertEquals(201, batch.status(), batch.toString());
        assertEquals(1, batch.json().path("count").asInt(), batch.toString());
        Reply paid = api.post("/payments/batches/" + batch.json().path("id").asLong() + "/paid", map("paidOn",
                paidOn.toString()), bea);
        assertEquals("PAID", paid.json().path("status").asText(), paid.toString());
        period = "&from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    }

    static JsonNode step(JsonNode summary, String step) {
        for (JsonNode s : summary.path("funnel")) {
            if (s.path("step").asText().equals(step)) {
                return s;
            }
        }
        throw new AssertionError("no step " + step + " in " + summary);
    }

    static JsonNode delay(JsonNode summary, String name) {
        for (JsonNode d : summary.path("delays")) {
            if (d.path("name").asText().equals(name)) {
                return d;
            }
        }
        throw new AssertionError("no delay " + name + " in " + summary);
    }

    static JsonNode cell(JsonNode cells, String key) {
        for (JsonNode s : cells) {
            if (s.path("key").asText().equals(key)) {
                return s;
            }
        }
        throw new AssertionError("no " + key + " in " + cells);
    }

    @Test
    @Order(2)
    void theDirectorateReadsWhatThePopulationDid() throws Exception {
        Reply r = api.get("/observatory/summary?scheme=" + VT + period, dora);
        assertEquals(200, r.status(), r.toString());
        JsonNode s = r.json();
        assertEquals(6, step(s, "SIMULATED").path("count").asInt(), s.toString());
        assertEquals("simulations", step(s, "SIMULATED").path("unit").asText());
        assertEquals(9, step(s, "ACCOUNT_CREATED").path("count").asInt(), "seven sign-ups, two accounts made by mandates");
        assertEquals(7, step(s, "ACCOUNT_ACTIVATED").path("count").asInt(), "applicants only, not the invited staff");
        assertEquals(9, step(s, "DOSSIER_OPENED").path("count").asInt());
        assertEquals(9, step(s, "ANSWERS_COMPLETE").path("count").asInt());
        assertEquals(8, step(s, "DOCUMENTS_COMPLETE").path("count").asInt());
        assertEquals(8, step(s, "SUBMITTED").path("count").asInt());
        assertEquals(7, step(s, "DECIDED").path("count").asInt());
        // one paid: fewer than 5, hidden
        assertTrue(step(s, "FIRST_PAYMENT").path("suppressed").asBoolean(), step(s, "FIRST_PAYMENT").toString());
        assertTrue(step(s, "FIRST_PAYMENT").path("count").isNull());
        assertEquals(5, cell(s.path("channels"), "ONLINE").path("count").asInt());
        // 2 by the mediator and 1 pre-filled: both hidden (two hidden cells cannot be told apart from the total)
        assertTrue(cell(s.path("channels"), "MEDIATOR").path("count").isNull(), s.path("channels").toString());
        assertTrue(cell(s.path("channels"), "PARTNER").path("count").isNull(), s.path("channels").toString());
        assertEquals(0, cell(s.path("channels"), "PHONE").path("count").asInt(), s.path("channels").toString());
        // 1 refused: hidden, and granted with it (decisions 6 is shown)
        assertTrue(s.path("outcomes").path("refused").path("count").isNull(), s.path("outcomes").toString());
        assertTrue(s.path("outcomes").path("granted").path("count").isNull(), s.path("outcomes").toString());
        // one stop at the documents: fewer than 5, hidden, and so is a second cell of the stops
        JsonNode stop = cell(s.path("stops"), "ANSWERS_COMPLETE");
        assertTrue(stop.path("suppressed").asBoolean() && stop.path("count").isNull(), stop.toString());
        int hidden = 0;
        for (JsonNode c : s.path("stops")) {
            hidden += c.path("suppressed").asBoolean() ? 1 : 0;
        }
        assertEquals(2, hidden, s.path("stops").toString());
        JsonNode delay = s.path("delays").get(0);
        assertEquals("SUBMISSION_TO_DECISION", delay.path("name").asText());
        assertEquals(7, delay.path("count").asInt(), delay.toString());
        assertTrue(delay.path("median").asDouble() < 1.0, "decided the same day: " + delay);
        assertEquals(5, s.path("minimumCell").asInt());
        assertTrue(s.toString().indexOf("@example.fr") < 0, "no personal data");
    }

    /**
     * With the threshold at 1 (etc/org.guichet.observatory.cfg, read live), every figure the small population makes,
     * against what the scenario did: channels, help by the mediator and by phone, the organisation's line, who answered
     * the complements, outcomes, stops and waits.
     */
    @Test
    @Order(3)
    void everyFigureOfTheSmallPopulationOnceNothingIsHidden() throws Exception {
        dist.setConfig("org.guichet.observatory.cfg", "minimumCell", "1");
        String path = "/observatory/summary?scheme=" + VT + period;
        JsonNode s = api.get(path, dora).json();
        for (int i = 0; i < 60 && s.path("minimumCell").asInt() != 1; i++) {
            Thread.sleep(500);
            s = api.get(path, dora).json();
        }
        try {
            assertEquals(1, s.path("minimumCell").asInt(), "the new threshold is read live");
            assertEquals(5, cell(s.path("channels"), "ONLINE").path("count").asInt(), s.toString());
            assertEquals(2, cell(s.path("channels"), "MEDIATOR").path("count").asInt());
            assertEquals(0, cell(s.path("channels"), "PHONE").path("count").asInt());
            assertEquals(1, cell(s.path("channels"), "PARTNER").path("count").asInt());
            assertEquals(6, s.path("outcomes").path("granted").path("count").asInt());
            assertEquals(1, s.path("outcomes").path("refused").path("count").asInt());
            assertEquals(1, cell(s.path("outcomes").path("refusedReasons"), "OTHER").path("count").asInt(),
                    "an agent's own words");
            JsonNode help = s.path("assistance");
            assertEquals(2, help.path("mediatedDossiers").path("count").asInt(), help.toString());
            assertEquals(1, help.path("phoneCallsOnDossiers").path("count").asInt(), help.toString());
            JsonNode ml = null;
            for (JsonNode o : help.path("organisations")) {
                if (o.path("organisationId").asLong() == missionLocale) {
                    ml = o;
                }
            }
            assertTrue(ml != null, help.toString());
            assertEquals(2, ml.path("mediatedDossiers").asInt(), ml.toString());
            assertEquals("Mission locale " + RUN, ml.path("name").asText());
            assertTrue(ml.path("estimatedMinutes").asInt() >= 10, "two dossiers, five minutes at least each: " + ml);
            // who answered the complements: the applicant herself, once; the other is still waiting
            assertEquals(1, cell(s.path("complementsAnsweredBy"), "ONLINE").path("count").asInt(), s.toString());
            assertEquals(0, cell(s.path("complementsAnsweredBy"), "MEDIATOR").path("count").asInt());
            // the one that stopped at the documents; the one waiting for its complement is submitted, not a stop
            assertEquals(1, cell(s.path("stops"), "ANSWERS_COMPLETE").path("count").asInt(), s.path("stops").toString());
            JsonNode waits = null;
            for (JsonNode d : s.path("delays")) {
                if (d.path("name").asText().equals("WAITING_ON_APPLICANT")) {
                    waits = d;
                }
            }
            assertEquals(7, waits.path("count").asInt(), "one per decided dossier: " + waits);
            // the payment: one first payment, paid the day after the decision, against the date it was promised
            assertEquals(1, step(s, "FIRST_PAYMENT").path("count").asInt());
            JsonNode toPayment = delay(s, "DECISION_TO_FIRST_PAYMENT");
            assertEquals(1, toPayment.path("count").asInt(), toPayment.toString());
            assertEquals(1.0, toPayment.path("median").asDouble(), 0.001, toPayment.toString());
            JsonNode late = delay(s, "FIRST_PAYMENT_LATE_AGAINST_PROMISE");
            assertEquals((double) java.time.temporal.ChronoUnit.DAYS.between(promised, paidOn),
                    late.path("median").asDouble(), 0.001, late.toString());
            // the training centre's line: the dossier it pre-filled, its answers, the month of attendance it reported
            JsonNode school = null;
            for (JsonNode o : help.path("organisations")) {
                if (o.path("organisationId").asLong() == centre) {
                    school = o;
                }
            }
            assertTrue(school != null, help.toString());
            assertEquals(1, school.path("prefilledDossiers").asInt(), school.toString());
            assertEquals(1, school.path("attendanceReported").asInt(), school.toString());
            assertTrue(school.path("answersSupplied").asInt() >= 5, school.toString());
            assertEquals(1, help.path("organisationAttendance").path("count").asInt(), help.toString());
            assertTrue(s.toString().indexOf("@example.fr") < 0, "no personal data");
        } finally {
            dist.setConfig("org.guichet.observatory.cfg", "minimumCell", "5");
            for (int i = 0; i < 60 && api.get(path, dora).json().path("minimumCell").asInt() != 5; i++) {
                Thread.sleep(500);
            }
        }
    }

    @Test
    @Order(4)
    void refusals() throws Exception {
        String path = "/observatory/summary?scheme=" + VT + period;
        assertEquals("OBSERVATORY_FORBIDDEN", api.get(path, applicants.get(0)).code());
        assertEquals(403, api.get(path, applicants.get(0)).status());
        assertEquals(403, api.get(path, alex).status(), "an agent");
        assertEquals(200, api.get(path, sam).status(), "a supervisor of the scheme");
        assertEquals(401, api.get(path, null).status());
        Reply bad = api.get("/observatory/summary?scheme=" + VT + "&from=2026-02-30&to=2026-03-01", dora);
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("from", bad.json().path("field").asText());
        Reply reversed = api.get("/observatory/summary?scheme=" + VT + "&from=2026-03-01&to=2026-02-01", dora);
        assertEquals("to", reversed.json().path("field").asText());
        assertEquals(404, api.get("/observatory/summary?scheme=no-such-scheme" + period, dora).status());
        // the directorate reaches no dossier and no queue
        long any = submitted.get(0);
        assertTrue(api.get("/dossiers/" + any, dora).status() >= 403);
        assertEquals(403, api.get("/instruction/dossiers/" + any, dora).status());
        // the organisation with its key: its own trainees (none here), never the scheme's
        Reply own = api.sendWithHeader("GET", path, null, null, "X-Api-Key", partnerKey);
        assertEquals(200, own.status(), own.toString());
        assertTrue(own.json().path("organisationId").asLong() > 0);
        // its one trainee's dossier: fewer than 5, hidden
        assertTrue(step(own.json(), "DOSSIER_OPENED").path("suppressed").asBoolean(), own.json().toString());
    }
}
