package org.guichet.api.partners;

import java.time.Instant;

/**
 * An organisation's API key as its staff and the admins see it (never the key itself).
 *
 * @param version          what a change is conditional on: a rotation or revocation made on a page that showed an
 *                         older version is refused (two colleagues rotating at once make one new key, not two)
 * @param changedAt        the last rotation or revocation; null when the key is the first one
 * @param previousUntil    after a rotation, until when the previous key still works; null otherwise
 * @param revoked          revoked and not rotated since: no key works
 * @since 1.2
 */
public record KeyState(String version, Instant changedAt, Instant previousUntil, boolean revoked) { }
