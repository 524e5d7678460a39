package org.guichet.dossiers.internal.connectors;

import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The same on PostgreSQL (GUICHET_TEST_POSTGRES_URL, set by .ci/run). */
@EnabledIfEnvironmentVariable(named = TestPortal.POSTGRES_URL, matches = "jdbc:postgresql:.+")
class PostgresFranceConnectModeTest extends FranceConnectModeTest {
    @Override
    TestPortal.Kind kind() {
        return TestPortal.Kind.POSTGRESQL;
    }
}
