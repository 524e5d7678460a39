package org.guichet.dossiers.internal.connectors;

import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The same on PostgreSQL (GUICHET_TEST_POSTGRES_URL, set by .ci/run): fetches at once included. */
@EnabledIfEnvironmentVariable(named = TestPortal.POSTGRES_URL, matches = "jdbc:postgresql:.+")
class PostgresAdministrationDataTest extends AdministrationDataTest {
    @Override
    TestPortal.Kind kind() {
        return TestPortal.Kind.POSTGRESQL;
    }
}
