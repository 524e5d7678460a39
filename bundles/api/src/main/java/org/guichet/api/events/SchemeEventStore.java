package org.guichet.api.events;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Durable history of scheme deployments (discovered, active, failed, removed). */
@ProviderType
public interface SchemeEventStore {
    /** Stores the event and returns it with its generated id. */
    SchemeEvent record(SchemeEvent event);

    /** The most recent events first, at most {@code limit}. */
    List<SchemeEvent> recent(int limit);

    /** Every event of one scheme, oldest first. */
    List<SchemeEvent> forScheme(String schemeId);
}
