package org.guichet.dossiers.internal.observatory;

import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The observatory's scenario on PostgreSQL (GUICHET_TEST_POSTGRES_URL, set by .ci/run). */
@EnabledIfEnvironmentVariable(named = TestPortal.POSTGRES_URL, matches = "jdbc:postgresql:.+")
class PostgresObservatoryScenarioTest extends ObservatoryScenarioTest {
    @Override
    protected TestPortal.Kind kind() {
        return TestPortal.Kind.POSTGRESQL;
    }
}
