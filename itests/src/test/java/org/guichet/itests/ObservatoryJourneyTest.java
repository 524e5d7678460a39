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
        dist.start(Duration.ofMinutes(4));
        admin = scenario.activateAndSignIn(ADMIN, "INVITATION", "la region suit ses aides de pres");
        partnerKey = api.post("/admin/organisations", map("name", "Centre " + RUN, "kind", "TRAINING_ORGANISATION"),
                admin).json().path("apiKey").asText();
        scenario.invite(admin, DORA, "Dora Direction", "DIRECTORATE", null);
        scenario.invite(admin, SAM, "Sam Responsable", "SUPERVISOR", null, VT);
        scenario.invite(admin, ALEX, "Alex Agent", "AGENT", null, VT);
        dora = scenario.activateAndSignIn(DORA, "INVITATION", "la direction lit l'observatoire");
        sam = scenario.activateAndSignIn(SAM, "INVITATION", "sam suit la charge de son equipe");
        alex = scenario.activateAndSignIn(ALEX, "INVITATION", "alex instruit les dossiers de formation");

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
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
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
        assertEquals(8, step(s, "ACCOUNT_CREATED").path("count").asInt(), "six sign-ups, two accounts made by mandates");
        assertEquals(6, step(s, "ACCOUNT_ACTIVATED").path("count").asInt(), "applicants only, not the invited staff");
        assertEquals(8, step(s, "DOSSIER_OPENED").path("count").asInt());
        assertEquals(8, step(s, "ANSWERS_COMPLETE").path("count").asInt());
        assertEquals(7, step(s, "DOCUMENTS_COMPLETE").path("count").asInt());
        assertEquals(7, step(s, "SUBMITTED").path("count").asInt());
        assertEquals(6, step(s, "DECIDED").path("count").asInt());
        assertEquals(0, step(s, "FIRST_PAYMENT").path("count").asInt());
        assertEquals(5, cell(s.path("channels"), "ONLINE").path("count").asInt());
        // 2 by the mediator: hidden, and so is the smallest other cell (PHONE's 0), or MEDIATOR = 7 - 5 - 0 - 0
        assertTrue(cell(s.path("channels"), "MEDIATOR").path("count").isNull(), s.path("channels").toString());
        assertTrue(cell(s.path("channels"), "PHONE").path("suppressed").asBoolean(), s.path("channels").toString());
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
        assertEquals(6, delay.path("count").asInt(), delay.toString());
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
            assertEquals(0, cell(s.path("channels"), "PARTNER").path("count").asInt());
            assertEquals(5, s.path("outcomes").path("granted").path("count").asInt());
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
            assertEquals(6, waits.path("count").asInt(), "one per decided dossier: " + waits);
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
        assertEquals(0, step(own.json(), "DOSSIER_OPENED").path("count").asInt());
    }
}
