package org.guichet.itests;

import static org.guichet.itests.support.Distribution.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.guichet.itests.support.Api;
import org.guichet.itests.support.Api.Reply;
import org.guichet.itests.support.Distribution;
import org.guichet.itests.support.Files2;
import org.guichet.itests.support.Mailbox;
import org.guichet.itests.support.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Black-box: the back office as agents use it. A vocational-training dossier goes through a rejected document, a
 * complement request the applicant answers, a phone call, a grant, two months of attendance and a SEPA file whose
 * amounts match the installments; a driving-licence dossier through a refusal with reasons; two agents acting at
 * once on one dossier get one success and one 409.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstructionJourneyTest {
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String ADMIN = "admin." + RUN + "@region.example";
    static final String LEA = "lea." + RUN + "@example.fr";
    static final String YANIS = "yanis." + RUN + "@example.fr";
    static final String ALEX = "alex." + RUN + "@region.example";
    static final String BEA = "bea." + RUN + "@region.example";
    static final String SAM = "sam." + RUN + "@region.example";
    static final String CAMILLE = "camille." + RUN + "@mission-locale.example";
    static final String LEA_IBAN = "FR14 2004 1010 0505 0001 3M02 606";
    static final String NOTE = "Note interne " + RUN + " : RIB flou, vérifier au téléphone";

    static Distribution dist;
    static Api api;
    static Mailbox mail;
    static Scenario scenario;
    static String admin;
    static String lea;
    static String alex;
    static String bea;
    static String sam;
    static String camille;
    static String partnerKey;
    static long leaId;
    static long vt;
    static long dl;
    static String holder;

    protected void configure(Distribution d) throws Exception {
        // the shipped default: embedded Derby
    }

    @BeforeAll
    static void unpack() throws Exception {
        dist = Distribution.unpack("instruction");
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

    @Test
    @Order(1)
    void peopleAndTwoSubmittedDossiers() throws Exception {
        configure(dist);
        dist.setConfig("org.guichet.accounts.cfg", "admin.email", ADMIN);
        dist.setConfig("org.guichet.payments.cfg", "debtor.name", "Region Exemple - Direction des aides");
        dist.setConfig("org.guichet.payments.cfg", "debtor.iban", "FR76 3000 6000 0112 3456 7890 189");
        dist.setConfig("org.guichet.payments.cfg", "debtor.bic", "AGRIFRPP");
        dist.start(Duration.ofMinutes(4));
        admin = scenario.activateAndSignIn(ADMIN, "INVITATION", "la region paie les aides aux stagiaires");
        Reply school = api.post("/admin/organisations", map("name", "Centre de formation " + RUN, "kind", "TRAINING_ORGANISATION"), admin);
        partnerKey = school.json().path("apiKey").asText();
        long ml = api.post("/admin/organisations", map("name", "Mission locale " + RUN, "kind", "MISSION_LOCALE"), admin)
                .json().path("organisation").path("id").asLong();
        scenario.invite(admin, ALEX, "Alex Agent", "AGENT", null, "vocational-training", "driving-licence");
        scenario.invite(admin, BEA, "Béa Agent", "AGENT", null, "vocational-training");
        scenario.invite(admin, SAM, "Sam Responsable", "SUPERVISOR", null, "vocational-training", "driving-licence");
        scenario.invite(admin, CAMILLE, "Camille Conseil", "MEDIATOR", ml);
        alex = scenario.activateAndSignIn(ALEX, "INVITATION", "alex instruit les dossiers de formation");
        bea = scenario.activateAndSignIn(BEA, "INVITATION", "bea instruit aussi mais pas le permis");
        sam = scenario.activateAndSignIn(SAM, "INVITATION", "sam suit la charge de son equipe");
        camille = scenario.activateAndSignIn(CAMILLE, "INVITATION", "mission locale du centre ville");
        // a lost phone: an admin resets Béa's second factor; her session ends, she enrols again at her next sign-in
        long beaId = api.get("/accounts/me", bea).json().path("id").asLong();
        assertEquals(200, api.post("/admin/accounts/" + beaId + "/second-factor-reset", null, admin).status());
        assertEquals(401, api.get("/accounts/me", bea).status(), "her sessions end");
        org.guichet.itests.support.Phone.forget(BEA);
        Reply beaAgain = api.post("/sessions", map("email", BEA, "password", "bea instruit aussi mais pas le permis"), null);
        assertTrue(beaAgain.json().path("secondStep").path("enrol").asBoolean(), beaAgain.toString());
        bea = org.guichet.itests.support.Phone.session(api, BEA, beaAgain);

        assertEquals(200, api.postRaw("/partners/enrolments", Distribution.JSON.writeValueAsBytes(
                map("enrolments", List.of(Scenario.enrolment(LEA)))), "application/json", null,
                Map.of("X-Api-Key", partnerKey)).status());
        lea = scenario.applicant(LEA, "Léa Martin", "jardin violet sous la pluie");
        leaId = api.get("/accounts/me", lea).json().path("id").asLong();
        vt = api.post("/dossiers", map("schemeId", "vocational-training"), lea).json().path("id").asLong();
        JsonNode live = api.patch("/dossiers/" + vt + "/answers", map("answers", Scenario.vocationalTrainingAnswers()), lea)
                .json().path("live");
        assertTrue(live.path("complete").asBoolean(), live.toString());
        scenario.uploadChecklist(vt, live, lea);
        assertEquals(200, api.post("/dossiers/" + vt + "/submit", null, lea).status());

        // a young person the rules will refuse (17 on the day of the application), filed by her counsellor
        Reply consent = api.upload("/mandates/signed-consent", Map.of("applicantEmail", YANIS, "applicantName", "Yanis"),
                "consentement.pdf", "application/pdf", Files2.pdf("Mandat"), camille, Map.of());
        long yanisId = consent.json().path("applicant").path("id").asLong();
        assertEquals("PENDING", consent.json().path("state").asText(), consent.toString());
        // he never opens his mail: an agent checks the scanned form instead
        long consentId = consent.json().path("id").asLong();
        Reply toCheck = api.get("/mandates/consent-checks", alex);
        assertTrue(toCheck.json().toString().contains("\"id\":" + consentId + ","), toCheck.toString());
        assertEquals(200, api.get("/mandates/" + consentId + "/consent-form", alex).status());
        assertEquals(403, api.get("/mandates/consent-checks", camille).status());
        Reply checked = api.post("/mandates/" + consentId + "/consent-check", map("valid", true), alex);
        assertEquals("ACTIVE", checked.json().path("state").asText(), checked.toString());
        dl = api.post("/dossiers", map("schemeId", "driving-licence", "applicantId", yanisId), camille).json().path("id").asLong();
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("birthDate", "2008-03-11");
        answers.put("applicationDate", "2026-03-10");
        answers.put("missionLocaleFollowed", true);
        answers.put("pathway", "QUALIFICATION_SUPPORT");
        answers.put("licenceObstacleToProject", true);
        answers.put("drivingSchoolInRegion", true);
        answers.put("includesHighwayCode", true);
        answers.put("quoteAmount", 1200);
        JsonNode dlLive = api.patch("/dossiers/" + dl + "/answers", map("answers", answers), camille).json().path("live");
        assertFalse(dlLive.path("eligible").asBoolean(), dlLive.toString());
        scenario.uploadChecklist(dl, dlLive, camille);
        Reply submitted = api.post("/dossiers/" + dl + "/submit", null, camille);
        assertEquals(200, submitted.status(), "an applicant the rules refuse may still ask for a decision: " + submitted);
    }

    @Test
    @Order(2)
    void theQueueAcrossSchemesAndOnlyTheSchemesAssigned() throws Exception {
        Reply queue = api.get("/instruction/queue", alex);
        assertEquals(200, queue.status(), queue.toString());
        List<Long> ids = new ArrayList<>();
        queue.json().path("items").forEach(i -> ids.add(i.path("id").asLong()));
        assertEquals(List.of(vt, dl), ids.subList(ids.size() - 2, ids.size()), "oldest first, both schemes: " + queue);
        assertTrue(queue.json().path("countsByState").path("SUBMITTED").asLong() >= 2, queue.toString());
        JsonNode first = queue.json().path("items").get(ids.indexOf(vt));
        assertEquals("AGENT", first.path("waitingOn").asText());
        assertNotNull(first.path("deadline").asText(null));

        Reply beaQueue = api.get("/instruction/queue?scheme=driving-licence", bea);
        assertEquals(0, beaQueue.json().path("items").size(), "Béa does not instruct the driving-licence aid: " + beaQueue);
        assertEquals(404, api.get("/instruction/dossiers/" + dl, bea).status());
        assertEquals(200, api.get("/instruction/queue?unassigned=true&waitingOn=AGENT&minAgeDays=0", bea).status());
        assertEquals("STATE_INVALID", api.get("/instruction/queue?state=NOPE", alex).code());
        // a draft is the applicant's own work in progress: agents do not see it, by any path
        long draft = api.post("/dossiers", map("schemeId", "vocational-training"), lea).json().path("id").asLong();
        assertEquals(404, api.get("/dossiers/" + draft, alex).status());
        assertEquals(404, api.get("/instruction/dossiers/" + draft, alex).status());
        List<Long> queued = new ArrayList<>();
        api.get("/instruction/queue", alex).json().path("items").forEach(i -> queued.add(i.path("id").asLong()));
        assertFalse(queued.contains(draft), "the queue's dossiers (not an applicant's id that happens to be equal)");
        Reply notAgent = api.get("/instruction/queue", lea);
        assertEquals(403, notAgent.status());
        assertEquals("AGENT_ONLY", notAgent.code());
    }

    @Test
    @Order(3)
    void twoAgentsTakeTheSameDossierAtOnceOneGetsA409() throws Exception {
        long version = api.get("/instruction/dossiers/" + vt, alex).json().path("dossier").path("version").asLong();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Reply> byAlex = () -> api.post("/instruction/dossiers/" + vt + "/take?version=" + version, null, alex);
            Callable<Reply> byBea = () -> api.post("/instruction/dossiers/" + vt + "/take?version=" + version, null, bea);
            Future<Reply> a = pool.submit(byAlex);
            Future<Reply> b = pool.submit(byBea);
            Reply ra = a.get();
            Reply rb = b.get();
            Set<Integer> statuses = new TreeSet<>(List.of(ra.status(), rb.status()));
            assertEquals(Set.of(200, 409), statuses, "one wins, the other is told: " + ra + " / " + rb);
            Reply loser = ra.status() == 409 ? ra : rb;
            assertTrue(Set.of("ALREADY_TAKEN", "EDIT_CONFLICT").contains(loser.code()), loser.toString());
            holder = ra.status() == 200 ? alex : bea;
        } finally {
            pool.shutdown();
        }
        JsonNode file = api.get("/instruction/dossiers/" + vt, holder).json();
        assertEquals("IN_REVIEW", file.path("dossier").path("state").asText());
        // the other agent may not act on it
        String other = holder.equals(alex) ? bea : alex;
        Reply notHers = api.post("/instruction/dossiers/" + vt + "/notes", map("body", "x"), other);
        assertEquals(201, notHers.status(), "notes are open to every agent of the scheme: " + notHers);
        Reply blocked = api.post("/instruction/dossiers/" + vt + "/complement-requests", map("message", "x"), other);
        assertEquals(409, blocked.status());
        assertEquals("ALREADY_TAKEN", blocked.code());
        // a stale version is refused too
        assertEquals("EDIT_CONFLICT", api.post("/instruction/dossiers/" + vt + "/take?version=" + version, null, holder).code());
    }

    @Test
    @Order(4)
    void aRejectedDocumentAComplementRequestAnsweredAndTheThread() throws Exception {
        JsonNode file = api.get("/instruction/dossiers/" + vt, holder).json();
        long identity = documentId(file, "IDENTITY");
        long bank = documentId(file, "BANK_DETAILS");
        Reply accepted = api.post("/instruction/dossiers/" + vt + "/documents/" + identity + "/check",
                map("status", "ACCEPTED"), holder);
        assertEquals(201, accepted.status(), accepted.toString());
        assertEquals("REASON_REQUIRED", api.post("/instruction/dossiers/" + vt + "/documents/" + bank + "/check",
                map("status", "REJECTED"), holder).code());
        Reply rejected = api.post("/instruction/dossiers/" + vt + "/documents/" + bank + "/check",
                map("status", "REJECTED", "reasonCode", "ILLEGIBLE", "comment", "On ne lit pas l'IBAN."), holder);
        assertEquals(201, rejected.status(), rejected.toString());
        assertEquals("Le document est illisible ou flou", rejected.json().path("reasonLabel").asText());
        assertEquals(201, api.post("/instruction/dossiers/" + vt + "/notes", map("body", NOTE), holder).status());

        String deadline = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(10).toString();
        Reply asked = api.post("/instruction/dossiers/" + vt + "/complement-requests", map("message",
                "Votre RIB est illisible : envoyez une photo nette, prise à la lumière du jour.", "documentTypes",
                List.of("BANK_DETAILS"), "deadline", deadline), holder);
        assertEquals(201, asked.status(), asked.toString());
        long request = asked.json().path("id").asLong();
        JsonNode waiting = api.get("/instruction/dossiers/" + vt, holder).json();
        assertEquals("WAITING_COMPLEMENT", waiting.path("dossier").path("state").asText());
        assertEquals("APPLICANT", waiting.path("waitingOn").asText());
        assertEquals(deadline, waiting.path("deadline").asText());
        JsonNode waitingQueue = api.get("/instruction/queue?waitingOn=APPLICANT", holder).json();
        assertTrue(waitingQueue.path("items").toString().contains("\"id\":" + vt + ","), waitingQueue.toString());
        Mailbox.Mail notice = mail.latest(LEA, "COMPLEMENT_REQUEST");
        assertTrue(notice.text().contains("RIB à votre nom") && notice.text().contains("illisible"), notice.text());

        // the applicant sees the request, never the internal note
        Reply hers = api.get("/dossiers/" + vt, lea);
        assertFalse(hers.toString().contains(NOTE), "internal notes stay internal");
        assertFalse(api.get("/dossiers/" + vt + "/messages", lea).toString().contains(NOTE));
        assertEquals(1, api.get("/dossiers/" + vt + "/complement-requests", lea).json().size());
        Reply notAsked = api.patch("/dossiers/" + vt + "/answers", map("answers", map("homeToTrainingKm", 40)), lea);
        assertEquals(409, notAsked.status());
        assertEquals("NOT_REQUESTED", notAsked.code());
        Reply early = api.post("/dossiers/" + vt + "/complement-requests/" + request + "/answer", map("message", "voilà"), lea);
        assertEquals(409, early.status());
        assertEquals("COMPLEMENT_INCOMPLETE", early.code());
        Reply photo = api.upload("/dossiers/" + vt + "/documents", Map.of("documentType", "BANK_DETAILS",
                "replaces", String.valueOf(bank)), "rib-net.jpg", "image/jpeg", Files2.jpeg(1600, 1000), lea, Map.of());
        assertEquals(201, photo.status(), photo.toString());
        Reply answered = api.post("/dossiers/" + vt + "/complement-requests/" + request + "/answer",
                map("message", "Voici une photo nette de mon RIB."), lea);
        assertEquals(200, answered.status(), answered.toString());
        assertEquals("ANSWERED", answered.json().path("state").asText());
        JsonNode back = api.get("/instruction/dossiers/" + vt, holder).json();
        assertEquals("IN_REVIEW", back.path("dossier").path("state").asText());
        assertEquals("AGENT", back.path("waitingOn").asText());
        assertTrue(mail.latest(holder.equals(alex) ? ALEX : BEA, "COMPLEMENT_ANSWERED").text().contains("est arrivé"));

        // the thread: an agent writes (the applicant is told by mail), she answers
        assertEquals(201, api.post("/dossiers/" + vt + "/messages", map("body", "Merci, c'est lisible."), holder).status());
        assertTrue(mail.latest(LEA, "MESSAGE").text().contains("c'est lisible"));
        assertEquals(201, api.post("/dossiers/" + vt + "/messages", map("body", "Merci à vous !"), lea).status());
        JsonNode thread = api.get("/dossiers/" + vt + "/messages", lea).json();
        assertEquals("AGENT", thread.path(0).path("authorRole").asText());
        assertEquals("APPLICANT", thread.path(1).path("authorRole").asText());
    }

    @Test
    @Order(5)
    void aPhoneCallAndActionsOnHerBehalfAreRecordedAsAssisted() throws Exception {
        Reply call = api.post("/instruction/phone-calls", map("applicantId", leaId, "dossierId", vt,
                "reason", "Elle ne sait pas quand elle sera payée"), holder);
        assertEquals(201, call.status(), call.toString());
        long callId = call.json().path("id").asLong();
        Reply assisted = api.sendWithHeader("POST", "/dossiers/" + vt + "/messages",
                map("body", "Je voudrais être payée sur mon nouveau compte."), holder, "X-Phone-Call", String.valueOf(callId));
        assertEquals(201, assisted.status(), assisted.toString());
        assertEquals("AGENT", assisted.json().path("authorRole").asText());
        // the call reaches this dossier only: not another of hers, not a new one
        long other = api.post("/dossiers", map("schemeId", "vocational-training"), lea).json().path("id").asLong();
        assertEquals(404, api.sendWithHeader("GET", "/dossiers/" + other, null, holder, "X-Phone-Call",
                String.valueOf(callId)).status());
        assertEquals(403, api.sendWithHeader("POST", "/dossiers", map("schemeId", "vocational-training"), holder,
                "X-Phone-Call", String.valueOf(callId)).status());
        // a call about her account (help to sign in) reaches no dossier at all
        long accountCall = api.post("/instruction/phone-calls", map("applicantId", leaId, "reason", "Mot de passe perdu"),
                holder).json().path("id").asLong();
        assertEquals(404, api.sendWithHeader("GET", "/dossiers/" + vt, null, holder, "X-Phone-Call",
                String.valueOf(accountCall)).status());
        assertEquals("[]", api.sendWithHeader("GET", "/dossiers", null, holder, "X-Phone-Call",
                String.valueOf(accountCall)).json().toString());
        api.post("/instruction/phone-calls/" + accountCall + "/end", map("outcome", "Code envoyé"), holder);
        Reply ended = api.post("/instruction/phone-calls/" + callId + "/end", map("outcome", "Expliqué le calendrier des versements"), holder);
        assertEquals(200, ended.status());
        assertTrue(ended.json().path("durationSeconds").asLong() >= 0);
        assertEquals("CALL_ENDED", api.sendWithHeader("GET", "/dossiers/" + vt, null, holder, "X-Phone-Call",
                String.valueOf(callId)).code(), "no acting for her once the call is over");
        JsonNode history = api.get("/dossiers/" + vt, lea).json().path("history");
        boolean phone = false;
        for (JsonNode h : history) {
            if (h.path("type").asText().equals("MESSAGE_POSTED") && h.path("channel").asText().equals("PHONE")) {
                phone = true;
                assertEquals(leaId, h.path("onBehalfOfId").asLong());
            }
        }
        assertTrue(phone, "assisted action flagged PHONE: " + history);
        assertFalse(history.toString().contains("Elle ne sait pas quand"), "the agent's words stay hers: " + history);
        assertFalse(history.toString().contains("calendrier des versements"), history.toString());
        JsonNode loads = api.get("/instruction/workloads", sam).json();
        assertTrue(loads.toString().contains("\"callsLast30Days\":2"), loads.toString());
        assertEquals(403, api.get("/instruction/workloads", alex).status());

        // a newer version would be compared before anything changes; with the same version nothing differs
        Reply same = api.get("/instruction/dossiers/" + vt + "/reevaluation?version=1.0.0", holder);
        assertEquals(200, same.status(), same.toString());
        assertFalse(same.json().path("eligibilityChanged").asBoolean());
        assertTrue(same.json().path("applicable").asBoolean());
        assertEquals("SCHEME_VERSION_NOT_ACTIVE", api.get("/instruction/dossiers/" + vt + "/reevaluation?version=9.9.9", holder).code());
    }

    @Test
    @Order(6)
    void aGrantTwoMonthsOfAttendanceAndASepaFileThatMatchesTheInstallments() throws Exception {
        Reply noJustification = api.post("/instruction/dossiers/" + vt + "/decisions", map("outcome", "GRANTED", "amount", 3000,
                "payee", map("name", "Léa Martin", "iban", LEA_IBAN)), holder);
        assertEquals(400, noJustification.status());
        assertEquals("JUSTIFICATION_REQUIRED", noJustification.code());
        assertEquals("IBAN_INVALID", api.post("/instruction/dossiers/" + vt + "/decisions", map("outcome", "GRANTED",
                "payee", map("name", "Léa Martin", "iban", "FR14 0000 0000 0000 0000 0000 000")), holder).code());
        // four eyes: another amount is never decided by one agent; proposed, it waits for a second agent
        Map<String, Object> another = map("outcome", "GRANTED", "amount", 3000, "justification", "Frais de transport",
                "payee", map("name", "Léa Martin", "iban", LEA_IBAN));
        Reply alone = api.post("/instruction/dossiers/" + vt + "/decisions", another, holder);
        assertEquals(409, alone.status(), alone.toString());
        assertEquals("APPROVAL_REQUIRED", alone.code());
        Reply proposed = api.post("/instruction/dossiers/" + vt + "/decision-proposals", another, holder);
        assertEquals(201, proposed.status(), proposed.toString());
        long proposal = proposed.json().path("id").asLong();
        Reply waiting = api.get("/instruction/pending-decisions", sam);
        assertEquals(200, waiting.status(), waiting.toString());
        boolean listed = false;
        for (JsonNode p : waiting.json()) {
            listed |= p.path("id").asLong() == proposal && "AMOUNT_OVERRIDDEN".equals(p.path("why").path(0).asText());
        }
        assertTrue(listed, "the supervisor sees what waits: " + waiting.json());
        assertEquals("OWN_PROPOSAL", api.post("/instruction/pending-decisions/" + proposal + "/approval", map(), holder)
                .code());
        assertEquals(0, api.get("/dossiers/" + vt + "/payments", lea).json().size(), "nothing promised before approval");
        // the second agent may turn it down, saying why; then there is nothing to approve, and it can be proposed again
        assertEquals("REJECTION_REASON_REQUIRED", api.post("/instruction/pending-decisions/" + proposal + "/rejection",
                map(), sam).code());
        Reply turnedDown = api.post("/instruction/pending-decisions/" + proposal + "/rejection",
                map("reason", "Le transport est déjà pris en charge"), sam);
        assertEquals(200, turnedDown.status(), turnedDown.toString());
        assertEquals("REJECTED", turnedDown.json().path("status").asText());
        assertEquals("PROPOSAL_DONE", api.post("/instruction/pending-decisions/" + proposal + "/approval", map(), sam)
                .code());
        Reply proposedAgain = api.post("/instruction/dossiers/" + vt + "/decision-proposals", another, holder);
        assertEquals(201, proposedAgain.status(), proposedAgain.toString());
        proposal = proposedAgain.json().path("id").asLong();
        // the holder decides at the rules' amount instead: the proposal is then stale and cannot be approved
        Reply granted = api.post("/instruction/dossiers/" + vt + "/decisions", map("outcome", "GRANTED",
                "payee", map("name", "Léa Martin", "iban", LEA_IBAN)), holder);
        assertEquals(201, granted.status(), granted.toString());
        assertEquals("PROPOSAL_STALE", api.post("/instruction/pending-decisions/" + proposal + "/approval", map(), sam)
                .code());
        JsonNode decision = granted.json();
        assertEquals("2582.76", cents(decision.path("amount")));
        assertEquals("2582.76", cents(decision.path("rulesAmount")));
        List<String> installments = new ArrayList<>();
        decision.path("installments").forEach(i -> installments.add(i.path("period").asText() + "=" + cents(i.path("amount"))));
        assertEquals(List.of("2026-09=266.33", "2026-10=470.00", "2026-11=470.00", "2026-12=470.00", "2027-01=470.00",
                "2027-02=436.43"), installments);
        Reply letter = api.get("/dossiers/" + vt + "/decisions/" + decision.path("id").asLong() + "/letter", lea);
        assertEquals(200, letter.status());
        assertEquals("application/pdf", letter.response().headers().firstValue("Content-Type").orElse(""));
        assertTrue(new String(letter.bytes(), 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"));
        Mailbox.Mail decided = mail.latest(LEA, "DECISION");
        assertTrue(decided.text().contains("2 582,76") && decided.text().contains("septembre 2026 : 266,33"), decided.text());
        assertEquals("GRANTED", api.get("/dossiers/" + vt, lea).json().path("state").asText());

        // nothing is payable before the training organisation reports attendance
        assertEquals(0, api.get("/payments/due?asOf=2026-11-30", holder).json().size());
        Reply september = api.postRaw("/partners/attendance", Distribution.JSON.writeValueAsBytes(map("attendance", List.of(
                map("traineeEmail", LEA, "month", "2026-09", "attendedHours", 70, "scheduledHours", 70),
                map("traineeEmail", "inconnu." + RUN + "@example.fr", "month", "2026-09", "attendedHours", 1, "scheduledHours", 1)))),
                "application/json", null, Map.of("X-Api-Key", partnerKey));
        assertEquals(200, september.status(), september.toString());
        assertEquals(1, september.json().path("accepted").asInt());
        assertEquals("NOT_YOUR_TRAINEE", september.json().path("rejected").path(0).path("code").asText());
        String csv = "traineeEmail;month;attendedHours;scheduledHours\n" + LEA + ";2026-10;151;151\n" + LEA + ";2026-11;105;140\n";
        Reply october = api.postRaw("/partners/attendance", csv.getBytes(StandardCharsets.UTF_8), "text/csv", null,
                Map.of("X-Api-Key", partnerKey));
        assertEquals(200, october.status(), october.toString());
        assertEquals(2, october.json().path("accepted").asInt());
        Map<String, JsonNode> byMonth = new LinkedHashMap<>();
        api.get("/dossiers/" + vt + "/payments", lea).json().forEach(p -> byMonth.put(p.path("month").asText(), p));
        assertEquals("352.50", cents(byMonth.get("2026-11").path("payableAmount")), "75% attended: " + byMonth.get("2026-11"));
        assertEquals("SCHEDULED", byMonth.get("2026-12").path("status").asText());

        // the two months due by 30 November go into one SEPA file, whose amounts are the installments
        Reply due = api.get("/payments/due?asOf=2026-11-30", holder);
        assertEquals(2, due.json().size(), due.toString());
        String execution = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1).toString();
        Reply batch = api.post("/payments/batches", map("asOf", "2026-11-30", "executionDate", execution), holder);
        assertEquals(201, batch.status(), batch.toString());
        assertEquals(2, batch.json().path("count").asInt());
        assertEquals(0, new BigDecimal("736.33").compareTo(new BigDecimal(batch.json().path("total").asText())));
        Reply xml = api.get("/payments/batches/" + batch.json().path("id").asLong() + "/file", holder);
        assertEquals(200, xml.status());
        validateSepa(xml.bytes());
        Document doc = parse(xml.bytes());
        assertEquals("736.33", text(doc, "CtrlSum"));
        NodeList txs = doc.getElementsByTagNameNS("*", "CdtTrfTxInf");
        List<String> paid = new ArrayList<>();
        for (int i = 0; i < txs.getLength(); i++) {
            Element tx = (Element) txs.item(i);
            paid.add(text(tx, "EndToEndId").replaceAll(".*-(\\d{4}-\\d{2})$", "$1") + "=" + text(tx, "InstdAmt"));
            assertEquals("FR1420041010050500013M02606", text(tx, "IBAN"));
            assertEquals("Lea Martin", text(tx, "Nm"));
        }
        assertEquals(installments.subList(0, 2), paid, "the file pays exactly the first two installments");
        assertEquals("NOTHING_DUE", api.post("/payments/batches", map("asOf", "2026-11-30", "executionDate", execution), holder).code());
        // separation of duties: the agent who issued the file does not confirm it paid; the other agent does
        Reply byIssuer = api.post("/payments/batches/" + batch.json().path("id").asLong() + "/paid", map("paidOn", execution),
                holder);
        assertEquals(403, byIssuer.status(), byIssuer.toString());
        assertEquals("ISSUER_CANNOT_CONFIRM", byIssuer.code());
        String confirmer = holder.equals(alex) ? bea : alex;
        Reply done = api.post("/payments/batches/" + batch.json().path("id").asLong() + "/paid", map("paidOn", execution),
                confirmer);
        assertEquals("PAID", done.json().path("status").asText(), done.toString());
        JsonNode payments = api.get("/dossiers/" + vt + "/payments", lea).json();
        JsonNode sept = payments.path(0);
        assertEquals("2026-09", sept.path("month").asText());
        assertEquals("PAID", sept.path("status").asText());
        assertEquals(execution, sept.path("paidOn").asText());
        assertEquals("2026-10-10", sept.path("promisedDate").asText());
        Mailbox.Mail paidMail = mail.latest(LEA, "PAYMENT");
        assertTrue(paidMail.text().contains("septembre 2026 : 266,33") && paidMail.text().contains("octobre 2026 : 470,00"),
                paidMail.text());
        assertEquals(1, mail.count(LEA, "PAYMENT"), "one mail for the batch");
        Reply tooLate = api.postRaw("/partners/attendance", Distribution.JSON.writeValueAsBytes(map("attendance", List.of(
                map("traineeEmail", LEA, "month", "2026-09", "attendedHours", 10, "scheduledHours", 70)))),
                "application/json", null, Map.of("X-Api-Key", partnerKey));
        assertEquals("ALREADY_PAID", tooLate.json().path("errors").path(0).path("code").asText(), tooLate.toString());
    }

    @Test
    @Order(7)
    void aDrivingLicenceRefusalWithReasonsAndDecisionsThatDoNotChangeSilently() throws Exception {
        assertEquals(200, api.post("/instruction/dossiers/" + dl + "/take", null, alex).status());
        JsonNode evaluation = api.get("/instruction/dossiers/" + dl, alex).json().path("dossier").path("submitted");
        assertEquals("AGE_OUT_OF_RANGE", evaluation.path("reasons").path(0).path("code").asText(), evaluation.toString());
        assertEquals("REASONS_REQUIRED", api.post("/instruction/dossiers/" + dl + "/decisions", map("outcome", "REFUSED"), alex).code());
        Reply refused = api.post("/instruction/dossiers/" + dl + "/decisions", map("outcome", "REFUSED", "refusalReasons",
                List.of("AGE_OUT_OF_RANGE", "Le devis de l'auto-école n'est pas signé.")), alex);
        assertEquals(201, refused.status(), refused.toString());
        JsonNode reasons = refused.json().path("reasons");
        assertEquals("AGE_OUT_OF_RANGE", reasons.path(0).path("code").asText());
        assertTrue(reasons.path(0).path("label").asText().length() > 20, "the rule's own message: " + reasons);
        assertEquals("OTHER", reasons.path(1).path("code").asText());
        Mailbox.Mail notice = mail.latest(YANIS, "DECISION");
        assertTrue(notice.text().contains("ne peut pas vous accorder") && notice.text().contains("devis"), notice.text());
        assertTrue(mail.latest(CAMILLE, "DECISION").text().contains("ne peut pas"), "the mediator who filed is told too");
        Reply letter = api.get("/dossiers/" + dl + "/decisions/" + refused.json().path("id").asLong() + "/letter", camille);
        assertEquals(200, letter.status());

        // decided: a newer version is never applied silently, and a correction must say why
        Reply again = api.get("/instruction/dossiers/" + dl + "/reevaluation?version=1.0.0", alex);
        assertFalse(again.json().path("applicable").asBoolean(), again.toString());
        Reply apply = api.post("/instruction/dossiers/" + dl + "/reevaluation", map("version", "1.0.0", "justification", "x"), alex);
        assertEquals(409, apply.status());
        assertEquals("DOSSIER_DECIDED", apply.code());
        assertEquals("JUSTIFICATION_REQUIRED", api.post("/instruction/dossiers/" + dl + "/decisions", map("outcome",
                "REFUSED", "refusalReasons", List.of("AGE_OUT_OF_RANGE")), alex).code());
        Reply corrected = api.post("/instruction/dossiers/" + dl + "/decisions", map("outcome", "REFUSED", "refusalReasons",
                List.of("AGE_OUT_OF_RANGE"), "justification", "Le devis était signé : seule la condition d'âge manque."), alex);
        assertEquals(201, corrected.status(), corrected.toString());
        assertEquals(refused.json().path("id").asLong(), corrected.json().path("supersedes").asLong());
        JsonNode decisions = api.get("/dossiers/" + dl + "/decisions", camille).json();
        assertEquals(2, decisions.size(), "both decisions stay visible: " + decisions);
        Set<String> history = new TreeSet<>();
        api.get("/instruction/dossiers/" + dl, sam).json().path("dossier").path("history")
                .forEach(h -> history.add(h.path("type").asText() + "/" + h.path("channel").asText()));
        assertTrue(history.containsAll(Set.of("DOSSIER_TAKEN/AGENT", "DECIDED/AGENT", "DECISION_CORRECTED/AGENT",
                "SUBMITTED/MEDIATOR")), history.toString());
    }

    /** An amount as euros and cents (the test's JSON reader holds numbers as doubles: 470.00 reads 470.0). */
    static String cents(JsonNode amount) {
        return new BigDecimal(amount.asText()).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    static long documentId(JsonNode caseFile, String type) {
        for (JsonNode d : caseFile.path("dossier").path("documents")) {
            if (d.path("documentType").asText().equals(type)) {
                return d.path("id").asLong();
            }
        }
        throw new AssertionError("no " + type + " in " + caseFile);
    }

    static void validateSepa(byte[] xml) throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        java.net.URL xsd = InstructionJourneyTest.class.getResource("/org/guichet/letters/internal/pain.001.001.03.xsd");
        assertNotNull(xsd, "the schema from guichet-letters");
        f.newSchema(xsd).newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static String text(Document doc, String tag) {
        return doc.getElementsByTagNameNS("*", tag).item(0).getTextContent();
    }

    static String text(Element e, String tag) {
        return e.getElementsByTagNameNS("*", tag).item(0).getTextContent();
    }
}
