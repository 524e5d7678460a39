package org.guichet.rules.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A scheme laid out in a folder of the file system (a scheme module, or its target/classes/GUICHET-INF). */
public final class DirectorySchemeSource implements SchemeSource {
    private final Path root;

    public DirectorySchemeSource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override public String name() { return root.toString(); }

    @Override public List<String> list(String folder) {
        Path dir = resolve(folder);
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public Optional<byte[]> read(String path) {
        Path file = resolve(path);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null for a path that would leave the scheme's folder. */
    private Path resolve(String relative) {
        Path p = root.resolve(relative).normalize();
        return p.startsWith(root) ? p : null;
    }

    @Override public String toString() { return "DirectorySchemeSource[" + root + "]"; }
}
