package org.guichet.itests;

import static org.guichet.itests.support.SchemeJars.schemeVersion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.guichet.itests.support.Distribution;
import org.guichet.itests.support.SchemeJars;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Black-box: a directorate drops scheme bundles into the running distribution's deploy/ folder — a new version,
 * an update of it, one with a DRL syntax error, one whose test pack fails — then removes them. No restart; the
 * schemes already there keep answering throughout.
 */
class HotDeployTest {
    static Distribution dist;
    static final Map<String, Object> YOUNG_DRIVER = Distribution.map(
            "birthDate", "2005-06-01", "applicationDate", "2026-11-28", "missionLocaleFollowed", true,
            "pathway", "QUALIFICATION_SUPPORT", "licenceObstacleToProject", true, "drivingSchoolInRegion", true,
            "includesHighwayCode", true, "quoteAmount", 1720.50);

    @BeforeAll
    static void start() throws Exception {
        dist = Distribution.unpack("hotdeploy");
        dist.start(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    void deployUpdateBreakAndUndeployWithoutRestart() throws Exception {
        Path deploy = dist.home().resolve("deploy");
        Path source = SchemeJars.builtDrivingLicence();
        Path work = dist.home().resolve("scheme-variants");
        Files.createDirectories(work);

        // 1. a new version beside the one installed by the feature
        Instant t0 = Instant.now();
        Path next = SchemeJars.variant(source, work.resolve("dl-next.jar"), "org.guichet.itest.dl-next", "1.1.0",
                Map.of("scheme.yaml", schemeVersion("1.1.0")));
        Files.copy(next, deploy.resolve("dl-next.jar"));
        awaitState("driving-licence", "1.1.0", "ACTIVE");
        System.out.println("[measure] hot deploy to ACTIVE: " + Duration.between(t0, Instant.now()).toMillis() + " ms");
        assertEquals("1.1.0", simulate("").path("scheme").path("version").asText(), "newest ACTIVE version answers");
        assertEquals("1.0.0", simulate("?version=1.0.0").path("scheme").path("version").asText(), "asked version answers");

        // 2. update in place (same file, same bundle): 1.1.0 is replaced by 1.2.0
        t0 = Instant.now();
        SchemeJars.variant(source, work.resolve("dl-next.jar"), "org.guichet.itest.dl-next", "1.2.0",
                Map.of("scheme.yaml", schemeVersion("1.2.0")));
        Files.copy(work.resolve("dl-next.jar"), deploy.resolve("dl-next.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        awaitState("driving-licence", "1.2.0", "ACTIVE");
        awaitGone("driving-licence", "1.1.0");
        System.out.println("[measure] hot update to ACTIVE: " + Duration.between(t0, Instant.now()).toMillis() + " ms");
        assertEquals("1.2.0", simulate("").path("scheme").path("version").asText());

        // 3. a DRL syntax error: FAILED with file and line; the other versions keep answering
        UnaryOperator<String> breakRules = drl -> drl + "\nrule \"Broken\"\nwhen\n    Answers(\nthen\nend\n";
        SchemeJars.variant(source, work.resolve("dl-broken.jar"), "org.guichet.itest.dl-broken", "2.0.0",
                Map.of("scheme.yaml", schemeVersion("2.0.0"), "rules/eligibility.drl", breakRules));
        Files.copy(work.resolve("dl-broken.jar"), deploy.resolve("dl-broken.jar"));
        JsonNode broken = awaitState("driving-licence", "2.0.0", "FAILED");
        JsonNode problem = firstProblem(broken, "RULES");
        assertEquals("rules/eligibility.drl", problem.path("file").asText(), broken.toString());
        assertTrue(problem.path("line").asInt() > 0, "line of the error: " + broken);
        assertEquals("1.2.0", simulate("").path("scheme").path("version").asText(), "a FAILED version never answers");
        HttpResponse<String> unavailable = dist.postJson("/api/v1/schemes/driving-licence/simulate?version=2.0.0",
                Map.of("answers", YOUNG_DRIVER));
        assertEquals(503, unavailable.statusCode(), unavailable.body());
        assertEquals("SCHEME_UNAVAILABLE", Distribution.JSON.readTree(unavailable.body()).path("code").asText());

        // 4. an amount changed without updating the test pack: FAILED, naming the failing cases
        SchemeJars.variant(source, work.resolve("dl-untested.jar"), "org.guichet.itest.dl-untested", "3.0.0",
                Map.of("scheme.yaml", schemeVersion("3.0.0"),
                        "parameters/figures.csv", csv -> csv.replace("cap.withHighwayCode,1500", "cap.withHighwayCode,1600")));
        Files.copy(work.resolve("dl-untested.jar"), deploy.resolve("dl-untested.jar"));
        JsonNode untested = awaitState("driving-licence", "3.0.0", "FAILED");
        JsonNode failedCase = firstProblem(untested, "TEST_CASE");
        assertTrue(failedCase.path("message").asText().contains("1500"), untested.toString());
        assertEquals("1.2.0", simulate("").path("scheme").path("version").asText());
        // the other scheme never noticed
        assertEquals(200, dist.get("/api/v1/schemes/vocational-training").statusCode());

        // 5. undeploy everything that was dropped in
        for (String jar : new String[] {"dl-next.jar", "dl-broken.jar", "dl-untested.jar"}) {
            Files.delete(deploy.resolve(jar));
        }
        awaitGone("driving-licence", "1.2.0");
        awaitGone("driving-licence", "2.0.0");
        awaitGone("driving-licence", "3.0.0");
        assertEquals("1.0.0", simulate("").path("scheme").path("version").asText(), "back to the feature's version");
        JsonNode health = dist.getJson("/api/v1/health");
        assertEquals("UP", health.path("status").asText(), health.toString());
    }

    private JsonNode simulate(String query) throws Exception {
        HttpResponse<String> r = dist.postJson("/api/v1/schemes/driving-licence/simulate" + query,
                Map.of("answers", YOUNG_DRIVER));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode result = Distribution.JSON.readTree(r.body());
        assertTrue(result.path("eligible").asBoolean(), r.body());
        assertEquals("1500.00", result.path("amount").path("total").decimalValue().setScale(2).toPlainString(), r.body());
        return result;
    }

    private JsonNode awaitState(String id, String version, String state) throws Exception {
        JsonNode schemes = dist.await("/api/v1/schemes", list -> find(list, id, version) != null
                && state.equals(find(list, id, version).path("state").asText()), Duration.ofMinutes(2));
        return find(schemes, id, version);
    }

    private void awaitGone(String id, String version) throws Exception {
        dist.await("/api/v1/schemes", list -> find(list, id, version) == null, Duration.ofMinutes(2));
    }

    private static JsonNode find(JsonNode list, String id, String version) {
        for (JsonNode s : list) {
            if (id.equals(s.path("id").asText()) && version.equals(s.path("version").asText())) {
                return s;
            }
        }
        return null;
    }

    private static JsonNode firstProblem(JsonNode scheme, String kind) {
        for (JsonNode p : scheme.path("errors")) {
            if (kind.equals(p.path("kind").asText())) {
                return p;
            }
        }
        throw new AssertionError("no " + kind + " problem in " + scheme);
    }
}
