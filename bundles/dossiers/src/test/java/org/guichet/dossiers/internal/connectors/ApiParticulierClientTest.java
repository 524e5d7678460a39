package org.guichet.dossiers.internal.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.connectors.ProviderException.Failure;
import org.guichet.dossiers.testing.FakeApiParticulier;
import org.guichet.dossiers.testing.FakeApiParticulier.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The API Particulier client against a local server that speaks the published formats, and its mapping alone. */
class ApiParticulierClientTest {
    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    FakeApiParticulier server;
    ApiParticulierClient client;

    @BeforeEach
    void start() {
        server = new FakeApiParticulier();
        client = client(server.baseUrl(), FakeApiParticulier.KEY, 5000); // generous: a loaded machine is slow
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static ApiParticulierClient client(String base, String key, long readMillis) {
        return new ApiParticulierClient(URI.create(base), key, Duration.ofMillis(500), Duration.ofMillis(readMillis));
    }

    static Failure failure(Executable call) {
        return assertThrows(ProviderException.class, call).failure();
    }

    @Test
    void theTaxNoticeGivesTheIncomeAndSharesAskedAsPublished() throws Exception {
        Map<String, Object> data = client.taxNotice(FakeApiParticulier.TAX_NUMBER, FakeApiParticulier.NOTICE_REFERENCE);
        assertEquals(Map.of("noticeFound", true, "referenceTaxIncome", 13200L, "taxShares", new BigDecimal("1.5")),
                data, "only what the form needs is kept");
        assertEquals(List.of("GET /api/v2/avis-imposition?numeroFiscal=1234567890123&referenceAvis=2326A12345678"
                + " key=test-api-key"), server.requests);
    }

    @Test
    void theJobSeekerIsRegisteredWhileHerRegistrationRuns() throws Exception {
        assertEquals(Map.of("registered", true), client.jobSeeker(FakeApiParticulier.JOB_SEEKER, TODAY));
        assertEquals(Map.of("registered", false), client.jobSeeker(FakeApiParticulier.FORMER_JOB_SEEKER, TODAY),
                "registration ended in 2021");
        assertEquals("GET /api/v2/situations-pole-emploi?identifiant=lea.martin key=test-api-key",
                server.requests.get(0));
    }

    @Test
    void inFranceConnectModeHerTokenNamesHerWithoutIdentifierNorKeyAndARefusedTokenIsAFailure() throws Exception {
        String token = server.issue(FakeApiParticulier.SUBJECT, FakeApiParticulier.TAX_SCOPES);
        assertEquals(Map.of("noticeFound", true, "referenceTaxIncome", 13200L, "taxShares", new BigDecimal("1.5")),
                client.taxNoticeWithFranceConnect("/api/v2/avis-imposition", token, "13002526500013"));
        assertEquals(List.of("GET /api/v2/avis-imposition?recipient=13002526500013 bearer"), server.requests,
                "no identifier, no X-Api-Key");
        // without the job seeker's scope (403), a token never issued (401): the applicant goes on the old way
        assertEquals(Failure.UNAVAILABLE, failure(() -> client.jobSeekerWithFranceConnect("/api/v2/situations-pole-emploi",
                token, "", TODAY)));
        assertEquals(Failure.UNAVAILABLE, failure(() -> client.taxNoticeWithFranceConnect("/api/v2/avis-imposition",
                "at-forged", "")));
        assertEquals(Failure.NOT_FOUND, failure(() -> client.taxNoticeWithFranceConnect("/api/v2/avis-imposition",
                server.issue("sub-unknown", FakeApiParticulier.TAX_SCOPES), "")));
    }

    @Test
    void identifiersAreEncodedInTheQuery() {
        assertEquals(Failure.NOT_FOUND, failure(() -> client.jobSeeker("a&identifiant=lea.martin", TODAY)),
                "an identifier cannot add a parameter");
        assertTrue(server.requests.get(0).contains("identifiant=a%26identifiant%3Dlea.martin"), server.requests.get(0));
    }

    @Test
    void unknownPeopleAreNotFound() {
        assertEquals(Failure.NOT_FOUND, failure(() -> client.taxNotice("0000000000000", "0000000000000")));
        assertEquals(Failure.NOT_FOUND, failure(() -> client.jobSeeker("inconnu", TODAY)));
    }

    @Test
    void aSlowProviderIsATimeout() {
        server.mode(Mode.SLOW).slowMillis(3000);
        long t0 = System.nanoTime();
        assertEquals(Failure.TIMEOUT, failure(() -> client(server.baseUrl(), FakeApiParticulier.KEY, 500)
                .jobSeeker(FakeApiParticulier.JOB_SEEKER, TODAY)));
        System.out.printf("timeout noticed after %d ms (read timeout 500 ms)%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void garbageIsMalformed() {
        server.mode(Mode.GARBAGE);
        assertEquals(Failure.MALFORMED, failure(() -> client.taxNotice(FakeApiParticulier.TAX_NUMBER,
                FakeApiParticulier.NOTICE_REFERENCE)));
    }

    @Test
    void aServerErrorOrAWrongKeyIsUnavailable() {
        server.mode(Mode.SERVER_ERROR);
        assertEquals(Failure.UNAVAILABLE, failure(() -> client.jobSeeker(FakeApiParticulier.JOB_SEEKER, TODAY)));
        server.mode(Mode.NORMAL);
        assertEquals(Failure.UNAVAILABLE, failure(() -> client(server.baseUrl(), "wrong", 5000)
                .jobSeeker(FakeApiParticulier.JOB_SEEKER, TODAY)));
        assertTrue(server.requests.get(1).endsWith("key=wrong"));
    }

    @Test
    void aProviderDownIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nobody listens there
        }
        assertEquals(Failure.UNAVAILABLE, failure(() -> client("http://127.0.0.1:" + port, "k", 500)
                .jobSeeker(FakeApiParticulier.JOB_SEEKER, TODAY)));
    }

