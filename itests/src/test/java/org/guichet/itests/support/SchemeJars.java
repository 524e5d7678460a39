package org.guichet.itests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Makes variants of a built scheme bundle the way a directorate's author would change one: another version, a
 * rule with a syntax error, a parameter changed without updating the test pack.
 */
public final class SchemeJars {
    private SchemeJars() { }

    public static Path builtDrivingLicence() {
        Path jar = Paths.get(System.getProperty("guichet.scheme.driving-licence",
                "../rules/driving-licence/target/driving-licence-1.0.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("scheme bundle not built: " + jar.toAbsolutePath());
        }
        return jar;
    }

    /**
     * Copies {@code source} to {@code target} as bundle {@code symbolicName} {@code bundleVersion}, rewriting the
     * text of the entries named in {@code edits} (entry name without the GUICHET-INF/ prefix).
     */
    public static Path variant(Path source, Path target, String symbolicName, String bundleVersion,
            Map<String, UnaryOperator<String>> edits) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(source))) {
            Manifest mf = new Manifest(in.getManifest());
            Attributes main = mf.getMainAttributes();
            main.putValue("Bundle-SymbolicName", symbolicName);
            main.putValue("Bundle-Version", bundleVersion);
            try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file, mf)) {
                JarEntry e;
                while ((e = in.getNextJarEntry()) != null) {
                    byte[] bytes = readAll(in);
                    String name = e.getName();
                    String key = name.startsWith("GUICHET-INF/") ? name.substring("GUICHET-INF/".length()) : null;
                    if (key != null && edits.containsKey(key)) {
                        String edited = edits.get(key).apply(new String(bytes, StandardCharsets.UTF_8));
                        bytes = edited.getBytes(StandardCharsets.UTF_8);
                    }
                    out.putNextEntry(new JarEntry(name));
                    out.write(bytes);
                    out.closeEntry();
                }
            }
        }
        // an atomic move, so that the deploy folder never sees a half-written jar
        return Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static UnaryOperator<String> schemeVersion(String version) {
        return yaml -> {
            String out = yaml.replaceFirst("(?m)^version:.*$", "version: " + version);
            if (out.equals(yaml)) {
                throw new IllegalStateException("no version line in scheme.yaml");
            }
            return out;
        };
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
