package org.guichet.dossiers.internal.accounts;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP (RFC 6238) as every authenticator app does it by default: HMAC-SHA1, 6 digits, 30-second steps. The codes come
 * from java-otp (com.eatthepath, RFC 4226/6238, no dependencies); the secrets are 160 random bits (RFC 4226's
 * recommended length), in base32 for the apps.
 */
public final class Totp {
    static final Duration STEP = Duration.ofSeconds(30);
    static final String ISSUER = "Guichet";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() { }

    /** A new secret: 160 bits from SecureRandom, base32 without padding (32 characters). */
    public static String newSecret() {
        byte[] b = new byte[20];
        RANDOM.nextBytes(b);
        return base32(b);
    }

    /** The time step a moment falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.getSeconds());
    }

    /** The code of a step. */
    public static String code(String secret, long step) {
        try {
            Key key = new SecretKeySpec(base32Decode(secret), "HmacSHA1");
            return String.format("%06d", new TimeBasedOneTimePasswordGenerator(STEP, 6)
                    .generateOneTimePassword(key, Instant.ofEpochSecond(step * STEP.getSeconds())));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The step whose code this is, among the step of {@code now} and one either side (clock drift), or -1. Every
     * candidate is computed and compared in constant time, so that the answer takes the same time whichever matched.
     */
    public static long match(String secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{6}")) {
            return -1;
        }
        long current = step(now);
        long found = -1;
        for (long s = current - 1; s <= current + 1; s++) {
            if (java.security.MessageDigest.isEqual(code(secret, s).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII)) && found < 0) {
                found = s;
            }
        }
        return found;
    }

    /** The URI authenticator apps read from the QR code (Google Authenticator's "Key Uri Format"). */
    public static String uri(String accountName, String secret) {
        String label = enc(ISSUER) + ":" + enc(accountName);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + enc(ISSUER)
                + "&algorithm=SHA1&digits=6&period=30";
    }

    /** By groups of four, easier to copy by hand. */
    public static String grouped(String secret) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < secret.length(); i += 4) {
            b.append(i == 0 ? "" : " ").append(secret, i, Math.min(secret.length(), i + 4));
        }
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    static byte[] base32Decode(String text) {
        String s = text.replaceAll("[\\s=-]", "").toUpperCase(java.util.Locale.ROOT);
        byte[] out = new byte[s.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (char c : s.toCharArray()) {
            int v = ALPHABET.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