    // ---- the mapping alone

    @Test
    void taxDataRefusesWhatIsNotThePublishedFormat() throws Exception {
        assertEquals(Map.of("noticeFound", true, "referenceTaxIncome", 0L, "taxShares", new BigDecimal("2")),
                ApiParticulierClient.taxData(Json.MAPPER.readTree("{\"revenuFiscalReference\": 0, \"nombreParts\": 2.0}")),
                "0 is an income; 2.0 shares are 2");
        assertEquals(new BigDecimal("10"), ApiParticulierClient.taxData(Json.MAPPER.readTree(
                "{\"revenuFiscalReference\": 1, \"nombreParts\": 10}")).get("taxShares"));
        for (String body : List.of("{}", "{\"revenuFiscalReference\": \"13200\", \"nombreParts\": 1}",
                "{\"revenuFiscalReference\": 13200}", "{\"revenuFiscalReference\": -1, \"nombreParts\": 1}",
                "{\"revenuFiscalReference\": 1, \"nombreParts\": 0}")) {
            assertEquals(Failure.MALFORMED, failure(() -> ApiParticulierClient.taxData(Json.MAPPER.readTree(body))),
                    body);
        }
    }

    @Test
    void jobSeekerDataReadsTheRegistrationDates() throws Exception {
        assertEquals(Map.of("registered", true), ApiParticulierClient.jobSeekerData(Json.MAPPER.readTree(
                "{\"dateInscription\": \"2026-01-01\", \"dateCessationInscription\": \"2026-12-02\"}"), TODAY),
                "the last day still counts");
        assertEquals(Map.of("registered", false), ApiParticulierClient.jobSeekerData(Json.MAPPER.readTree(
                "{\"dateInscription\": \"2026-12-03\"}"), TODAY), "not yet registered");
        assertEquals(Map.of("registered", true), ApiParticulierClient.jobSeekerData(Json.MAPPER.readTree(
                "{\"dateInscription\": \"2026-01-01\", \"dateCessationInscription\": \"\"}"), TODAY));
        assertEquals(Failure.MALFORMED, failure(() -> ApiParticulierClient.jobSeekerData(Json.MAPPER.readTree(
                "{\"identifiant\": \"x\"}"), TODAY)));
        assertEquals(Failure.MALFORMED, failure(() -> ApiParticulierClient.jobSeekerData(Json.MAPPER.readTree(
                "{\"dateInscription\": \"07/01/2021\"}"), TODAY)));
    }
}
