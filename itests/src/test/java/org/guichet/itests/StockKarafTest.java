package org.guichet.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.guichet.itests.support.Distribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The features repository installs into a stock Apache Karaf 4.4.10, with the two console commands README gives:
 * {@code feature:repo-add} then {@code feature:install guichet}, typed at the stock console.
 */
class StockKarafTest {
    static Distribution karaf;

    @AfterAll
    static void stop() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    void guichetInstallsIntoAStockKarafFromTheConsole() throws Exception {
        karaf = Distribution.unpack("stock", Paths.get(System.getProperty("karaf.stock.distribution")));
        karaf.configureStockKaraf();
        String version = System.getProperty("guichet.version", "1.0.0-SNAPSHOT");
        Duration took = karaf.start(Duration.ofMinutes(5), List.of(
                "feature:repo-add mvn:org.guichet/guichet-features/" + version + "/xml/features",
                "feature:install guichet"));
        System.out.println("[measure] stock Karaf start + feature:install guichet to health UP: " + took.toMillis() + " ms");

        JsonNode health = karaf.getJson("/api/v1/health");
        assertEquals("UP", health.path("status").asText(), health.toString());
        JsonNode schemes = karaf.getJson("/api/v1/schemes");
        assertEquals("ACTIVE", DistributionLifecycleTest.stateOf(schemes, "vocational-training"), schemes.toString());
        assertEquals("ACTIVE", DistributionLifecycleTest.stateOf(schemes, "driving-licence"), schemes.toString());
        assertEquals("ACTIVE", DistributionLifecycleTest.stateOf(schemes, "digital-equipment"), schemes.toString());
        assertTrue(karaf.get("/").body().contains("Les aides de la Région"), "home page");
    }
}
