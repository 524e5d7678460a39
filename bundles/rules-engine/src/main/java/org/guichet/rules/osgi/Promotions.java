package org.guichet.rules.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;
import org.osgi.framework.Bundle;

/**
 * The previews an admin promoted, kept in the engine bundle's data area so that a promoted version stays ACTIVE after
 * a restart. A promotion names the exact bundle content it was given to (symbolic name, version and the bundle's
 * last-modified stamp): uploading the same version again is a new preview, to be promoted again.
 * Callers hold the extender's lock; the file is replaced atomically, never half written.
 */
final class Promotions {
    private final Path file;
    private final Properties promoted = new Properties();

    Promotions(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                promoted.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    static String key(Bundle bundle) {
        return bundle.getSymbolicName() + "/" + bundle.getVersion() + "/" + bundle.getLastModified();
    }

    boolean promoted(Bundle bundle) {
        return promoted.containsKey(key(bundle));
    }

    /** Records it (who, when) and writes the file before answering. */
    void add(Bundle bundle, String actor, Instant at) {
        promoted.setProperty(key(bundle), at + " " + actor);
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                promoted.store(out, "Guichet: scheme previews promoted by an admin (bundle/version/lastModified = when who)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            promoted.remove(key(bundle));
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
