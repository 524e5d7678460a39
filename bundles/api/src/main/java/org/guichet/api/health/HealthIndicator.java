package org.guichet.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as an OSGi service by every part whose readiness gates the portal (database, rules engine ...).
 * The health endpoint lists the indicators it requires by {@link #name()}; a missing one counts as down.
 */
@ConsumerType
public interface HealthIndicator {
    /** Stable name, e.g. {@code database} or {@code rules-engine}. */
    String name();

    /** A cheap, real check (a query, a state read); never throws. */
    HealthStatus check();
}
