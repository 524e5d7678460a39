package org.guichet.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scheme on the class path: in a folder (a module's target/classes) or inside a jar (a scheme bundle). */
class ClasspathSchemeSourceTest {
    @TempDir Path dir;

    @Test
    void inAFolder() {
        SchemeSource s = new ClasspathSchemeSource(getClass().getClassLoader(), "schemes/mini");
        assertEquals(List.of("rules/rules.drl"), s.list("rules"));
        assertTrue(s.read("scheme.yaml").isPresent());
        assertTrue(s.list("nothing").isEmpty());
        assertTrue(s.read("nothing.txt").isEmpty());
    }

    @Test
    void insideAJarItCompilesAndRunsItsTestPack() throws IOException {
        Path jar = dir.resolve("scheme.jar");
        Path from = Fixture.resource("mini");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry("GUICHET-INF/" + from.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, (OutputStream) out);
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            SchemeSource s = new ClasspathSchemeSource(loader, "GUICHET-INF");
            assertEquals(List.of("parameters/base-by-quotient.csv", "parameters/figures.csv"), s.list("parameters"));
            CompilationResult r = new SchemeCompiler().compile(s, getClass().getClassLoader());
            assertTrue(r.ok(), r.problems().toString());
            assertTrue(TestPackRunner.run(r.scheme(), s).stream().allMatch(t -> t.passed()));
            r.scheme().close();
        }
    }

    @Test
    void aDirectorySourceCannotReadOutsideItsFolder() {
        SchemeSource s = new DirectorySchemeSource(Fixture.resource("mini").resolve("rules"));
        assertTrue(s.read("../scheme.yaml").isEmpty());
        assertTrue(s.list("..").isEmpty());
    }
}
