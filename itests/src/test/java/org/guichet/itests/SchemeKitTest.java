package org.guichet.itests;

import static org.guichet.itests.support.Distribution.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.guichet.itests.support.Api;
import org.guichet.itests.support.Api.Reply;
import org.guichet.itests.support.Distribution;
import org.guichet.itests.support.Mailbox;
import org.guichet.itests.support.Scenario;
import org.guichet.itests.support.SchemeJars;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Black-box, issue 17: an admin deploys driving-licence versions as zips of the scheme's folder, without Maven. A
 * preview is for staff only until promoted; a broken DRL and a failing case are FAILED with file:line; two versions
 * with different validFrom answer for their dates; a hostile zip installs nothing.
 */
class SchemeKitTest {
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String ADMIN = "admin." + RUN + "@region.example";
    static final String AGENT = "agent." + RUN + "@region.example";
    static final String LEA = "lea." + RUN + "@example.fr";
    static final Map<String, Object> YOUNG_DRIVER = HotDeployTest.YOUNG_DRIVER;
    static Distribution dist;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        dist = Distribution.unpack("schemekit");
        api = new Api(dist);
        dist.setConfig("org.guichet.accounts.cfg", "admin.email", ADMIN);
        dist.start(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    /** The zip of rules/driving-licence (what a directorate has), at that version, with some files changed. */
    static byte[] zip(String version, Map<String, UnaryOperator<String>> changes) throws IOException {
        Path folder = Path.of(System.getProperty("user.dir")).resolve("../rules/driving-licence").normalize();
        Map<String, UnaryOperator<String>> all = new java.util.HashMap<>(changes);
        // the version first, then the test's own change of scheme.yaml (which may look for the new version line)
        all.merge("scheme.yaml", SchemeJars.schemeVersion(version), (own, v) -> s -> own.apply(v.apply(s)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = folder.relativize(p).toString().replace('\\', '/');
                if (!(name.equals("scheme.yaml") || name.matches("(rules|parameters|tests)/.*"))) {
                    continue;
                }
                String text = Files.readString(p, StandardCharsets.UTF_8);
                UnaryOperator<String> change = all.getOrDefault(name, UnaryOperator.identity());
                z.putNextEntry(new ZipEntry("driving-licence/" + name));
                z.write(change.apply(text).getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Reply deploy(byte[] zip, boolean preview, String session) throws Exception {
        return api.postRaw("/schemes/packages?preview=" + preview, zip, "application/zip", session, Map.of());
    }

    static String simulatedVersion(String query, String session) throws Exception {
        Reply r = api.post("/schemes/driving-licence/simulate" + query, map("answers", YOUNG_DRIVER), session);
        assertEquals(200, r.status(), r.toString());
        return r.json().path("scheme").path("version").asText();
    }

    static JsonNode await(String version, String state, String session) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = api.get("/schemes", session).json();
            for (JsonNode s : last) {
                if ("driving-licence".equals(s.path("id").asText()) && version.equals(s.path("version").asText())
                        && state.equals(s.path("state").asText())) {
                    return s;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("driving-licence " + version + " never " + state + ": " + last);
    }

    static boolean listed(String version, String session) throws Exception {
        for (JsonNode s : api.get("/schemes", session).json()) {
            if ("driving-licence".equals(s.path("id").asText()) && version.equals(s.path("version").asText())) {
                return true;
            }
        }
        return false;
    }

    static JsonNode problem(JsonNode scheme, String kind) {
        for (JsonNode p : scheme.path("errors")) {
            if (kind.equals(p.path("kind").asText())) {
                return p;
            }
        }
        throw new AssertionError("no " + kind + " problem in " + scheme);
    }

    @Test
    void previewPromotionFailuresAndDatesThroughZips() throws Exception {
        Scenario scenario = new Scenario(api, new Mailbox(dist));
        String admin = scenario.activateAndSignIn(ADMIN, "INVITATION", "la region paie les aides aux stagiaires");
        scenario.invite(admin, AGENT, "Alex Agent", "AGENT", null, "driving-licence");
        String agent = scenario.signInOrActivate(AGENT, "un agent instruit les dossiers du permis");
        String lea = scenario.applicant(LEA, "Léa Martin", "je voudrais passer mon permis de conduire");

        // who may deploy: not an applicant, not an agent
        byte[] preview = zip("1.1.0", Map.of());
        assertEquals(403, deploy(preview, true, lea).status());
        assertEquals(403, deploy(preview, true, agent).status());
        assertEquals(401, deploy(preview, true, null).status());

        // 1. a working zip, as a preview: staff only
        Instant t0 = Instant.now();
        Reply accepted = deploy(preview, true, admin);
        assertEquals(202, accepted.status(), accepted.toString());
        await("1.1.0", "PREVIEW", admin);
        System.out.println("[measure] zip upload to PREVIEW: " + Duration.between(t0, Instant.now()).toMillis() + " ms");
        assertFalse(listed("1.1.0", null), "anonymous visitors do not see a preview");
        assertFalse(listed("1.1.0", lea), "applicants do not see a preview");
        assertTrue(listed("1.1.0", agent));
        assertEquals("1.0.0", simulatedVersion("", null), "the simulator serves applicants the ACTIVE version");
        assertEquals("1.0.0", simulatedVersion("", lea));
        assertEquals("1.1.0", simulatedVersion("", agent), "staff try the preview");
        assertEquals(404, api.get("/schemes/driving-licence?version=1.1.0", lea).status());
        assertEquals(404, api.post("/schemes/driving-licence/simulate?version=1.1.0", map("answers", YOUNG_DRIVER),
                null).status());
        String page = dist.get("/aides/driving-licence").body();
        assertFalse(page.contains("prévisualisation"), "the anonymous simulator page has no preview");

        // test dossiers: staff try the preview in a dossier of their own; nobody else opens one or reads it
        Reply notHers = api.post("/dossiers", map("schemeId", "driving-licence", "test", true), lea);
        assertEquals(403, notHers.status(), notHers.toString());
        assertEquals("TEST_DOSSIER_STAFF_ONLY", notHers.code());
        Reply trial = api.post("/dossiers", map("schemeId", "driving-licence", "test", true), agent);
        assertEquals(201, trial.status(), trial.toString());
        assertTrue(trial.json().path("test").asBoolean(), trial.toString());
        assertEquals("1.1.0", trial.json().path("schemeVersion").asText(), "the version the staff are served");
        long trialId = trial.json().path("id").asLong();
        assertEquals(404, api.get("/dossiers/" + trialId, lea).status(), "never an applicant's");
        assertEquals(404, api.get("/dossiers/" + trialId, admin).status(), "its author's alone");
        Reply sent = api.post("/dossiers/" + trialId + "/submit", null, agent);
        assertEquals(409, sent.status(), sent.toString());
        assertEquals("TEST_DOSSIER_NOT_SUBMITTABLE", sent.code());
        assertEquals("DRAFT", api.get("/dossiers/" + trialId, agent).json().path("state").asText());

        // 2. promotion: recorded, once
        assertEquals(403, api.post("/schemes/driving-licence/versions/1.1.0/promotion", null, agent).status());
        Reply promoted = api.post("/schemes/driving-licence/versions/1.1.0/promotion", null, admin);
        assertEquals(200, promoted.status(), promoted.toString());
        assertTrue(promoted.json().path("promoted").asBoolean());
        assertFalse(api.post("/schemes/driving-licence/versions/1.1.0/promotion", null, admin).json().path("promoted")
                .asBoolean(), "a second promotion changes nothing");
        assertEquals("1.1.0", simulatedVersion("", lea), "applicants now get it");
        JsonNode stillTrial = api.get("/dossiers/" + trialId, agent).json();
        assertTrue(stillTrial.path("test").asBoolean(), "after promotion a test dossier stays one: " + stillTrial);
        assertEquals(409, api.post("/dossiers/" + trialId + "/submit", null, agent).status());
        JsonNode history = api.get("/scheme-events?scheme=driving-licence", admin).json();
        long promotions = 0;
        for (JsonNode e : history) {
            promotions += "PROMOTED".equals(e.path("type").asText()) ? 1 : 0;
        }
        assertEquals(1, promotions, history.toString());

        // 3. a broken DRL: FAILED with file:line; 4. a changed figure the test pack does not expect: FAILED
        UnaryOperator<String> breakRules = drl -> drl + "\nrule \"Broken\"\nwhen\n    Answers(\nthen\nend\n";
        assertEquals(202, deploy(zip("2.0.0", Map.of("rules/eligibility.drl", breakRules)), false, admin).status());
        JsonNode broken = await("2.0.0", "FAILED", admin);
        assertEquals("rules/eligibility.drl", problem(broken, "RULES").path("file").asText(), broken.toString());
        assertTrue(problem(broken, "RULES").path("line").asInt() > 0, broken.toString());
        assertEquals(202, deploy(zip("3.0.0", Map.of("parameters/figures.csv",
                csv -> csv.replace("cap.withHighwayCode,1500", "cap.withHighwayCode,1600"))), false, admin).status());
        JsonNode untested = await("3.0.0", "FAILED", admin);
        assertTrue(problem(untested, "TEST_CASE").path("message").asText().contains("1500"), untested.toString());
        assertEquals("1.1.0", simulatedVersion("", lea), "a FAILED version never answers");

        // 5. dates in force: 4.0.0 from 2031-01-01 waits beside 1.1.0
        UnaryOperator<String> from2031 = yaml -> yaml.replaceFirst("(?m)^version: 4.0.0$", "version: 4.0.0\nvalidFrom: 2031-01-01");
        assertEquals(202, deploy(zip("4.0.0", Map.of("scheme.yaml", from2031)), false, admin).status());
        JsonNode future = await("4.0.0", "ACTIVE", admin);
        assertEquals("2031-01-01", future.path("validFrom").asText(), future.toString());
        assertEquals("1.1.0", simulatedVersion("", lea), "today: the version in force");
        assertEquals("1.1.0", simulatedVersion("?date=2030-12-31", null));
        assertEquals("4.0.0", simulatedVersion("?date=2031-01-01", null), "from its validFrom");
        assertEquals(400, api.post("/schemes/driving-licence/simulate?date=01/01/2031", map("answers", YOUNG_DRIVER),
                null).status());

        // 6. a hostile zip installs nothing
        ByteArrayOutputStream evil = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(evil)) {
            z.putNextEntry(new ZipEntry("../../etc/scheme.yaml"));
            z.write("id: driving-licence\nversion: 9.0.0\n".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        int before = api.get("/schemes", admin).json().size();
        Reply refused = deploy(evil.toByteArray(), false, admin);
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("ZIP_PATH_TRAVERSAL", refused.code());
        assertEquals(before, api.get("/schemes", admin).json().size());
        assertEquals("UP", dist.getJson("/api/v1/health").path("status").asText());
    }
}
