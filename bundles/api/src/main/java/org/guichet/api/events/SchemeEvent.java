package org.guichet.api.events;

import java.time.Instant;

/** One step in the life of a deployed scheme version, as recorded in the database. */
public record SchemeEvent(Long id, Instant at, String schemeId, String version, String bundle, String type, String detail) {
    public static SchemeEvent of(String schemeId, String version, String bundle, String type, String detail) {
        return new SchemeEvent(null, Instant.now(), schemeId, version, bundle, type, detail);
    }
}
