package org.guichet.itests;

import org.guichet.itests.support.Distribution;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The same journey on PostgreSQL (GUICHET_TEST_POSTGRES_URL, set by .ci/run). */
@EnabledIfEnvironmentVariable(named = "GUICHET_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresDossierJourneyTest extends DossierJourneyTest {
    @Override
    protected void configure(Distribution d) throws Exception {
        d.usePostgresFromEnvironment();
    }
}
