package org.guichet.itests;

import static org.guichet.itests.support.Distribution.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

/**
 * Many people at once against the real distribution (embedded Derby here; PostgreSQL in the subclass): every answer
 * is a success or the documented refusal, never a 500 or a hang; the database then holds exactly what was
 * acknowledged; and the portal is healthy afterwards. Correctness only: no timing is asserted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrencyTest {
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String PASSWORD = "une foule arrive en septembre";
    static Distribution dist;
    static Api api;
    static Mailbox mail;
    static Scenario scenario;
    static final List<String> tokens = new ArrayList<>();

    protected void configure(Distribution d) throws Exception {
        // the shipped default: embedded Derby
    }

    @BeforeAll
    static void unpack() throws Exception {
        dist = Distribution.unpack("concurrency");
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

    /** Runs the calls at the same instant, each on its own thread; returns their replies in order. */
    static List<Reply> atOnce(int n, IndexedCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Reply> c = () -> {
                    go.await();
                    return call.run(index);
                };
                futures.add(pool.submit(c));
            }
            go.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : futures) {
                replies.add(f.get(2, TimeUnit.MINUTES));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface IndexedCall {
        Reply run(int index) throws Exception;
    }

    /** Fails on any reply but the statuses allowed (with, for refusals, the codes allowed). */
    static void only(List<Reply> replies, Set<Integer> statuses, Set<String> codes) {
        List<String> bad = new ArrayList<>();
        for (Reply r : replies) {
            boolean ok = statuses.contains(r.status()) && (r.status() < 400 || codes.contains(r.code()));
            if (!ok) {
                bad.add(r.toString());
            }
        }
        if (!bad.isEmpty()) {
            fail(bad.size() + " unexpected answer(s) of " + replies.size() + ":\n" + String.join("\n", bad));
        }
    }

    @Test
    @Order(1)
    void sixteenSignUpsAtOnceThenTheirActivations() throws Exception {
        configure(dist);
        // one address signed up 8 times at once: the limit per address (3) would answer 429 before the race
        dist.setConfig("org.guichet.ratelimits.cfg", "sign.up.per.address", "100");
        dist.start(Duration.ofMinutes(4));
        List<Reply> signUps = atOnce(16, i -> api.post("/accounts", map("email", email(i), "password", PASSWORD,
                "displayName", "Personne " + i), null));
        only(signUps, Set.of(202), Set.of());
        // the same address 8 times at once: 8 identical answers (nobody learns the address is known), one account
        String meme = "meme." + RUN + "@example.fr";
        List<Reply> same = atOnce(8, i -> api.post("/accounts", map("email", meme, "password", PASSWORD,
                "displayName", "Même"), null));
        only(same, Set.of(202), Set.of());
        assertEquals("ACCOUNT_NOT_ACTIVATED", api.post("/sessions", map("email", meme, "password", PASSWORD), null)
                .code(), "one PENDING account, none refused with a 500");
        List<Reply> activations = atOnce(16, i -> api.post("/accounts/activation",
                map("token", mail.latest(email(i), "ACTIVATION").token(), "password", PASSWORD), null));
        only(activations, Set.of(200), Set.of());
        List<Reply> sessions = atOnce(16, i -> api.post("/sessions", map("email", email(i), "password", PASSWORD), null));
        only(sessions, Set.of(201), Set.of());
        sessions.forEach(r -> tokens.add(r.json().path("token").asText()));
    }

    @Test
    @Order(2)
    void sixteenDossiersOpenedAtOnceGetSixteenReferences() throws Exception {
        List<Reply> opened = atOnce(16, i -> api.post("/dossiers", map("schemeId", "vocational-training"), tokens.get(i)));
        only(opened, Set.of(201), Set.of());
        Set<String> references = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            references.add(opened.get(i).json().path("reference").asText());
            // what was acknowledged is there
            Reply mine = api.get("/dossiers", tokens.get(i));
            assertEquals(1, mine.json().size(), mine.toString());
            assertEquals(opened.get(i).json().path("reference").asText(), mine.json().path(0).path("reference").asText());
        }
        assertEquals(16, references.size(), "unique references: " + references);
    }

    @Test
    @Order(3)
    void eightApplicantsUploadTheSameFileAtOnceThenEveryoneSubmits() throws Exception {
        List<Long> dossiers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            dossiers.add(api.get("/dossiers", tokens.get(i)).json().path(0).path("id").asLong());
        }
        Map<String, Object> answers = new java.util.LinkedHashMap<>(Scenario.vocationalTrainingAnswers());
        Scenario.enrolment("x").forEach((k, v) -> {
            if (!Set.of("traineeEmail", "firstName", "lastName").contains(k)) {
                answers.put(k, v);
            }
        });
        List<Reply> saved = atOnce(8, i -> api.patch("/dossiers/" + dossiers.get(i) + "/answers",
                map("answers", answers), tokens.get(i)));
        only(saved, Set.of(200), Set.of());
        byte[] same = Files2.pdf("La même carte d'identité");
        List<Reply> uploads = atOnce(8, i -> api.upload("/dossiers/" + dossiers.get(i) + "/documents",
                Map.of("documentType", "IDENTITY"), "carte.pdf", "application/pdf", same, tokens.get(i), Map.of()));
        only(uploads, Set.of(201), Set.of());
        assertEquals(1, uploads.stream().map(r -> r.json().path("sha256").asText()).distinct().count());
        // everyone completes her checklist, then all submit at once (and one of them clicks eight times)
        for (int i = 0; i < 8; i++) {
            JsonNode live = api.get("/dossiers/" + dossiers.get(i), tokens.get(i)).json().path("live");
            scenario.uploadChecklist(dossiers.get(i), live, tokens.get(i));
        }
        List<Reply> submitted = atOnce(8, i -> api.post("/dossiers/" + dossiers.get(i) + "/submit", null, tokens.get(i)));
        only(submitted, Set.of(200), Set.of());
        List<Reply> again = atOnce(8, i -> api.post("/dossiers/" + dossiers.get(0) + "/submit", null, tokens.get(0)));
        only(again, Set.of(200), Set.of());
        assertEquals(1, again.stream().map(r -> r.json().path("number").asText()).distinct().count(), "one receipt");
        for (int i = 0; i < 8; i++) {
            JsonNode d = api.get("/dossiers/" + dossiers.get(i), tokens.get(i)).json();
            assertEquals("SUBMITTED", d.path("state").asText());
            assertTrue(d.path("documents").size() >= 1, d.toString());
            // every acknowledged document can be read back, byte for byte for the shared one
            long identity = -1;
            for (JsonNode doc : d.path("documents")) {
                if (doc.path("documentType").asText().equals("IDENTITY")) {
                    identity = doc.path("id").asLong();
                }
            }
            Reply content = api.get("/dossiers/" + dossiers.get(i) + "/documents/" + identity + "/content", tokens.get(i));
            assertEquals(200, content.status());
            org.junit.jupiter.api.Assertions.assertArrayEquals(same, content.bytes());
        }
    }

    @Test
    @Order(4)
    void fiftyHealthProbesAtOnceWhileApplicantsWorkThenHealthy() throws Exception {
        List<Reply> probes = atOnce(50, i -> i % 5 == 0
                ? api.patch("/dossiers/" + api.get("/dossiers", tokens.get(8 + i / 5 % 8)).json().path(0).path("id")
                        .asLong() + "/answers", map("answers", map("homeToTrainingKm", i)), tokens.get(8 + i / 5 % 8))
                : api.get("/health", null));
        only(probes, Set.of(200), Set.of());
        Reply health = api.get("/health", null);
        assertEquals(200, health.status(), health.toString());
        assertEquals("UP", health.json().path("status").asText(), health.toString());
    }

    /** What operators read at /metrics after the crowd: every request counted by route, none a server error. */
    @Test
    @Order(5)
    void operatorsSeeTheCrowdInTheMetricsAndOnlyThey() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> metrics = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(dist.url("/metrics"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        assertTrue(text.contains("kind=\"api\",method=\"POST\",outcome=\"SUCCESS\",route=\"/accounts\",status=\"202\"} "),
                "sign-ups counted by route");
        assertTrue(text.contains("route=\"/dossiers/{id}/submit\""), "route templates, never ids");
        assertTrue(!text.contains("outcome=\"SERVER_ERROR\",route=\"/accounts\""), "no 5xx on sign-up");
        assertTrue(text.matches("(?s).*guichet_db_pool_max\\{application=\"guichet\"} 24\\.0.*"), "the pool is read");
        assertTrue(text.contains("guichet_dossiers{application=\"guichet\",state=\"SUBMITTED\"}"));
        assertTrue(text.contains("guichet_rules_evaluations_seconds_count"));
        // a request a reverse proxy forwards is refused, even from loopback
        java.net.http.HttpResponse<String> proxied = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(dist.url("/metrics"))).header("X-Forwarded-For", "203.0.113.7").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, proxied.statusCode());
    }

    static String email(int i) {
        return "foule" + i + "." + RUN + "@example.fr";
    }
}
