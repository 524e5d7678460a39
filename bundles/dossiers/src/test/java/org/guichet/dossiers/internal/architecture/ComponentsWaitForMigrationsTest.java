package org.guichet.dossiers.internal.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every DS component of this bundle that reaches the dossiers' tables also references {@code Database}, which the
 * store registers only once every migration is applied. Without it a component can be activated on a fresh
 * database before its tables exist: its activation fails, SCR does not try again for a dynamic reference, and the
 * service is missing for good (CI saw the impact API answer 503 for 90 s on a clean clone).
 */
class ComponentsWaitForMigrationsTest {

    @Test
    void everyComponentOnTheSchemaReferencesTheMigratedDatabase() throws IOException {
        List<String> components = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(PackageCyclesTest.sources())) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                if (!src.contains("@Component") || !src.contains("osgi.unit.name=guichet-dossiers")) {
                    continue;
                }
                components.add(f.getFileName().toString());
                if (!src.contains("@Reference Database ")) {
                    missing.add(f.getFileName().toString());
                }
            }
        }
        // the check itself must see the components it is about
        assertTrue(components.size() >= 10, "components found: " + components);
        assertTrue(components.contains("ImpactServiceImpl.java"), "components found: " + components);
        assertEquals(List.of(), missing, "components on the dossiers' tables without @Reference Database");
    }
}
