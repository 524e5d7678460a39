package org.guichet.franceconnect.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign-ins started and not yet back: per state, the nonce and PKCE verifier (never sent to the browser) and the
 * hash of the browser binding (the cookie of the browser that started it). A state is taken once: a replayed callback
 * finds nothing. Kept in memory: a sign-in takes a minute or two, and after a restart the person starts again; with
 * several portal nodes the load balancer must keep a browser on its node for that minute (sticky sessions).
 */
final class PendingSignIns {
    /** bounded, so that nobody fills the memory by starting sign-ins without end */
    static final int MAX = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param purpose null for a sign-in; for a data access (the person signed in comes back for an access token), what
     *                the portal will do with the token
     * @param scopes  the data scopes asked, for a data access
     */
    record Pending(String nonce, String verifier, String bindingHash, Instant expiresAt, String purpose,
            java.util.List<String> scopes) {
        boolean dataAccess() {
            return purpose != null;
        }
    }

    private final Map<String, Pending> byState = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;

    PendingSignIns(Duration lifetime) {
        this(lifetime, Clock.systemUTC());
    }

    PendingSignIns(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Keeps a started sign-in; returns the browser binding to set as a cookie. */
    String put(String state, String nonce, String verifier) {
        return put(state, nonce, verifier, null, java.util.List.of());
    }

    /** Keeps a started data access (purpose not null) or sign-in; returns the browser binding. */
    String put(String state, String nonce, String verifier, String purpose, java.util.List<String> scopes) {
        Instant now = clock.instant();
        if (byState.size() >= MAX) {
            byState.values().removeIf(p -> !p.expiresAt().isAfter(now));
            if (byState.size() >= MAX) {
                throw Refusals.unavailable();
            }
        }
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String binding = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        byState.put(state, new Pending(nonce, verifier, sha256(binding), now.plus(lifetime), purpose,
                java.util.List.copyOf(scopes)));
        return binding;
    }

    /** The sign-in started with this state in this browser, removed at once (single use); null if none. */
    Pending take(String state, String binding) {
        Pending p = state == null ? null : byState.remove(state);
        if (p == null || !p.expiresAt().isAfter(clock.instant()) || binding == null
                || !MessageDigest.isEqual(sha256(binding).getBytes(StandardCharsets.US_ASCII),
                        p.bindingHash().getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        return p;
    }

    /** Whether this state was started as a data access (not used up; false when unknown or expired). */
    boolean isDataAccess(String state) {
        Pending p = state == null ? null : byState.get(state);
        return p != null && p.dataAccess() && p.expiresAt().isAfter(clock.instant());
    }

    int size() {
        return byState.size();
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
