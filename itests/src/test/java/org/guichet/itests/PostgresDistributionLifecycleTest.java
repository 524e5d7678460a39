package org.guichet.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.guichet.itests.support.Distribution;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same lifecycle on PostgreSQL: the store's migrations and JPA mapping must hold on both databases.
 * Runs when GUICHET_TEST_POSTGRES_URL (and _USER, _PASSWORD) name a database; .ci/run installs and starts
 * Debian's PostgreSQL and sets them.
 */
@EnabledIfEnvironmentVariable(named = "GUICHET_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresDistributionLifecycleTest extends DistributionLifecycleTest {

    @Override
    protected String expectedDatabase() {
        return "PostgreSQL";
    }

    @Override
    protected void configure(Distribution distribution) throws Exception {
        Path cfg = distribution.home().resolve("etc/org.ops4j.datasource-guichet.cfg");
        String text = Files.readString(cfg, StandardCharsets.UTF_8)
                .replaceFirst("(?m)^osgi.jdbc.driver.name\\s*=.*$", "osgi.jdbc.driver.name = PostgreSQL JDBC Driver")
                .replaceFirst("(?m)^url\\s*=.*$", "url = " + System.getenv("GUICHET_TEST_POSTGRES_URL")
                        + "\nuser = " + System.getenv().getOrDefault("GUICHET_TEST_POSTGRES_USER", "guichet")
                        + "\npassword = " + System.getenv().getOrDefault("GUICHET_TEST_POSTGRES_PASSWORD", "guichet"));
        assertTrue(text.contains("PostgreSQL JDBC Driver"), text);
        Files.writeString(cfg, text, StandardCharsets.UTF_8);
    }
}
