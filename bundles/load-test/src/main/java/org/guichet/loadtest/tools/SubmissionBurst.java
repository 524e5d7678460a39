package org.guichet.loadtest.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submissions per second: N complete vocational-training dossiers are prepared through the API (sign-up, activation
 * from the outbox, answers, six documents: not timed), then submitted by C clients at once, as many as they can.
 * Reports throughput, p50/p95/p99 and errors. {@code java -cp <jar> org.guichet.loadtest.tools.SubmissionBurst <base url>
 * <karaf home> [dossiers=400] [clients=16]}.
 */
public final class SubmissionBurst {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String ANSWERS = "{\"answers\":{\"birthDate\":\"2001-03-10\",\"franceTravailRegistered\":true,"
            + "\"unemploymentBenefit\":\"NONE\",\"taxNoticeProvided\":true,\"referenceTaxIncome\":14400,\"taxShares\":1,"
            + "\"familyBreakdown\":false,\"singleParent\":false,\"homeToTrainingKm\":25,\"trainingStartDate\":\"2026-09-14\","
            + "\"trainingEndDate\":\"2027-02-26\",\"trainingHours\":600,\"programme\":\"QUALIF_EMPLOI\",\"regionFunded\":true}}";

    private SubmissionBurst() { }

    record Ready(String token, long dossier) { }

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "") + "/api/v1";
        Path home = Path.of(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService prep = Executors.newFixedThreadPool(8);
        List<Future<Ready>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(prep.submit(() -> prepare(base, home, "burst" + index + "." + run + "@example.fr")));
        }
        List<Ready> ready = new ArrayList<>();
        int failed = 0;
        for (Future<Ready> f : futures) {
            try {
                ready.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                failed++; // a preparation that failed is left out of the burst, and said
                System.err.println("not prepared: " + e.getCause());
            }
        }
        prep.shutdown();
        if (failed > 0) {
            System.out.printf("%d dossiers could not be prepared%n", failed);
        }
        System.out.printf("%d dossiers ready%n", ready.size());
        String go = System.getProperty("guichet.waitFor");
        if (go != null) {
            // lets a profiler start on the portal for the burst alone
            while (!java.nio.file.Files.exists(Path.of(go))) {
                Thread.sleep(100);
            }
        }
        ConcurrentLinkedQueue<Ready> todo = new ConcurrentLinkedQueue<>(ready);
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                try {
                    for (Ready r; (r = todo.poll()) != null; ) {
                        long t = System.nanoTime();
                        HttpResponse<String> resp = send("POST", base + "/dossiers/" + r.dossier() + "/submit", null,
                                r.token());
                        nanos.add(System.nanoTime() - t);
                        if (resp.statusCode() != 200) {
                            errors.incrementAndGet();
                            System.err.println(resp.statusCode() + " " + resp.body());
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        pool.shutdownNow();
        System.out.printf("%d submissions by %d clients in %.2f s: %.0f/s; p50 %d ms, p95 %d ms, p99 %d ms, max %d ms;"
                + " errors %d%n", sorted.size(), clients, seconds, sorted.size() / seconds, ms(sorted, 0.50),
                ms(sorted, 0.95), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1_000_000, errors.get());
    }

    static long ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1_000_000;
    }

    static Ready prepare(String base, Path home, String email) throws Exception {
        String password = "une foule arrive en septembre";
        check(send("POST", base + "/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"displayName\":\"Burst\"}", null), 202);
        String token = null;
        for (int i = 0; i < 100 && token == null; i++) {
            Thread.sleep(50);
            token = Outboxes.latestToken(home.resolve("data/guichet/mail"), email, "ACTIVATION");
        }
        check(send("POST", base + "/accounts/activation", "{\"token\":\"" + token + "\",\"password\":\"" + password
                + "\"}", null), 200);
        String session = field(check(send("POST", base + "/sessions", "{\"email\":\"" + email + "\",\"password\":\""
                + password + "\"}", null), 201), "token");
        long dossier = Long.parseLong(field(check(send("POST", base + "/dossiers",
                "{\"schemeId\":\"vocational-training\"}", session), 201), "id"));
        String live = check(send("PATCH", base + "/dossiers/" + dossier + "/answers", ANSWERS, session), 200);
        Matcher m = Pattern.compile("\"documentType\":\"([A-Z_]+)\"[^}]*\"present\":false").matcher(live);
        while (m.find()) {
            upload(base, session, dossier, m.group(1));
        }
        return new Ready(session, dossier);
    }

    static void upload(String base, String session, long dossier, String type) throws Exception {
        String boundary = "b" + UUID.randomUUID();
        String pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + type + " " + UUID.randomUUID()
                + "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\n" + type
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + type
                + ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n" + pdf + "\r\n--" + boundary + "--\r\n";
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/dossiers/" + dossier + "/documents"))
                .header("Authorization", "Bearer " + session)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)).build();
        check(HTTP.send(r, HttpResponse.BodyHandlers.ofString()), 201);
    }

    static String check(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static HttpResponse<String> send(String method, String url, String json, String token) throws Exception {
        return VolumeTimings.send(method, url, json, token);
    }
}
