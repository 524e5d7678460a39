package org.guichet.itests;

import org.guichet.itests.support.Distribution;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The same crowd on PostgreSQL (GUICHET_TEST_POSTGRES_URL, set by .ci/run). */
@EnabledIfEnvironmentVariable(named = "GUICHET_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresConcurrencyTest extends ConcurrencyTest {
    @Override
    protected void configure(Distribution d) throws Exception {
        d.usePostgresFromEnvironment();
    }
}
