package org.guichet.dossiers.internal.impact;

import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The same on PostgreSQL (GUICHET_TEST_POSTGRES_URL, set by .ci/run): the slot's race above all. */
@EnabledIfEnvironmentVariable(named = TestPortal.POSTGRES_URL, matches = "jdbc:postgresql:.+")
class PostgresImpactRunTest extends ImpactRunTest {
    @Override
    TestPortal.Kind kind() {
        return TestPortal.Kind.POSTGRESQL;
    }
}
