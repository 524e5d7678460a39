package org.guichet.dossiers.internal.accounts;

import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Staff and key lifecycle, with its races, on PostgreSQL (GUICHET_TEST_POSTGRES_URL, set by .ci/run). */
@EnabledIfEnvironmentVariable(named = TestPortal.POSTGRES_URL, matches = "jdbc:postgresql:.+")
class PostgresStaffLifecycleTest extends StaffLifecycleTest {
    @Override
    protected TestPortal.Kind kind() {
        return TestPortal.Kind.POSTGRESQL;
    }
}
