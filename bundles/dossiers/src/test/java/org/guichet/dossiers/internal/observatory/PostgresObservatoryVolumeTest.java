package org.guichet.dossiers.internal.observatory;

import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The summary's time at volume on PostgreSQL (GUICHET_TEST_POSTGRES_URL and -Dguichet.observatory.volume). */
@EnabledIfEnvironmentVariable(named = TestPortal.POSTGRES_URL, matches = "jdbc:postgresql:.+")
@EnabledIfSystemProperty(named = "guichet.observatory.volume", matches = "\\d+")
class PostgresObservatoryVolumeTest extends ObservatoryVolumeTest {
    @Override
    protected TestPortal.Kind kind() {
        return TestPortal.Kind.POSTGRESQL;
    }
}
