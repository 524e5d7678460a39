package org.guichet.rules.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of a test scheme in a temporary folder, to break one thing at a time. */
final class Fixture {
    final Path root;

    private Fixture(Path root) {
        this.root = root;
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixture.class.getClassLoader().getResource("schemes/" + name + "/scheme.yaml").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Fixture copy(String name, Path target) {
        Path from = resource(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Fixture(target);
    }

    Fixture write(String path, String content) {
        try {
            Files.createDirectories(root.resolve(path).getParent());
            Files.writeString(root.resolve(path), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces text that must be there: a fixture edit that silently does nothing would make a test pointless. */
    Fixture replace(String path, String from, String to) {
        String content = read(path);
        assertTrue(content.contains(from), path + " does not contain " + from);
        return write(path, content.replace(from, to));
    }

    String read(String path) {
        try {
            return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SchemeSource source() {
        return new DirectorySchemeSource(root);
    }

    CompilationResult compile() {
        return new SchemeCompiler().compile(source(), Fixture.class.getClassLoader());
    }
}
