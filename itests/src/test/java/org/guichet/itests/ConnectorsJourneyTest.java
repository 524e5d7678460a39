package org.guichet.itests;

import static org.guichet.itests.support.Distribution.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.guichet.itests.support.Api;
import org.guichet.itests.support.Api.Reply;
import org.guichet.itests.support.ApiParticulierStub;
import org.guichet.itests.support.Distribution;
import org.guichet.itests.support.Mailbox;
import org.guichet.itests.support.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data from the administrations through the distribution: etc/org.guichet.connectors.cfg points at a local API
 * Particulier; an applicant consents, her tax and job-seeker answers arrive tagged and read-only, the tax notice and
 * the France Travail certificate leave her checklist; without consent or for someone else nothing is asked; with the
 * provider down she is told and goes on typing.
 */
class ConnectorsJourneyTest {
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static Distribution dist;
    static ApiParticulierStub stub;

    @BeforeAll
    static void start() throws Exception {
        stub = new ApiParticulierStub();
        dist = Distribution.unpack("connectors");
        dist.setConfig("org.guichet.connectors.cfg", "base.url", stub.baseUrl());
        dist.setConfig("org.guichet.connectors.cfg", "api.key", ApiParticulierStub.KEY);
        dist.start(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() throws Exception {
        if (dist != null) {
            dist.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    static Set<String> checklist(JsonNode dossier) {
        Set<String> out = new TreeSet<>();
        dossier.path("live").path("checklist").forEach(c -> out.add(c.path("documentType").asText()));
        return out;
    }

    @Test
    void withConsentTheAdministrationsAnswerAndTheirDocumentsAreNoLongerAsked() throws Exception {
        Api api = new Api(dist);
        Scenario scenario = new Scenario(api, new Mailbox(dist));
        String lea = scenario.applicant("lea." + RUN + "@example.fr", "Léa Martin", "jardin violet sous la pluie");
        long id = api.post("/dossiers", map("schemeId", "vocational-training"), lea).json().path("id").asLong();
        Map<String, Object> answers = new LinkedHashMap<>(Scenario.vocationalTrainingAnswers());
        answers.putAll(map("trainingStartDate", "2026-09-14", "trainingEndDate", "2027-02-26", "trainingHours", 600,
                "programme", "QUALIF_EMPLOI", "regionFunded", true));
        JsonNode typed = api.patch("/dossiers/" + id + "/answers", map("answers", answers), lea).json();
        assertTrue(checklist(typed).containsAll(Set.of("TAX_NOTICE", "FRANCE_TRAVAIL_CERTIFICATE")), typed.toString());
        String path = "/dossiers/" + id + "/sources/";
        Map<String, Object> tax = map("taxNumber", "1234567890123", "noticeReference", "2326A12345678");

        Reply noConsent = api.post(path + "DGFIP", map("identifiers", tax), lea);
        assertEquals(400, noConsent.status(), noConsent.toString());
        assertEquals("CONSENT_REQUIRED", noConsent.code());
        String nina = scenario.applicant("nina." + RUN + "@example.fr", "Nina", "un autre jardin sous la pluie");
        Reply other = api.post(path + "DGFIP", map("consent", true, "identifiers", tax), nina);
        assertEquals(404, other.status(), other.toString());
        assertTrue(stub.requests.isEmpty(), "nothing asked: " + stub.requests);

        long t0 = System.nanoTime();
        Reply dgfip = api.post(path + "DGFIP", map("consent", true, "identifiers", tax), lea);
        System.out.printf("DGFIP through the distribution: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertEquals(200, dgfip.status(), dgfip.toString());
        assertEquals(13200, dgfip.json().path("answers").path("referenceTaxIncome").asInt());
        assertTrue(dgfip.json().path("answerSources").path("referenceTaxIncome").asText().startsWith("DGFIP:20"),
                dgfip.toString());
        assertEquals("/api/v2/avis-imposition?numeroFiscal=1234567890123&referenceAvis=2326A12345678 key="
                + ApiParticulierStub.KEY, stub.requests.get(0));
        Reply ft = api.post(path + "france-travail", map("consent", true, "identifiers",
                map("jobSeekerId", "lea.martin")), lea);
        assertEquals(200, ft.status(), ft.toString());
        Set<String> now = checklist(ft.json());
        assertFalse(now.contains("TAX_NOTICE") || now.contains("FRANCE_TRAVAIL_CERTIFICATE"), now.toString());
        assertEquals(checklist(typed).size() - 2, now.size());
        assertTrue(ft.json().path("history").toString().contains("ADMINISTRATION_CONSENT"), ft.toString());

        Reply overwrite = api.patch("/dossiers/" + id + "/answers", map("answers", map("referenceTaxIncome", 9000)), lea);
        assertEquals(409, overwrite.status(), overwrite.toString());
        assertEquals("ANSWER_FROM_ADMINISTRATION", overwrite.code());

        Reply unknown = api.post(path + "FRANCE_TRAVAIL", map("consent", true, "identifiers",
                map("jobSeekerId", "inconnu")), lea);
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals("ADMINISTRATION_NOT_FOUND", unknown.code());
        stub.close();
        Reply down = api.post(path + "DGFIP", map("consent", true, "identifiers", tax), lea);
        assertEquals(503, down.status(), down.toString());
        assertEquals("ADMINISTRATION_UNAVAILABLE", down.code());
        assertEquals(200, api.patch("/dossiers/" + id + "/answers", map("answers", map("homeToTrainingKm", 30)), lea)
                .status(), "she goes on");
    }
}
