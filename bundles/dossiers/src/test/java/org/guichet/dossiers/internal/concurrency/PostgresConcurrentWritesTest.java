package org.guichet.dossiers.internal.concurrency;

import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The same races on PostgreSQL (GUICHET_TEST_POSTGRES_URL, set by .ci/run), each portal in a schema of its own. */
@EnabledIfEnvironmentVariable(named = TestPortal.POSTGRES_URL, matches = "jdbc:postgresql:.+")
class PostgresConcurrentWritesTest extends ConcurrentWritesTest {
    @Override
    protected TestPortal.Kind kind() {
        return TestPortal.Kind.POSTGRESQL;
    }
}
