package org.guichet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The set-up before the morning starts, over the same JSON API with java.net.http (not measured): the admin of the
 * run, the training organisation and its API key, the Mission locale, the staff invitations.
 */
final class Portal {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String api;
    private final Outbox outbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Portal(String api, Outbox outbox) {
        this.api = api;
        this.outbox = outbox;
    }

    record Reply(int status, JsonNode json, String body) {
        Reply expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected " + expected + ", got " + status + " " + body);
            }
            return this;
        }
    }

    Reply send(String method, String path, Object body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json = null;
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json") && !r.body().isEmpty()) {
            json = JSON.readTree(r.body());
        }
        return new Reply(r.statusCode(), json, r.body());
    }

    /** Waits until GET /health answers 200 (the API, the database and the rules engine are ready). */
    void awaitHealthy(Duration timeout, LocalDistribution dist) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(end)) {
            if (dist != null && !dist.alive()) {
                throw new IllegalStateException("the distribution stopped during its start\n" + dist.tail());
            }
            try {
                Reply r = send("GET", "/health", null, null);
                if (r.status() == 200) {
                    return;
                }
                last = r.status() + " " + r.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("health not UP after " + timeout + " at " + api + ": " + last
                + (dist == null ? "" : "\n" + dist.tail()));
    }

    /** The newest mail of this topic to this address, waiting for it as a person checks her inbox. */
    Outbox.Mail mail(String to, String topic, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            Optional<Outbox.Mail> m = outbox.latest(to, topic);
            if (m.isPresent()) {
                return m.get();
            }
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("no " + topic + " mail to " + to + " within " + timeout
                        + " in the outbox (is this the distribution's home, and is SMTP off?)");
            }
            Thread.sleep(200);
        }
    }

    /**
     * Signs in; staff through the second factor: enrolment at the first sign-in (the secret kept here), then a code
     * of a later time step each time. An admin given on the command line enrolled before: her secret comes from
     * -Dguichet.admin.totp.secret (base32, as the enrolment page showed it).
     */
    String signIn(String email, String password) throws IOException, InterruptedException {
        Reply r = send("POST", "/sessions", map("email", email, "password", password), null);
        if (r.status() == 201) {
            return r.json().path("token").asText();
        }
        r.expect(200, "sign-in of " + email);
        String ticket = r.json().path("secondStep").path("ticket").asText();
        String secret;
        long step = java.time.Instant.now().getEpochSecond() / 30;
        if (r.json().path("secondStep").path("enrol").asBoolean()) {
            secret = send("POST", "/sessions/second-factor/enrolment", map("ticket", ticket), null)
                    .expect(200, "enrolment of " + email).json().path("secret").asText();
            step--; // the oldest accepted step: leaves the next ones for later sign-ins
        } else {
            secret = secrets.getOrDefault(email, System.getProperty("guichet.admin.totp.secret"));
            if (secret == null) {
                throw new IllegalStateException(email + " has a second factor: give its secret with"
                        + " -Dguichet.admin.totp.secret");
            }
            step = Math.max(step, lastSteps.getOrDefault(email, step - 1) + 1);
        }
        secrets.put(email, secret);
        lastSteps.put(email, step);
        return send("POST", "/sessions/second-factor", map("ticket", ticket, "code", totp(secret, step)), null)
                .expect(201, "second factor of " + email).json().path("token").asText();
    }

    private final java.util.Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Long> lastSteps = new java.util.concurrent.ConcurrentHashMap<>();

    /** The TOTP code of now (RFC 6238, as authenticator apps: HMAC-SHA1, 6 digits, 30 s), by java-otp. */
    static String totp(String base32Secret) {
        return totp(base32Secret, java.time.Instant.now().getEpochSecond() / 30);
    }

    static String totp(String base32Secret, long step) {
        try {
            return String.format("%06d", new com.eatthepath.otp.TimeBasedOneTimePasswordGenerator(
                    java.time.Duration.ofSeconds(30), 6).generateOneTimePassword(new javax.crypto.spec.SecretKeySpec(
                            base32(base32Secret), "HmacSHA1"), java.time.Instant.ofEpochSecond(step * 30)));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String s = text.replaceAll("[\\s=]", "").toUpperCase(java.util.Locale.ROOT);
        byte[] out = new byte[s.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    /** Activates an invited account from its mailed link, setting its password, then signs in. */
    String activateInvitation(String email, String password, Duration timeout) throws IOException, InterruptedException {
        String token = mail(email, "INVITATION", timeout).token();
        send("POST", "/accounts/activation", map("token", token, "password", password), null)
                .expect(200, "activation of " + email);
        return signIn(email, password);
    }

    /**
     * A session of an ADMIN: the one given (-Dguichet.admin.email and -Dguichet.admin.password), or a new admin of
     * this run, created by the portal itself from {@code admin.email} in etc/org.guichet.accounts.cfg (read live:
     * saving the file is enough) and activated from its mailed link. Gives the cfg file's previous text, to put back.
     */
    static String configureAdmin(Path home, String email) throws IOException {
        Path cfg = home.resolve("etc/org.guichet.accounts.cfg");
        String before = Files.readString(cfg, StandardCharsets.UTF_8);
        LocalDistribution.setConfig(home, "org.guichet.accounts.cfg", "admin.email", email);
        return before;
    }

    record Organisation(long id, String apiKey) { }

    Organisation organisation(String admin, String name, String kind) throws IOException, InterruptedException {
        JsonNode j = send("POST", "/admin/organisations", map("name", name, "kind", kind), admin)
                .expect(201, "organisation " + name).json();
        return new Organisation(j.path("organisation").path("id").asLong(), j.path("apiKey").asText(null));
    }

    void invite(String admin, String email, String name, String role, Long organisationId, List<String> schemes)
            throws IOException, InterruptedException {
        send("POST", "/admin/accounts", map("email", email, "displayName", name, "role", role,
                "organisationId", organisationId, "schemes", schemes), admin).expect(201, "invitation of " + email);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
