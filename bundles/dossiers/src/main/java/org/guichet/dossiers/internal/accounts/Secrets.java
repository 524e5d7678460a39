package org.guichet.dossiers.internal.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets for links, codes, sessions and API keys; the database keeps only their SHA-256. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() { }

    /** 256 random bits, URL-safe. */
    public static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Six digits, easy to read aloud on the phone; tried at most a few times before it is void. */
    public static String code() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public static String sha256(String secret) {
        return sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares two hashes in constant time. */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
