package org.guichet.api.store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by the store once every schema migration is applied: components whose entities live in those
 * tables reference it so that they never start on an old schema.
 */
@ProviderType
public interface Database {
    int schemaVersion();

    /** e.g. "Apache Derby" or "PostgreSQL" */
    String productName();
}
