package org.guichet.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.guichet.itests.support.Api;
import org.guichet.itests.support.Distribution;
import org.guichet.itests.support.Mailbox;
import org.guichet.itests.support.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Black-box: the built distribution as a process. It must come up with health UP (REST, database, rules engine),
 * answer over HTTP, and keep what it wrote across a restart.
 */
class DistributionLifecycleTest {
    static final String ADMIN = "admin." + System.nanoTime() + "@region.example";
    static final String ADMIN_PASSWORD = "la region paie les aides aux stagiaires";
    static Distribution dist;

    @BeforeAll
    static void unpack() throws Exception {
        dist = Distribution.unpack("lifecycle");
    }

    /** The product name the database health check must report. */
    protected String expectedDatabase() {
        return "Apache Derby";
    }

    /** Subclasses point the distribution at another database before its first start. */
    protected void configure(Distribution distribution) throws Exception {
        // the shipped default: embedded Derby
    }

    @AfterAll
    static void stop() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    void startsHealthyServesTheApiAndKeepsDataAcrossARestart() throws Exception {
        configure(dist);
        dist.setConfig("org.guichet.accounts.cfg", "admin.email", ADMIN);
        dist.setConfig("org.guichet.ratelimits.cfg", "trusted.proxies", "127.0.0.1, ::1");
        Duration firstStart = dist.start(Duration.ofMinutes(4));
        System.out.println("[measure] cold start to health UP: " + firstStart.toMillis() + " ms");

        // anyone sees the status only; the checks and the deployment history are for an admin (and staff)
        JsonNode anonymous = dist.getJson("/api/v1/health");
        assertEquals("UP", anonymous.path("status").asText(), anonymous.toString());
        assertEquals(0, anonymous.path("checks").size(), anonymous.toString());
        assertEquals(401, dist.get("/api/v1/scheme-events").statusCode());
        for (String wadl : new String[] {"/api/v1?_wadl", "/api/v1/health?_wadl", "/api/v1/schemes?_type=wadl"}) {
            HttpResponse<String> r = dist.get(wadl);
            assertEquals(404, r.statusCode(), wadl + ": " + r.body());
            assertTrue(!r.body().contains("<application"), "no WADL: " + r.body());
        }
        // behind the trusted proxy (this test, from loopback) saying HTTPS: Secure cookies and HSTS; plain: neither
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> viaProxy = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(dist.url("/compte/connexion"))).header("X-Forwarded-Proto", "https").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, viaProxy.statusCode(), viaProxy.body());
        assertTrue(viaProxy.headers().allValues("Set-Cookie").stream().allMatch(c -> c.contains("; Secure")
                && c.startsWith("__Host-")), viaProxy.headers().toString());
        assertTrue(viaProxy.headers().firstValue("Content-Security-Policy").orElse("").contains("base-uri 'none'"),
                viaProxy.headers().toString());
        assertTrue(viaProxy.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="),
                viaProxy.headers().toString());
        HttpResponse<String> plain = dist.get("/compte/connexion");
        assertTrue(plain.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.contains("Secure")),
                plain.headers().toString());
        assertTrue(plain.headers().firstValue("Strict-Transport-Security").isEmpty(), plain.headers().toString());

        // the security log (ASVS 16.3): a failed sign-in and a refused request each leave one line, with no address
        HttpResponse<String> wrong = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                dist.url("/api/v1/sessions"))).header("Content-Type", "application/json").POST(
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + ADMIN
                        + "\",\"password\":\"pas le bon mot de passe du tout\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode(), wrong.body());
        List<String> security = securityLog(dist, l -> l.contains("event=SIGN_IN_FAILED"));
        assertTrue(security.stream().anyMatch(l -> l.contains("event=SIGN_IN_FAILED")), String.join("\n", security));
        assertTrue(security.stream().anyMatch(l -> l.contains("refused status=401") && l.contains("path=/api/v1/")),
                String.join("\n", security));
        assertTrue(security.stream().noneMatch(l -> l.contains("@")), "no address in the security log: " + security);

        Scenario scenario = new Scenario(new Api(dist), new Mailbox(dist));
        dist.bearer(scenario.activateAndSignIn(ADMIN, "INVITATION", ADMIN_PASSWORD));

        JsonNode health = dist.getJson("/api/v1/health");
        assertEquals("UP", health.path("status").asText(), health.toString());
        assertEquals("UP", health.path("checks").path("database").path("status").asText(), health.toString());
        String database = health.path("checks").path("database").path("detail").asText();
        assertTrue(database.startsWith(expectedDatabase()), "running on " + database + ", expected " + expectedDatabase());
        assertEquals("UP", health.path("checks").path("rules-engine").path("status").asText(), health.toString());
        assertEquals("UP", health.path("checks").path("rest").path("status").asText(), health.toString());

        // the schemes shipped with the distribution are ACTIVE, and their activation was recorded in the database
        JsonNode schemes = dist.getJson("/api/v1/schemes");
        assertTrue(stateOf(schemes, "vocational-training").equals("ACTIVE"), schemes.toString());
        assertTrue(stateOf(schemes, "driving-licence").equals("ACTIVE"), schemes.toString());
        assertTrue(stateOf(schemes, "digital-equipment").equals("ACTIVE"), schemes.toString());
        JsonNode before = dist.await("/api/v1/scheme-events?limit=1000", e -> count(e, "ACTIVE") >= 3, Duration.ofSeconds(30));
        List<Long> idsBefore = ids(before);

        // the OpenAPI document is published
        JsonNode openapi = dist.getJson("/api/v1/openapi.json");
        assertTrue(openapi.path("openapi").asText().startsWith("3."), openapi.toString());
        assertTrue(openapi.path("paths").has("/schemes/{id}/simulate"), openapi.toString());

        // the web simulator: the scheme's questions with their help, then the rules' answer, with no JavaScript
        HttpResponse<String> form = dist.get("/aides/vocational-training");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("<label for=\"trainingHours\">"), form.body());
        assertTrue(form.body().contains("aria-describedby=\"trainingHours-aide\""), form.body());
        Map<String, String> example = new java.util.LinkedHashMap<>();
        example.put("birthDate", "2001-03-10");
        example.put("trainingStartDate", "2026-09-14");
        example.put("trainingEndDate", "2027-02-26");
        example.put("trainingHours", "600");
        example.put("programme", "QUALIF_EMPLOI");
        example.put("regionFunded", "true");
        example.put("franceTravailRegistered", "true");
        example.put("unemploymentBenefit", "NONE");
        example.put("taxNoticeProvided", "true");
        example.put("referenceTaxIncome", "14400");
        example.put("taxShares", "1");
        example.put("familyBreakdown", "false");
        example.put("singleParent", "false");
        example.put("homeToTrainingKm", "25");
        HttpResponse<String> result = dist.postForm("/aides/vocational-training", example);
        assertEquals(200, result.statusCode(), result.body());
        assertTrue(result.body().contains("vous pouvez avoir cette aide"), result.body());
        assertTrue(result.body().matches("(?s).*2\\D?582,76\\D*€.*"), "total of the worked example: " + result.body());
        assertTrue(result.body().contains("inscription à France Travail"), result.body());
        example.remove("trainingHours");
        example.put("trainingEndDate", "2026-09-01");
        HttpResponse<String> invalid = dist.postForm("/aides/vocational-training", example);
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("role=\"alert\""), invalid.body());
        assertTrue(invalid.body().contains("id=\"trainingHours-erreur\""), invalid.body());
        assertTrue(invalid.body().contains("id=\"trainingEndDate-erreur\""), invalid.body());
        // dates are shown as the person writes them (docs/web.md, FrenchDates)
        assertTrue(invalid.body().contains("value=\"14/09/2026\""), "answers kept: " + invalid.body());

        // errors are JSON with a stable code
        HttpResponse<String> missing = dist.get("/api/v1/schemes/no-such-scheme");
        assertEquals(404, missing.statusCode());
        assertEquals("SCHEME_NOT_FOUND", Distribution.JSON.readTree(missing.body()).path("code").asText());

        dist.stop();
        Duration secondStart = dist.start(Duration.ofMinutes(3));
        System.out.println("[measure] warm restart to health UP: " + secondStart.toMillis() + " ms");
        dist.bearer(scenario.signIn(ADMIN, ADMIN_PASSWORD));

        // every event written before the restart is still there, and the new start added its own
        JsonNode after = dist.await("/api/v1/scheme-events?limit=1000", e -> count(e, "ACTIVE") >= 6, Duration.ofSeconds(30));
        List<Long> idsAfter = ids(after);
        assertTrue(idsAfter.containsAll(idsBefore), "lost events: before " + idsBefore + " after " + idsAfter);
        assertTrue(idsAfter.size() > idsBefore.size(), "the second start recorded nothing: " + idsAfter);
    }

    static String stateOf(JsonNode schemes, String id) {
        for (JsonNode s : schemes) {
            if (id.equals(s.path("id").asText())) {
                return s.path("state").asText();
            }
        }
        return "MISSING";
    }

    static long count(JsonNode events, String type) {
        long n = 0;
        for (JsonNode e : events) {
            if (type.equals(e.path("type").asText())) {
                n++;
            }
        }
        return n;
    }

    static List<Long> ids(JsonNode events) {
        List<Long> ids = new ArrayList<>();
        events.forEach(e -> ids.add(e.path("id").asLong()));
        return ids;
    }

    /** The security log's lines (logger org.guichet.security, shown as « security ») in data/log, once one of them matches (10 s at most). */
    static List<String> securityLog(Distribution dist, java.util.function.Predicate<String> awaited) throws Exception {
        java.nio.file.Path log = dist.home().resolve("data/log/karaf.log");
        List<String> lines = List.of();
        for (int i = 0; i < 100; i++) {
            if (java.nio.file.Files.exists(log)) {
                lines = java.nio.file.Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8).stream()
                        .filter(l -> l.matches(".*\\| security\\s+\\|.*")).toList(); // %c{1} of the pattern
                if (lines.stream().anyMatch(awaited)) {
                    return lines;
                }
            }
            Thread.sleep(100);
        }
        return lines;
    }
}
