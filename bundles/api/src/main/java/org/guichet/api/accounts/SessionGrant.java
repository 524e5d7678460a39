package org.guichet.api.accounts;

import java.time.Instant;

/**
 * A new session: the bearer token (shown once, stored only as a hash) and when it ends if left idle.
 *
 * @param absoluteExpiry the session ends then whatever its use
 */
public record SessionGrant(String token, Instant expiresAt, Instant absoluteExpiry, Account account) { }
