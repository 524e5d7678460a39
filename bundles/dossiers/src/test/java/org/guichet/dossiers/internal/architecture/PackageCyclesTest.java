package org.guichet.dossiers.internal.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundle's internal packages form no cycle (dossiers ↔ instruction and dossiers ↔ mandates were the two the
 * review found), and no service implementation calls another's static methods: they share use cases and the
 * {@code shared}, {@code access} and {@code lifecycle} packages instead.
 */
class PackageCyclesTest {
    static final String BASE = "org.guichet.dossiers.internal";
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?" + Pattern.quote(BASE) + "\\.([a-z]+)\\.",
            Pattern.MULTILINE);
    static final Pattern SERVICE_STATIC = Pattern.compile("\\b([A-Z][A-Za-z]+ServiceImpl)\\.[a-z][A-Za-z]*\\(");

    static Path sources() {
        Path p = Path.of("src/main/java", BASE.replace('.', '/'));
        assertTrue(Files.isDirectory(p), "run from the module folder: " + p.toAbsolutePath());
        return p;
    }

    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources())) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                Path rel = sources().relativize(f.getParent());
                String pkg = rel.toString().isEmpty() ? "(root)" : rel.toString().replace('/', '.');
                Set<String> deps = g.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        deps.add(m.group(1));
                    }
                }
            }
        }
        return g;
    }

    @Test
    void noCycleBetweenInternalPackages() throws IOException {
        Map<String, Set<String>> g = graph();
        List<String> cycles = new ArrayList<>();
        for (String start : g.keySet()) {
            walk(g, start, new ArrayList<>(List.of(start)), cycles);
        }
        if (!cycles.isEmpty()) {
            fail("package cycles: " + cycles + "\ngraph: " + g);
        }
        assertTrue(g.containsKey("access") && g.containsKey("lifecycle"), g.toString());
    }

    private static void walk(Map<String, Set<String>> g, String at, List<String> path, List<String> cycles) {
        for (String next : g.getOrDefault(at, Set.of())) {
            if (next.equals(path.get(0))) {
                cycles.add(String.join(" → ", path) + " → " + next);
            } else if (!path.contains(next) && path.size() < g.size()) {
                path.add(next);
                walk(g, next, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    @Test
    void noServiceCallsAnothersStaticMethods() throws IOException {
        List<String> calls = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources())) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                Matcher m = SERVICE_STATIC.matcher(Files.readString(f));
                while (m.find()) {
                    if (!f.getFileName().toString().equals(m.group(1) + ".java")) {
                        calls.add(f.getFileName() + " calls " + m.group());
                    }
                }
            }
        }
        if (!calls.isEmpty()) {
            fail(String.join("\n", calls));
        }
    }
}
