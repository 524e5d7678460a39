package org.guichet.itests.support;

import static org.guichet.itests.support.Distribution.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guichet.itests.support.Api.Reply;

/** The steps several black-box journeys share: people, their sign-in, the worked-example answers, uploads. */
public final class Scenario {
    private final Api api;
    private final Mailbox mail;

    public Scenario(Api api, Mailbox mail) {
        this.api = api;
        this.mail = mail;
    }

    /** Activates an account from its mailed link (setting the password when it has none), then signs in. */
    public String activateAndSignIn(String email, String topic, String password) throws Exception {
        Reply r = api.post("/accounts/activation", map("token", mail.latest(email, topic).token(), "password", password), null);
        assertEquals(200, r.status(), r.toString());
        return signIn(email, password);
    }

    /** Signs in, activating the account from its invitation first if it is still pending. */
    public String signInOrActivate(String email, String password) throws Exception {
        Reply r = api.post("/sessions", map("email", email, "password", password), null);
        if (r.status() == 201 || r.status() == 200) {
            return Phone.session(api, email, r);
        }
        return activateAndSignIn(email, "INVITATION", password);
    }

    /** Signs in by password; staff through the second factor, for real ({@link Phone}). */
    public String signIn(String email, String password) throws Exception {
        Reply r = api.post("/sessions", map("email", email, "password", password), null);
        return Phone.session(api, email, r);
    }

    /** An applicant who signs up alone and activates from the .eml file. */
    public String applicant(String email, String name, String password) throws Exception {
        Reply r = api.post("/accounts", map("email", email, "password", password, "displayName", name), null);
        assertEquals(202, r.status(), r.toString());
        return activateAndSignIn(email, "ACTIVATION", password);
    }

    /** A staff account an admin invites; it sets its password from the invitation. */
    public long invite(String admin, String email, String name, String role, Long organisationId, String... schemes)
            throws Exception {
        Map<String, Object> body = map("email", email, "displayName", name, "role", role, "organisationId", organisationId,
                "schemes", java.util.List.of(schemes));
        Reply r = api.post("/admin/accounts", body, admin);
        assertEquals(201, r.status(), r.toString());
        return r.json().path("id").asLong();
    }

    /** The specification's worked example of vocational-training, except what a partner pre-fills. */
    public static Map<String, Object> vocationalTrainingAnswers() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("birthDate", "2001-03-10");
        a.put("franceTravailRegistered", true);
        a.put("unemploymentBenefit", "NONE");
        a.put("taxNoticeProvided", true);
        a.put("referenceTaxIncome", 14400);
        a.put("taxShares", 1);
        a.put("familyBreakdown", false);
        a.put("singleParent", false);
        a.put("homeToTrainingKm", 25);
        return a;
    }

    /** The training part, as a training organisation sends it. */
    public static Map<String, Object> enrolment(String email) {
        return map("traineeEmail", email, "firstName", "Léa", "lastName", "Martin", "trainingStartDate", "2026-09-14",
                "trainingEndDate", "2027-02-26", "trainingHours", 600, "programme", "QUALIF_EMPLOI", "regionFunded", true);
    }

    /** Uploads one real file for every document the live checklist asks and the dossier lacks. */
    public void uploadChecklist(long dossier, JsonNode live, String token) throws Exception {
        for (JsonNode item : live.path("checklist")) {
            if (item.path("present").asBoolean()) {
                continue;
            }
            String type = item.path("documentType").asText();
            byte[] content = type.equals("BANK_DETAILS") ? Files2.jpeg(900, 600) : Files2.pdf(type);
            Reply up = api.upload("/dossiers/" + dossier + "/documents", Map.of("documentType", type), type + ".bin",
                    "application/octet-stream", content, token, Map.of());
            assertEquals(201, up.status(), up.toString());
        }
    }
}
