package org.guichet.itests.support;

import static org.guichet.itests.support.Distribution.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import org.guichet.itests.support.Api.Reply;

/**
 * The staff's authenticator app in the black-box tests: staff go through the second factor for real, over HTTP. At
 * the first sign-in it enrols with the secret of the enrolment answer; then it computes codes with java-otp (the
 * library the portal uses), each code once as the portal accepts it: a later time step each time (one step of drift
 * is allowed either way), else a recovery code kept at enrolment. Addresses are unique per run, so one phone serves
 * every test of the run.
 */
public final class Phone {
    private static final Map<String, Phone> PHONES = new ConcurrentHashMap<>();
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final String secret;
    private long lastStep;
    private final Deque<String> recoveryCodes = new ArrayDeque<>();

    private Phone(String secret, long lastStep) {
        this.secret = secret;
        this.lastStep = lastStep;
    }

    /** The phone of this address (it must have enrolled through {@link #session}). */
    public static Phone of(String email) {
        Phone p = PHONES.get(email.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalStateException(email + " never enrolled a second factor in this run");
        }
        return p;
    }

    /** Forgets an address (after an admin reset its second factor). */
    public static void forget(String email) {
        PHONES.remove(email.toLowerCase(Locale.ROOT));
    }

    public String secret() {
        return secret;
    }

    /**
     * The session token from a sign-in answer: 201 is a session already (applicants, mediators); 200 is the second
     * step of a staff member, gone through here (enrolment the first time).
     */
    public static String session(Api api, String email, Reply signIn) throws Exception {
        if (signIn.status() == 201) {
            return signIn.json().path("token").asText();
        }
        assertEquals(200, signIn.status(), signIn.toString());
        JsonNode step = signIn.json().path("secondStep");
        assertTrue(signIn.json().path("token").isNull() || signIn.json().path("token").isMissingNode(),
                "no session before the second factor: " + signIn);
        String ticket = step.path("ticket").asText();
        if (step.path("enrol").asBoolean()) {
            Reply enrolment = api.post("/sessions/second-factor/enrolment", map("ticket", ticket), null);
            assertEquals(200, enrolment.status(), enrolment.toString());
            String secret = enrolment.json().path("secret").asText();
            long first = step(Instant.now()) - 1; // the oldest accepted: leaves two steps for the next sign-ins
            Reply done = api.post("/sessions/second-factor", map("ticket", ticket, "code", code(secret, first)), null);
            assertEquals(201, done.status(), done.toString());
            Phone phone = new Phone(secret, first);
            done.json().path("recoveryCodes").forEach(c -> phone.recoveryCodes.add(c.asText()));
            assertEquals(10, phone.recoveryCodes.size(), done.toString());
            PHONES.put(email.toLowerCase(Locale.ROOT), phone);
            return done.json().path("token").asText();
        }
        Reply done = api.post("/sessions/second-factor", map("ticket", ticket, "code", of(email).nextCode()), null);
        assertEquals(201, done.status(), done.toString());
        return done.json().path("token").asText();
    }

    /** A code not used yet: of a later time step, else a recovery code. */
    public synchronized String nextCode() {
        long now = step(Instant.now());
        long step = Math.max(lastStep + 1, now - 1);
        if (step <= now + 1) {
            lastStep = step;
            return code(secret, step);
        }
        return recoveryCodes.pop();
    }

    /** The TOTP code last given (already accepted by the portal: sending it again is a replay). */
    public synchronized String lastCode() {
        return code(secret, lastStep);
    }

    /** A recovery code, spent. */
    public synchronized String recoveryCode() {
        return recoveryCodes.pop();
    }

    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 30);
    }

    /** RFC 6238 with the apps' defaults (HMAC-SHA1, 6 digits, 30 s), by java-otp. */
    public static String code(String base32Secret, long step) {
        try {
            return String.format("%06d", new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6)
                    .generateOneTimePassword(new SecretKeySpec(base32(base32Secret), "HmacSHA1"),
                            Instant.ofEpochSecond(step * 30)));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] base32(String text) {
        String s = text.replaceAll("[\\s=]", "").toUpperCase(Locale.ROOT);
        byte[] out = new byte[s.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | BASE32.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
