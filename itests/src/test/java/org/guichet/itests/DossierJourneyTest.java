package org.guichet.itests;

import static org.guichet.itests.support.Distribution.map;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.guichet.itests.support.Api;
import org.guichet.itests.support.Api.Reply;
import org.guichet.itests.support.Distribution;
import org.guichet.itests.support.Files2;
import org.guichet.itests.support.Mailbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Black-box, as new users would: the distribution as a process, its REST API over HTTP, its mail as .eml files.
 * An admin (created from etc/), a training organisation's system, an applicant alone, a Mission locale mediator
 * filing for a young person, a second applicant who must see nothing of theirs, and a kill -9 that loses nothing.
 * Addresses carry a run suffix so that the same test runs again on a database that is not empty (PostgreSQL).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DossierJourneyTest {
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String ADMIN = "admin." + RUN + "@region.example";
    static final String LEA = "lea." + RUN + "@example.fr";
    static final String YANIS = "yanis." + RUN + "@example.fr";
    static final String NINA = "nina." + RUN + "@example.fr";
    static final String CAMILLE = "camille." + RUN + "@mission-locale.example";
    static final String LEA_PASSWORD = "jardin violet sous la pluie";

    static Distribution dist;
    static Api api;
    static Mailbox mail;
    static String admin;
    static String lea;
    static String nina;
    static String camille;
    static String partnerKey;
    static long leaDossier;
    static long yanisDossier;
    static byte[] idPdf;
    static List<Long> leaDocuments = new ArrayList<>();
    static final List<Long> submitMillis = new ArrayList<>();

    protected void configure(Distribution d) throws Exception {
        // the shipped default: embedded Derby
    }

    @BeforeAll
    static void unpack() throws Exception {
        dist = Distribution.unpack("journey");
        api = new Api(dist);
        mail = new Mailbox(dist);
    }

    @AfterAll
    static void stop() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    @Order(1)
    void anAdminFromEtcThenAccountsSignInByPasswordOrCodeAndLockout() throws Exception {
        configure(dist);
        // the first admin comes from etc/, never from a default password
        dist.setConfig("org.guichet.accounts.cfg", "admin.email", ADMIN);
        dist.start(Duration.ofMinutes(4));

        Mailbox.Mail invitation = mail.latest(ADMIN, "INVITATION");
        Reply activated = api.post("/accounts/activation", map("token", invitation.token(), "password", "short"), null);
        assertEquals(400, activated.status(), activated.toString());
        assertEquals("PASSWORD_TOO_SHORT", activated.code());
        assertEquals("password", activated.json().path("field").asText());
        activated = api.post("/accounts/activation", map("token", invitation.token(),
                "password", "la region paie les aides aux stagiaires"), null);
        assertEquals(200, activated.status(), activated.toString());
        admin = signIn(ADMIN, "la region paie les aides aux stagiaires");
        assertEquals("[\"ADMIN\"]", api.get("/accounts/me", admin).json().path("roles").toString());

        // staff second factor over HTTP (the first sign-in above enrolled her, by the secret of the enrolment answer):
        // a password gives no session but a ticket; a code already accepted is refused; a ticket serves once
        Reply again = api.post("/sessions", map("email", ADMIN, "password", "la region paie les aides aux stagiaires"), null);
        assertEquals(200, again.status(), again.toString());
        assertTrue(again.json().path("token").isNull(), again.toString());
        assertFalse(again.json().path("secondStep").path("enrol").asBoolean(), again.toString());
        String ticket = again.json().path("secondStep").path("ticket").asText();
        assertEquals(401, api.get("/accounts/me", ticket).status(), "a ticket is no session");
        Reply replayed = api.post("/sessions/second-factor", map("ticket", ticket, "code",
                org.guichet.itests.support.Phone.of(ADMIN).lastCode()), null);
        assertEquals("SECOND_FACTOR_REPLAYED", replayed.code(), replayed.toString());
        Reply verified = api.post("/sessions/second-factor", map("ticket", ticket, "code",
                org.guichet.itests.support.Phone.of(ADMIN).nextCode()), null);
        assertEquals(201, verified.status(), verified.toString());
        assertEquals(200, api.get("/accounts/me", verified.json().path("token").asText()).status());
        assertEquals("SECOND_STEP_INVALID", api.post("/sessions/second-factor", map("ticket", ticket, "code",
                org.guichet.itests.support.Phone.of(ADMIN).nextCode()), null).code(), "a ticket serves once");

        // organisations and a mediator, by the admin only
        Reply org = api.post("/admin/organisations", map("name", "Mission locale du Centre " + RUN, "kind", "MISSION_LOCALE"), admin);
        assertEquals(201, org.status(), org.toString());
        long missionLocale = org.json().path("organisation").path("id").asLong();
        Reply school = api.post("/admin/organisations", map("name", "Centre de formation " + RUN, "kind", "TRAINING_ORGANISATION"), admin);
        partnerKey = school.json().path("apiKey").asText();
        assertTrue(partnerKey.length() > 40, school.toString());
        Reply invited = api.post("/admin/accounts", map("email", CAMILLE, "displayName", "Camille Conseil", "role", "MEDIATOR",
                "organisationId", missionLocale), admin);
        assertEquals(201, invited.status(), invited.toString());

        // sign-up: the password rules, then activation from the .eml file
        Reply common = api.post("/accounts", map("email", LEA, "password", "password1234", "displayName", "Léa Martin"), null);
        assertEquals(400, common.status(), common.toString());
        assertEquals("PASSWORD_COMMON", common.code());
        Reply guessable = api.post("/accounts", map("email", LEA, "password", "lea." + RUN + "@example.fr", "displayName", "Léa Martin"), null);
        assertEquals("PASSWORD_GUESSABLE", guessable.code(), guessable.toString());
        Reply badEmail = api.post("/accounts", map("email", "lea at example", "password", LEA_PASSWORD), null);
        assertEquals("EMAIL_INVALID", badEmail.code());
        assertEquals("email", badEmail.json().path("field").asText());
        String longPassword = "une phrase de passe très longue ".repeat(3).strip(); // 90+ characters are accepted
        Reply signedUp = api.post("/accounts", map("email", LEA, "password", longPassword, "displayName", "Léa Martin"), null);
        assertEquals(202, signedUp.status(), signedUp.toString());
        assertEquals("CHECK_YOUR_MAILBOX", signedUp.json().path("status").asText());
        // her address again (an attacker, or she who lost the mail): the same answer, and only a fresh link to her
        Reply signedUpAgain = api.post("/accounts", map("email", LEA.toUpperCase(), "password", longPassword), null);
        assertEquals(202, signedUpAgain.status(), signedUpAgain.toString());
        assertEquals(signedUp.json(), signedUpAgain.json(), "nobody learns that the address is known");
        Reply early = api.post("/sessions", map("email", LEA, "password", longPassword), null);
        assertEquals(403, early.status());
        assertEquals("ACCOUNT_NOT_ACTIVATED", early.code());
        Mailbox.Mail activation = mail.latest(LEA, "ACTIVATION");
        assertTrue(activation.subject().contains("Confirmez"), activation.subject());
        // the link proves the mailbox, not the password given at sign-up: she gives it (or another) again
        assertEquals("PASSWORD_REQUIRED", api.post("/accounts/activation", map("token", activation.token()), null).code());
        assertEquals(200, api.post("/accounts/activation", map("token", activation.token(), "password", longPassword),
                null).status());
        assertEquals("LINK_INVALID", api.post("/accounts/activation", map("token", activation.token(), "password",
                longPassword), null).code(),
                "a link works once");
        Reply known = api.post("/accounts", map("email", LEA, "password", "quelqu'un d'autre essaie son adresse",
                "displayName", "Autre"), null);
        assertEquals(202, known.status(), known.toString());
        assertEquals(signedUp.json(), known.json(), "an active account's address is answered like a new one");
        assertTrue(mail.latest(LEA, "ACCOUNT_EXISTS").text().contains("/compte/connexion"), "only her mailbox is told");
        assertEquals("INVALID_CREDENTIALS", api.post("/sessions", map("email", LEA, "password",
                "quelqu'un d'autre essaie son adresse"), null).code(), "the password given then is not kept");
        String first = signIn(LEA, longPassword);
        assertEquals(204, api.delete("/sessions/current", first).status());
        assertEquals("SESSION_EXPIRED", api.get("/accounts/me", first).code(), "signed out");

        // password reset, then lockout after five failures, and the code still lets her in
        assertEquals(202, api.post("/accounts/password-reset", map("email", LEA), null).status());
        assertEquals(202, api.post("/accounts/password-reset", map("email", "nobody." + RUN + "@example.fr"), null).status(),
                "the same answer for an unknown address");
        Reply reset = api.post("/accounts/password-reset/confirmation", map("token", mail.latest(LEA, "PASSWORD_RESET").token(),
                "password", LEA_PASSWORD), null);
        assertEquals(204, reset.status(), reset.toString());
        for (int i = 1; i <= 4; i++) {
            Reply wrong = api.post("/sessions", map("email", LEA, "password", "pas le bon mot de passe " + i), null);
            assertEquals(401, wrong.status(), wrong.toString());
            assertEquals("INVALID_CREDENTIALS", wrong.code());
        }
        Reply locked = api.post("/sessions", map("email", LEA, "password", "pas le bon mot de passe 5"), null);
        assertEquals(429, locked.status(), locked.toString());
        assertEquals("ACCOUNT_LOCKED", locked.code());
        assertTrue(locked.response().headers().firstValue("Retry-After").isPresent());
        Reply stillLocked = api.post("/sessions", map("email", LEA, "password", LEA_PASSWORD), null);
        assertEquals(429, stillLocked.status(), "the right password does not open a locked account: " + stillLocked);
        assertEquals(202, api.post("/sessions/code-requests", map("email", LEA), null).status());
        String code = mail.latest(LEA, "SIGN_IN_CODE").code();
        assertEquals("INVALID_CODE", api.post("/sessions/code", map("email", LEA, "code", wrongCode(code)), null).code());
        Reply byCode = api.post("/sessions/code", map("email", LEA, "code", code), null);
        assertEquals(201, byCode.status(), byCode.toString());
        lea = byCode.json().path("token").asText();
        assertEquals(LEA, api.get("/accounts/me", lea).json().path("email").asText());

        // a second applicant, who signs up and signs in with a code only
        assertEquals(202, api.post("/accounts", map("email", NINA, "password", "nina aime les trains de nuit", "displayName", "Nina"), null).status());
        assertEquals(202, api.post("/sessions/code-requests", map("email", NINA), null).status());
        Reply ninaIn = api.post("/sessions/code", map("email", NINA, "code", mail.latest(NINA, "SIGN_IN_CODE").code()), null);
        assertEquals(201, ninaIn.status(), "a code proves the address: " + ninaIn);
        nina = ninaIn.json().path("token").asText();
        // her sign-up password was discarded when the code proved her mailbox: changing it means choosing one by link
        assertEquals("CURRENT_PASSWORD_REQUIRED", api.post("/accounts/me/password", map("newPassword",
                "un phare blanc au bout de la digue"), nina).code());
        Reply noPassword = api.post("/accounts/me/password", map("currentPassword", "nina aime les trains de nuit",
                "newPassword", "un phare blanc au bout de la digue"), nina);
        assertEquals(409, noPassword.status(), noPassword.toString());
        assertEquals("NO_PASSWORD_YET", noPassword.code());
        assertEquals(401, api.post("/accounts/me/password", map("currentPassword", "x", "newPassword", "y"), null)
                .status());
        // and discards the password given before the address was proven (anyone could have signed up with it)
        assertEquals("INVALID_CREDENTIALS", api.post("/sessions", map("email", NINA, "password",
                "nina aime les trains de nuit"), null).code());
    }

    @Test
    @Order(2)
    void theTrainingOrganisationSendsEnrolmentsGoodRowsKeptBadRowsSaid() throws Exception {
        Reply noKey = api.post("/partners/enrolments", map("enrolments", List.of()), null);
        assertEquals(401, noKey.status());
        assertEquals("API_KEY_REQUIRED", noKey.code());
        Map<String, Object> good = map("traineeEmail", LEA, "firstName", "Léa", "lastName", "Martin",
                "trainingStartDate", "2026-09-14", "trainingEndDate", "2027-02-26", "trainingHours", 600,
                "programme", "QUALIF_EMPLOI", "regionFunded", true);
        Map<String, Object> bad = map("traineeEmail", "pas-une-adresse", "trainingStartDate", "2026-09-14",
                "trainingEndDate", "2026-01-01", "trainingHours", "beaucoup", "programme", "QUALIF_EMPLOI", "regionFunded", "peut-être");
        Reply report = api.postRaw("/partners/enrolments", Distribution.JSON.writeValueAsBytes(map("enrolments", List.of(good, bad))),
                "application/json", null, Map.of("X-Api-Key", partnerKey));
        assertEquals(200, report.status(), report.toString());
        assertEquals(1, report.json().path("accepted").asInt());
        Set<String> rejected = new TreeSet<>();
        report.json().path("rejected").forEach(e -> {
            assertEquals(2, e.path("row").asInt());
            rejected.add(e.path("field").asText() + ":" + e.path("code").asText());
        });
        assertEquals(Set.of("regionFunded:INVALID_VALUE", "trainingHours:INVALID_VALUE", "traineeEmail:EMAIL_INVALID",
                "trainingEndDate:NOT_AFTER"),
                rejected, report.toString());
        long enrolment = report.json().path("enrolmentIds").path(0).asLong();

        // CSV, semicolon-separated as spreadsheets in France write it; a bad row is said, the good one kept
        String csv = "traineeEmail;firstName;lastName;trainingStartDate;trainingEndDate;trainingHours;programme;regionFunded\n"
                + "autre." + RUN + "@example.fr;Sam;Durand;14/09/2026;26/02/2027;450;QUALIF_EMPLOI;oui\n"
                + ";Sans;Adresse;14/09/2026;26/02/2027;450;QUALIF_EMPLOI;oui\n";
        Reply csvReport = api.postRaw("/partners/enrolments", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/csv", null, Map.of("X-Api-Key", partnerKey));
        assertEquals(200, csvReport.status(), csvReport.toString());
        assertEquals(1, csvReport.json().path("accepted").asInt());
        assertEquals("traineeEmail", csvReport.json().path("rejected").path(0).path("field").asText());
        Reply uploaded = api.upload("/partners/enrolments", Map.of(), "inscriptions.csv", "text/csv",
                csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, Map.of("X-Api-Key", partnerKey));
        assertEquals(200, uploaded.status(), uploaded.toString());
        Reply allBad = api.postRaw("/partners/enrolments", Distribution.JSON.writeValueAsBytes(map("enrolments", List.of(bad))),
                "application/json", null, Map.of("X-Api-Key", partnerKey));
        assertEquals(400, allBad.status());
        assertEquals("ENROLMENTS_REJECTED", allBad.code());

        // the organisation supplies the training entry certificate
        Reply cert = api.upload("/partners/enrolments/" + enrolment + "/certificate", Map.of(), "attestation.pdf",
                "application/pdf", Files2.pdf("Attestation d'entree en formation"), null, Map.of("X-Api-Key", partnerKey));
        assertEquals(201, cert.status(), cert.toString());
    }

    @Test
    @Order(3)
    void anApplicantAloneAnswersUploadsIsRefusedAnExeAndSubmits() throws Exception {
        Reply created = api.post("/dossiers", map("schemeId", "vocational-training"), lea);
        assertEquals(201, created.status(), created.toString());
        JsonNode d = created.json();
        leaDossier = d.path("id").asLong();
        assertTrue(d.path("reference").asText().matches("VT-20\\d\\d-\\d{6}"), d.path("reference").asText());
        assertEquals("DRAFT", d.path("state").asText());
        assertEquals("1.0.0", d.path("schemeVersion").asText(), "pinned to the version in force");
        // pre-filled from the organisation, and marked so
        assertEquals(600, d.path("answers").path("trainingHours").asInt(), d.toString());
        assertTrue(d.path("answerSources").path("trainingHours").asText().startsWith("ORGANISATION:"), d.toString());
        assertEquals("TRAINING_ENTRY_CERTIFICATE", d.path("documents").path(0).path("documentType").asText(), d.toString());
        assertEquals("ORGANISATION", d.path("documents").path(0).path("source").asText());
        assertFalse(d.path("live").path("complete").asBoolean());

        // answers saved at once, even before they are all valid; the live evaluation says what is missing
        Reply partial = api.patch("/dossiers/" + leaDossier + "/answers", map("answers", map("birthDate", "2001-03-10",
                "referenceTaxIncome", -5)), lea);
        assertEquals(200, partial.status(), partial.toString());
        assertEquals("2001-03-10", partial.json().path("answers").path("birthDate").asText(), "saved as typed");
        assertEquals(-5, partial.json().path("answers").path("referenceTaxIncome").asInt(), "saved even if not valid yet");
        assertFalse(partial.json().path("live").path("complete").asBoolean());
        assertTrue(partial.json().path("live").path("missing").toString().contains("franceTravailRegistered"), partial.toString());
        Reply unknown = api.patch("/dossiers/" + leaDossier + "/answers", map("answers", map("shoeSize", 38)), lea);
        assertEquals(400, unknown.status());
        assertEquals("UNKNOWN_FIELD", unknown.code());
        assertEquals("shoeSize", unknown.json().path("field").asText());

        Map<String, Object> rest = new LinkedHashMap<>();
        rest.put("franceTravailRegistered", true);
        rest.put("unemploymentBenefit", "NONE");
        rest.put("taxNoticeProvided", true);
        rest.put("referenceTaxIncome", 14400);
        rest.put("taxShares", 1);
        rest.put("familyBreakdown", false);
        rest.put("singleParent", false);
        rest.put("homeToTrainingKm", 25);
        long version = partial.json().path("version").asLong();
        Reply full = api.patch("/dossiers/" + leaDossier + "/answers", map("answers", rest, "version", version), lea);
        assertEquals(200, full.status(), full.toString());
        JsonNode live = full.json().path("live");
        assertTrue(live.path("complete").asBoolean(), live.toString());
        assertTrue(live.path("eligible").asBoolean(), live.toString());
        assertEquals("2582.76", live.path("evaluation").path("amount").path("total").asText(), live.toString());
        Set<String> asked = new TreeSet<>();
        live.path("checklist").forEach(c -> asked.add(c.path("documentType").asText() + (c.path("present").asBoolean() ? "+" : "")));
        assertTrue(asked.contains("TRAINING_ENTRY_CERTIFICATE+") && asked.contains("IDENTITY"), asked.toString());

        // two people on one dossier: the one with the stale version gets a 409, never an overwrite
        Reply stale = api.patch("/dossiers/" + leaDossier + "/answers", map("answers", map("homeToTrainingKm", 30),
                "version", version), lea);
        assertEquals(409, stale.status(), stale.toString());
        assertEquals("EDIT_CONFLICT", stale.code());
        assertEquals(25, api.get("/dossiers/" + leaDossier, lea).json().path("answers").path("homeToTrainingKm").asInt());

        // documents: real PDF and JPEG accepted, an .exe renamed .pdf refused by its content, a too large file refused
        idPdf = Files2.pdf("Carte d'identite de Lea Martin");
        Reply pdf = upload(leaDossier, "IDENTITY", "carte-identite.pdf", "application/pdf", idPdf, lea);
        assertEquals(201, pdf.status(), pdf.toString());
        assertEquals("application/pdf", pdf.json().path("mediaType").asText());
        leaDocuments.add(pdf.json().path("id").asLong());
        byte[] photo = Files2.jpeg(1200, 800);
        Reply jpeg = upload(leaDossier, "BANK_DETAILS", "photo-rib.jpg", "image/jpeg", photo, lea);
        assertEquals(201, jpeg.status(), jpeg.toString());
        assertEquals("image/jpeg", jpeg.json().path("mediaType").asText());
        Reply exe = upload(leaDossier, "PROOF_OF_ADDRESS", "facture.pdf", "application/pdf", Files2.exe(), lea);
        assertEquals(415, exe.status(), exe.toString());
        assertEquals("FILE_TYPE_REFUSED", exe.code());
        assertTrue(exe.json().path("message").asText().contains("pas accepté"), exe.toString());
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(idPdf, 0, big, 0, idPdf.length);
        Reply tooBig = upload(leaDossier, "PROOF_OF_ADDRESS", "scan.pdf", "application/pdf", big, lea);
        assertEquals(413, tooBig.status(), tooBig.toString());
        assertEquals("FILE_TOO_LARGE", tooBig.code());
        assertEquals(10 * 1024 * 1024, tooBig.json().path("details").path("maxBytes").asLong());
        Reply justUnder = upload(leaDossier, "PROOF_OF_ADDRESS", "scan.pdf", "application/pdf",
                java.util.Arrays.copyOf(big, 10 * 1024 * 1024), lea);
        assertEquals(201, justUnder.status(), "10 MB exactly is accepted: " + justUnder);
        // replace it with a smaller one, and delete what is not needed
        Reply replaced = api.upload("/dossiers/" + leaDossier + "/documents", Map.of("documentType", "PROOF_OF_ADDRESS",
                "replaces", justUnder.json().path("id").asText()), "facture.pdf", "application/pdf",
                Files2.pdf("Facture EDF"), lea, Map.of());
        assertEquals(201, replaced.status(), replaced.toString());
        Reply extra = upload(leaDossier, "TAX_NOTICE", "avis.pdf", "application/pdf", Files2.pdf("brouillon"), lea);
        assertEquals(204, api.delete("/dossiers/" + leaDossier + "/documents/" + extra.json().path("id").asLong(), lea).status());
        Reply download = api.get("/dossiers/" + leaDossier + "/documents/" + leaDocuments.get(0) + "/content", lea);
        assertEquals(200, download.status());
        assertArrayEquals(idPdf, download.bytes(), "the file comes back as it was sent");
        assertEquals("application/pdf", download.response().headers().firstValue("Content-Type").orElse(""));

        // submit: refused with the exact list of what is missing
        Reply incomplete = api.post("/dossiers/" + leaDossier + "/submit", null, lea);
        assertEquals(409, incomplete.status(), incomplete.toString());
        assertEquals("DOSSIER_INCOMPLETE", incomplete.code());
        Set<String> missing = new TreeSet<>();
        incomplete.json().path("errors").forEach(e -> missing.add(e.path("field").asText()));
        assertEquals(Set.of("documents.FRANCE_TRAVAIL_CERTIFICATE", "documents.TAX_NOTICE"), missing, incomplete.toString());
        assertEquals(201, upload(leaDossier, "FRANCE_TRAVAIL_CERTIFICATE", "france-travail.pdf", "application/pdf",
                Files2.pdf("Attestation France Travail"), lea).status());
        assertEquals(201, upload(leaDossier, "TAX_NOTICE", "avis-impot.jpg", "image/jpeg", Files2.jpeg(800, 1100), lea).status());

        Reply receipt = submit(leaDossier, lea);
        assertEquals(200, receipt.status(), receipt.toString());
        String number = receipt.json().path("number").asText();
        assertTrue(number.startsWith("AR-VT-"), receipt.toString());
        assertTrue(receipt.json().path("eligible").asBoolean());
        assertEquals("2582.76", receipt.json().path("estimatedTotal").asText());
        assertTrue(receipt.json().path("answers").toString().contains("10/03/2001"), receipt.toString());
        Reply again = submit(leaDossier, lea);
        assertEquals(200, again.status());
        assertEquals(receipt.json(), again.json(), "submitting twice creates nothing twice");
        Mailbox.Mail mailed = mail.latest(LEA, "RECEIPT");
        assertTrue(mailed.text().contains(number) && mailed.text().contains("2 582,76"), mailed.text());
        assertEquals(1, mail.count(LEA, "RECEIPT"), "one receipt mailed");

        JsonNode submitted = api.get("/dossiers/" + leaDossier, lea).json();
        assertEquals("SUBMITTED", submitted.path("state").asText());
        assertEquals("1.0.0", submitted.path("submitted").path("scheme").path("version").asText(), submitted.toString());
        assertTrue(submitted.path("submitted").path("rulesFired").size() > 0, "the rules fired are stored");
        assertEquals(number, submitted.path("receipt").path("number").asText());
        Set<String> history = new TreeSet<>();
        submitted.path("history").forEach(h -> history.add(h.path("type").asText() + "/" + h.path("channel").asText()));
        assertTrue(history.containsAll(Set.of("DOSSIER_CREATED/ONLINE", "ANSWERS_PREFILLED/PARTNER", "ANSWERS_SAVED/ONLINE",
                "DOCUMENT_ADDED/ONLINE", "DOCUMENT_ADDED/PARTNER", "DOCUMENT_REPLACED/ONLINE", "DOCUMENT_DELETED/ONLINE",
                "SUBMITTED/ONLINE")), history.toString());
        Reply locked = api.patch("/dossiers/" + leaDossier + "/answers", map("answers", map("homeToTrainingKm", 3)), lea);
        assertEquals(409, locked.status());
        assertEquals("DOSSIER_NOT_DRAFT", locked.code());
    }

    @Test
    @Order(4)
    void aMediatorFilesForAMandatedYoungPerson() throws Exception {
        Reply activated = api.post("/accounts/activation", map("token", mail.latest(CAMILLE, "INVITATION").token(),
                "password", "mission locale du centre ville"), null);
        assertEquals(200, activated.status(), activated.toString());
        camille = signIn(CAMILLE, "mission locale du centre ville");

        // the young person cannot file the driving-licence aid alone
        Reply alone = api.post("/dossiers", map("schemeId", "driving-licence"), lea);
        assertEquals(403, alone.status());
        assertEquals("FILED_BY_MEDIATOR", alone.code());

        Reply asked = api.post("/mandates", map("applicantEmail", YANIS, "applicantName", "Yanis Benali"), camille);
        assertEquals(201, asked.status(), asked.toString());
        assertEquals("PENDING", asked.json().path("state").asText());
        long yanisId = asked.json().path("applicant").path("id").asLong();
        Reply noMandate = api.post("/dossiers", map("schemeId", "driving-licence", "applicantId", yanisId), camille);
        assertEquals(403, noMandate.status());
        assertEquals("MANDATE_REQUIRED", noMandate.code());
        Mailbox.Mail request = mail.latest(YANIS, "MANDATE_REQUEST");
        assertTrue(request.text().contains("Camille Conseil"), request.text());
        Reply accepted = api.post("/mandates/acceptance", map("token", request.token()), null);
        assertEquals(200, accepted.status(), accepted.toString());
        assertEquals("ACTIVE", accepted.json().path("state").asText());

        Reply created = api.post("/dossiers", map("schemeId", "driving-licence", "applicantId", yanisId), camille);
        assertEquals(201, created.status(), created.toString());
        yanisDossier = created.json().path("id").asLong();
        assertTrue(created.json().path("reference").asText().matches("DL-20\\d\\d-\\d{6}"), created.toString());
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("birthDate", "2003-06-15");
        answers.put("applicationDate", "2026-03-10");
        answers.put("missionLocaleFollowed", true);
        answers.put("pathway", "QUALIFICATION_SUPPORT");
        answers.put("licenceObstacleToProject", true);
        answers.put("drivingSchoolInRegion", true);
        answers.put("includesHighwayCode", true);
        answers.put("quoteAmount", 1200);
        Reply saved = api.patch("/dossiers/" + yanisDossier + "/answers", map("answers", answers), camille);
        assertEquals(200, saved.status(), saved.toString());
        JsonNode live = saved.json().path("live");
        assertTrue(live.path("complete").asBoolean(), live.toString());
        for (JsonNode item : live.path("checklist")) {
            byte[] content = item.path("documentType").asText().equals("IDENTITY") ? Files2.jpeg(640, 400)
                    : Files2.pdf(item.path("label").asText().replaceAll("[^A-Za-z ]", ""));
            Reply up = upload(yanisDossier, item.path("documentType").asText(), "piece.bin", "application/octet-stream", content, camille);
            assertEquals(201, up.status(), up.toString());
            assertEquals("MEDIATOR", up.json().path("source").asText());
        }
        Reply receipt = submit(yanisDossier, camille);
        assertEquals(200, receipt.status(), receipt.toString());
        assertTrue(receipt.json().path("number").asText().startsWith("AR-DL-"), receipt.toString());
        assertTrue(mail.latest(YANIS, "RECEIPT").text().contains(receipt.json().path("reference").asText()));

        // the mediator's list holds it; every action says who did it, for whom, through which channel
        Reply list = api.get("/dossiers", camille);
        assertTrue(list.json().toString().contains(receipt.json().path("reference").asText()), list.toString());
        JsonNode d = api.get("/dossiers/" + yanisDossier, camille).json();
        for (JsonNode h : d.path("history")) {
            if (h.path("type").asText().equals("SUBMITTED")) {
                assertEquals("MEDIATOR", h.path("channel").asText());
                assertEquals(yanisId, h.path("onBehalfOfId").asLong());
                assertEquals("Camille Conseil", h.path("actorName").asText());
            }
        }
        // the young person signs in by code, sees the mandate and the dossier, but cannot edit it; she can revoke
        assertEquals(202, api.post("/sessions/code-requests", map("email", YANIS), null).status());
        String yanis = api.post("/sessions/code", map("email", YANIS, "code", mail.latest(YANIS, "SIGN_IN_CODE").code()), null)
                .json().path("token").asText();
        assertEquals(200, api.get("/dossiers/" + yanisDossier, yanis).status());
        assertEquals("ACTIVE", api.get("/mandates", yanis).json().path(0).path("state").asText());

        // a signed consent form is not a consent by itself: the mandate waits for the person's confirmation
        String ines = "ines." + RUN + "@example.fr";
        Reply consent = api.upload("/mandates/signed-consent", Map.of("applicantEmail", ines,
                "applicantName", "Inès"), "consentement.pdf", "application/pdf", Files2.pdf("Je donne mandat"), camille, Map.of());
        assertEquals(201, consent.status(), consent.toString());
        assertEquals("PENDING", consent.json().path("state").asText());
        assertEquals("SIGNED_CONSENT", consent.json().path("method").asText());
        long inesId = consent.json().path("applicant").path("id").asLong();
        assertEquals("MANDATE_REQUIRED", api.post("/dossiers", map("schemeId", "driving-licence", "applicantId", inesId),
                camille).code(), "no dossier for her before she confirms");
        Mailbox.Mail confirm = mail.latest(ines, "MANDATE_REQUEST");
        assertTrue(confirm.text().contains("formulaire de consentement"), confirm.text());
        assertEquals("ACTIVE", api.post("/mandates/acceptance", map("token", confirm.token()), null).json()
                .path("state").asText());
        // a mediator may ask one person only a few times a day (429 with Retry-After)
        String zoe = "zoe." + RUN + "@example.fr";
        for (int i = 0; i < 3; i++) {
            assertEquals(201, api.post("/mandates", map("applicantEmail", zoe, "applicantName", "Zoé"), camille).status());
        }
        Reply tooMany = api.post("/mandates", map("applicantEmail", zoe, "applicantName", "Zoé"), camille);
        assertEquals(429, tooMany.status(), tooMany.toString());
        assertEquals("MANDATE_REQUESTS_LIMIT", tooMany.code());
        assertTrue(tooMany.response().headers().firstValue("Retry-After").isPresent(), tooMany.toString());
        Reply revoked = api.post("/mandates/" + asked.json().path("id").asLong() + "/revocation", null, yanis);
        assertEquals("REVOKED", revoked.json().path("state").asText(), revoked.toString());
        assertEquals(404, api.get("/dossiers/" + yanisDossier, camille).status(), "no mandate, no access");
        assertEquals(200, api.get("/dossiers/" + yanisDossier, yanis).status(), "the dossier stays the applicant's");
    }

    @Test
    @Order(5)
    void nobodyElseCanReadOrChangeThemNotEvenLearnTheyExist() throws Exception {
        long doc = leaDocuments.get(0);
        long absent = 987_654_321L;
        // Nina, another applicant; Camille, a mediator without Léa's mandate (and no longer Yanis's)
        for (String intruder : List.of(nina, camille)) {
            for (long dossier : List.of(leaDossier, yanisDossier)) {
                List<Reply> replies = List.of(
                        api.get("/dossiers/" + dossier, intruder),
                        api.patch("/dossiers/" + dossier + "/answers", map("answers", map("birthDate", "2000-01-01")), intruder),
                        upload(dossier, "IDENTITY", "x.pdf", "application/pdf", Files2.pdf("x"), intruder),
                        api.get("/dossiers/" + dossier + "/documents/" + doc + "/content", intruder),
                        api.delete("/dossiers/" + dossier + "/documents/" + doc, intruder),
                        api.post("/dossiers/" + dossier + "/submit", null, intruder));
                for (Reply r : replies) {
                    assertEquals(404, r.status(), "dossier " + dossier + ": " + r);
                    assertEquals("DOSSIER_NOT_FOUND", r.code(), r.toString());
                }
                // the same answer as for a dossier that does not exist: existence does not leak
                assertEquals(api.get("/dossiers/" + absent, intruder).json(), api.get("/dossiers/" + dossier, intruder).json());
            }
            Reply list = api.get("/dossiers", intruder);
            assertFalse(list.json().toString().contains("\"id\":" + leaDossier + ","), list.toString());
        }
        // a document id of Léa's, asked through Nina's own dossier, is not found either
        long ninaDossier = api.post("/dossiers", map("schemeId", "vocational-training"), nina).json().path("id").asLong();
        assertEquals(404, api.get("/dossiers/" + ninaDossier + "/documents/" + doc + "/content", nina).status());
        assertEquals(404, api.delete("/dossiers/" + ninaDossier + "/documents/" + doc, nina).status());
        // Nina cannot accept or revoke someone else's mandate, nor act as admin or partner
        for (JsonNode m : api.get("/mandates", camille).json()) {
            Reply r = api.post("/mandates/" + m.path("id").asLong() + "/revocation", null, nina);
            assertEquals(404, r.status(), r.toString());
            assertEquals("MANDATE_NOT_FOUND", r.code());
            assertEquals(404, api.post("/mandates/" + m.path("id").asLong() + "/acceptance", map("code", "123456"), nina).status());
        }
        assertEquals(403, api.post("/admin/organisations", map("name", "X", "kind", "MISSION_LOCALE"), nina).status());
        assertEquals(403, api.post("/admin/accounts", map("email", "x." + RUN + "@example.fr", "role", "ADMIN"), nina).status());
        assertEquals(401, api.get("/dossiers/" + leaDossier, null).status());
        assertEquals(401, api.get("/dossiers/" + leaDossier, "not-a-session").status());
        assertEquals(401, api.postRaw("/partners/enrolments", "{}".getBytes(), "application/json", null,
                Map.of("X-Api-Key", "gk_not-a-key")).status());
    }

    @Test
    @Order(6)
    void aSubmissionSurvivesKillDashNine() throws Exception {
        // a fresh dossier for Nina, complete, submitted, and the JVM killed the moment the receipt is back
        long d = api.get("/dossiers", nina).json().path(0).path("id").asLong();
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("birthDate", "1999-07-01");
        answers.put("trainingStartDate", "2026-09-01");
        answers.put("trainingEndDate", "2026-12-18");
        answers.put("trainingHours", 400);
        answers.put("programme", "QUALIF_EMPLOI");
        answers.put("regionFunded", true);
        answers.put("franceTravailRegistered", false);
        answers.put("unemploymentBenefit", "NONE");
        answers.put("taxNoticeProvided", false);
        answers.put("familyBreakdown", false);
        answers.put("singleParent", false);
        answers.put("homeToTrainingKm", 5);
        Reply saved = api.patch("/dossiers/" + d + "/answers", map("answers", answers), nina);
        assertTrue(saved.json().path("live").path("complete").asBoolean(), saved.toString());
        for (JsonNode item : saved.json().path("live").path("checklist")) {
            assertEquals(201, upload(d, item.path("documentType").asText(), "doc.pdf", "application/pdf",
                    Files2.pdf(item.path("documentType").asText()), nina).status());
        }
        Reply receipt = submit(d, nina);
        assertEquals(200, receipt.status(), receipt.toString());
        dist.kill();

        dist.start(Duration.ofMinutes(3));
        // she signs in with codes only (her sign-up password was discarded when the code proved her address)
        long codesBefore = mail.count(NINA, "SIGN_IN_CODE");
        assertEquals(202, api.post("/sessions/code-requests", map("email", NINA), null).status());
        for (int i = 0; i < 100 && mail.count(NINA, "SIGN_IN_CODE") == codesBefore; i++) {
            Thread.sleep(100); // the mail leaves after the answer
        }
        String ninaAgain = api.post("/sessions/code", map("email", NINA, "code", mail.latest(NINA, "SIGN_IN_CODE")
                .code()), null).json().path("token").asText();
        JsonNode after = api.get("/dossiers/" + d, ninaAgain).json();
        assertEquals("SUBMITTED", after.path("state").asText(), after.toString());
        assertEquals(receipt.json().path("number").asText(), after.path("receipt").path("number").asText());
        // and everything before it: Léa's dossier, its documents byte for byte
        // (her password sign-in is still locked from the first test: her session, kept in the database, is enough)
        String leaAgain = lea;
        JsonNode leaAfter = api.get("/dossiers/" + leaDossier, leaAgain).json();
        assertEquals("SUBMITTED", leaAfter.path("state").asText());
        Reply download = api.get("/dossiers/" + leaDossier + "/documents/" + leaDocuments.get(0) + "/content", leaAgain);
        assertArrayEquals(idPdf, download.bytes());
        assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(idPdf)),
                findSha(leaAfter, leaDocuments.get(0)));
        assertEquals(429, api.post("/sessions", map("email", LEA, "password", LEA_PASSWORD), null).status(),
                "the lockout is in the database: a restart does not lift it");

        List<Long> sorted = new ArrayList<>(submitMillis);
        java.util.Collections.sort(sorted);
        System.out.println("[measure] submit latency (ms, " + sorted.size() + " first submissions): min " + sorted.get(0)
                + ", median " + sorted.get(sorted.size() / 2) + ", max " + sorted.get(sorted.size() - 1));
    }

    static String findSha(JsonNode dossier, long documentId) {
        for (JsonNode doc : dossier.path("documents")) {
            if (doc.path("id").asLong() == documentId) {
                return doc.path("sha256").asText();
            }
        }
        return "missing";
    }

    static Reply submit(long dossier, String token) throws Exception {
        long start = System.nanoTime();
        Reply r = api.post("/dossiers/" + dossier + "/submit", null, token);
        if (r.status() == 200 && !r.json().path("number").isMissingNode()) {
            submitMillis.add((System.nanoTime() - start) / 1_000_000);
        }
        return r;
    }

    static Reply upload(long dossier, String type, String name, String declared, byte[] content, String token) throws Exception {
        return api.upload("/dossiers/" + dossier + "/documents", Map.of("documentType", type), name, declared, content, token,
                Map.of());
    }

    /** Signs in by password; staff through the second factor, for real. */
    static String signIn(String email, String password) throws Exception {
        Reply r = api.post("/sessions", map("email", email, "password", password), null);
        String token = org.guichet.itests.support.Phone.session(api, email, r);
        assertNotNull(token);
        return token;
    }

    static String wrongCode(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}
