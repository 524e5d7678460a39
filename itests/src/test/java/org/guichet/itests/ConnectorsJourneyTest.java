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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Data from the administrations through the distribution: etc/org.guichet.connectors.cfg points at a local API
 * Particulier; an applicant consents, her tax and job-seeker answers arrive tagged and read-only, the tax notice and
 * the France Travail certificate leave her checklist; without consent or for someone else nothing is asked; with the
 * provider down she is told and goes on typing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

    /**
     * In the browser without JavaScript: on the income step the block says what DGFIP would give and which document
     * it spares; without the tick nothing is asked and the block says so; with it the answers arrive, read-only.
     */
    @Test
    @Order(1)
    void theApplicantConsentsOnTheStepInTheBrowser() throws Exception {
        Api api = new Api(dist);
        Scenario scenario = new Scenario(api, new Mailbox(dist));
        String email = "ines." + RUN + "@example.fr";
        String password = "la pluie tombe sur le jardin";
        String ines = scenario.applicant(email, "Inès Morel", password);
        long id = api.post("/dossiers", map("schemeId", "vocational-training"), ines).json().path("id").asLong();
        WebDriver driver = WebPagesBrowserTest.browser(false, 1280);
        try {
            driver.get(dist.url("/compte/connexion"));
            type(driver, "email", email);
            type(driver, "password", password);
            driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            driver.get(dist.url("/mes-demandes/" + id + "/etape/4"));
            WebElement block = driver.findElement(By.id("source-DGFIP"));
            assertTrue(block.getText().contains("Gagnez du temps : demandez vos informations à l'administration des"
                    + " impôts (DGFiP)"), block.getText());
            assertTrue(block.getText().contains("Vous n'aurez pas à donner : Avis d'impôt sur le revenu."), block.getText());
            type(driver, "DGFIP-taxNumber", "1234567890123");
            type(driver, "DGFIP-noticeReference", "2326A12345678");
            block.findElement(By.cssSelector("button[type=submit]")).click();
            block = driver.findElement(By.id("source-DGFIP"));
            assertTrue(block.findElement(By.cssSelector("p.error")).getText().startsWith("Cochez la case"), block.getText());
            assertTrue(stub.requests.isEmpty(), "nothing asked without the tick");
            assertEquals("1234567890123", driver.findElement(By.id("DGFIP-taxNumber")).getAttribute("value"),
                    "what she typed is kept");
            driver.findElement(By.id("DGFIP-consent")).click();
            block.findElement(By.cssSelector("button[type=submit]")).click();
            assertTrue(driver.findElement(By.cssSelector(".notice")).getText().contains("sont arrivées"),
                    driver.getPageSource());
            assertTrue(driver.findElements(By.id("source-DGFIP")).isEmpty(), "no more offer once answered");
            assertEquals("13200", driver.findElement(By.id("referenceTaxIncome")).getAttribute("value"));
            assertEquals("true", driver.findElement(By.id("referenceTaxIncome")).getAttribute("readonly"));
            assertTrue(driver.getPageSource().contains("Réponse donnée par l'administration des impôts (DGFiP), avec"
                    + " votre accord"), driver.getPageSource());
        } finally {
            driver.quit();
        }
        stub.requests.clear();
    }

    private static void type(WebDriver driver, String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    @Test
    @Order(2)
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
