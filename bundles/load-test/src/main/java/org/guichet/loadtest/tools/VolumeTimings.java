package org.guichet.loadtest.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Times what agents and applicants open on a database filled by {@link VolumeGenerator}, against a running portal:
 * the agent queue, an applicant's list, a case file, the due payments and one SEPA batch of the 5,000 due payments.
 * {@code java -cp <jar> org.guichet.loadtest.tools.VolumeTimings <base url, e.g. http://127.0.0.1:8181> <karaf home> [runs]}.
 * Sign-in is by the code mailed to data/guichet/mail (the generated accounts have no password).
 */
public final class VolumeTimings {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The TOTP secret VolumeGenerator gives the volume agents (test data only, never a real account's). */
    static final String AGENTS_TOTP_SECRET = "GUICHETVOLUMEAGENTSTESTDATAONLYA";

    /** The code of now (RFC 6238, HMAC-SHA1, 6 digits, 30 s) by java-otp, as an authenticator app. */
    static String totp(String base32Secret) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] key = new byte[base32Secret.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (char c : base32Secret.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                key[n++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        try {
            return String.format("%06d", new com.eatthepath.otp.TimeBasedOneTimePasswordGenerator(
                    java.time.Duration.ofSeconds(30), 6).generateOneTimePassword(
                            new javax.crypto.spec.SecretKeySpec(key, "HmacSHA1"), java.time.Instant.now()));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private VolumeTimings() { }

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "") + "/api/v1";
        Path home = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String agent = signIn(base, home, "a1@volume.example");
        String applicant = signIn(base, home, "p3@volume.example");
        String queue = send("GET", base + "/instruction/queue", null, agent).body();
        Matcher first = Pattern.compile("\"id\":(\\d+)").matcher(queue);
        if (!first.find()) {
            throw new IllegalStateException("empty queue: " + queue.substring(0, Math.min(300, queue.length())));
        }
        String caseFile = base + "/instruction/dossiers/" + first.group(1);
        time("agent queue (500 oldest of both schemes, counts)", runs, base + "/instruction/queue", agent);
        time("applicant's list", runs, base + "/dossiers", applicant);
        time("case file", runs, caseFile, agent);
        time("due payments list", runs, base + "/payments/due", agent);
        long start = System.nanoTime();
        HttpResponse<String> batch = send("POST", base + "/payments/batches", "{\"executionDate\":\""
                + LocalDate.now().plusDays(2) + "\"}", agent);
        long ms = (System.nanoTime() - start) / 1_000_000;
        Matcher count = Pattern.compile("\"transactions\":(\\d+)|\"txCount\":(\\d+)").matcher(batch.body());
        System.out.printf("SEPA batch: %d ms, status %d, %s%n", ms, batch.statusCode(),
                count.find() ? (count.group(1) != null ? count.group(1) : count.group(2)) + " transfers"
                        : batch.body().substring(0, Math.min(200, batch.body().length())));
    }

    static void time(String what, int runs, String url, String token) throws Exception {
        List<Long> ms = new ArrayList<>();
        int status = 0;
        for (int i = 0; i < runs + 2; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = send("GET", url, null, token);
            long t = (System.nanoTime() - start) / 1_000_000;
            status = r.statusCode();
            if (i >= 2) {
                ms.add(t); // the first two warm the caches up and are not counted
            }
        }
        Collections.sort(ms);
        System.out.printf("%s: median %d ms, max %d ms over %d runs (status %d)%n", what, ms.get(ms.size() / 2),
                ms.get(ms.size() - 1), runs, status);
    }

    static HttpResponse<String> send(String method, String url, String json, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String signIn(String base, Path home, String email) throws Exception {
        send("POST", base + "/sessions/code-requests", "{\"email\":\"" + email + "\"}", null);
        String code = null;
        for (int i = 0; i < 50 && code == null; i++) {
            Thread.sleep(100);
            code = latestCode(home.resolve("data/guichet/mail"), email);
        }
        HttpResponse<String> r = send("POST", base + "/sessions/code", "{\"email\":\"" + email + "\",\"code\":\"" + code
                + "\"}", null);
        Matcher ticket = Pattern.compile("\"ticket\":\"([^\"]+)\"").matcher(r.body());
        if (ticket.find()) {
            // an agent: the second factor, with the secret VolumeGenerator enrolled (test data only)
            r = send("POST", base + "/sessions/second-factor", "{\"ticket\":\"" + ticket.group(1) + "\",\"code\":\""
                    + totp(AGENTS_TOTP_SECRET) + "\"}", null);
        }
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no session for " + email + ": " + r.body());
        }
        return m.group(1);
    }

    static String latestCode(Path outbox, String email) throws IOException {
        // list, not walk: a message being written (".…eml.tmp", renamed at once) may vanish while we look
        if (!Files.isDirectory(outbox)) {
            return null;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".eml")
                    && p.getFileName().toString().contains("-SIGN_IN_CODE-"))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()).toList()) {
                String text;
                try {
                    text = Files.readString(f, StandardCharsets.ISO_8859_1);
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue;
                }
                if (text.contains(email)) {
                    // the code is in the subject ("Votre code pour vous connecter : 123456"), encoded or not
                    Matcher subject = Pattern.compile("(?m)^Subject:(.*(?:\\r?\\n[ \\t].*)*)").matcher(text);
                    Matcher m = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)").matcher(subject.find() ? subject.group(1) : "");
                    return m.find() ? m.group(1) : null;
                }
            }
        }
        return null;
    }
}
