package org.guichet.dossiers.internal.observatory;

import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The ledger's counters under concurrency on PostgreSQL (GUICHET_TEST_POSTGRES_URL, set by .ci/run). */
@EnabledIfEnvironmentVariable(named = TestPortal.POSTGRES_URL, matches = "jdbc:postgresql:.+")
class PostgresObservatoryCountersTest extends ObservatoryCountersTest {
    @Override
    protected TestPortal.Kind kind() {
        return TestPortal.Kind.POSTGRESQL;
    }
}
