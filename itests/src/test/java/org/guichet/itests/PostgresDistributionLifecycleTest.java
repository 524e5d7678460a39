package org.guichet.itests;

import org.guichet.itests.support.Distribution;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same lifecycle on PostgreSQL: the store's migrations and JPA mapping must hold on both databases.
 * Runs when GUICHET_TEST_POSTGRES_URL (and _USER, _PASSWORD) name a database; .ci/run installs and starts
 * Debian's PostgreSQL and sets them.
 */
@EnabledIfEnvironmentVariable(named = "GUICHET_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresDistributionLifecycleTest extends DistributionLifecycleTest {

    @Override
    protected String expectedDatabase() {
        return "PostgreSQL";
    }

    @Override
    protected void configure(Distribution distribution) throws Exception {
        distribution.usePostgresFromEnvironment();
    }
}
