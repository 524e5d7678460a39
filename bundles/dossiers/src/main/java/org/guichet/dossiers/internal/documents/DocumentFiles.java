package org.guichet.dossiers.internal.documents;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.dossiers.internal.PrivateFiles;

/**
 * Document contents on disk, one file per SHA-256 ({@code <dir>/ab/abcdef…}), so the same file sent twice is stored
 * once. The type is read from the bytes by Apache Tika's magic-byte detection — the name and the declared type are
 * never trusted — and the size is counted while the upload streams in, so an oversized file is stopped at the limit.
 */
public final class DocumentFiles {
    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
    private static final Map<String, String> NAMES = Map.of("application/pdf", "PDF", "image/jpeg", "JPEG",
            "image/png", "PNG", "image/heic", "HEIC", "image/webp", "WEBP");

    private final Path dir;

    public DocumentFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** What was stored. */
    public record Stored(String sha256, long size, String mediaType) { }

    /**
     * Streams the content to disk, checking its size and type.
     *
     * @throws GuichetException TOO_LARGE (FILE_TOO_LARGE), UNSUPPORTED_TYPE (FILE_TYPE_REFUSED), INVALID (FILE_EMPTY)
     */
    public Stored store(InputStream content, List<String> acceptedTypes, long maxBytes, String label) {
        return store(content, acceptedTypes, maxBytes, new LocalizedText(label, null));
    }

    /**
     * @param label what the file is, for the words of a refusal: details {@code label} and {@code label.en}, with
     *              {@code size} / {@code size.en} (too large) or {@code types} (not accepted)
     */
    public Stored store(InputStream content, List<String> acceptedTypes, long maxBytes, LocalizedText labels) {
        String label = labels.fr();
        try {
            // the folder and its sub-folders are the portal's only (0700); each file is created 0600 (createTempFile)
            PrivateFiles.directory(dir);
            Path tmp = Files.createTempFile(dir, "upload-", ".part");
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long size = 0;
                try (InputStream in = content;
                        OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) != -1; ) {
                        size += n;
                        if (size > maxBytes) {
                            throw new GuichetException(Kind.TOO_LARGE, "FILE_TOO_LARGE", "file",
                                    "Le fichier « " + label + " » est trop lourd : " + megabytes(maxBytes)
                                            + " au plus. Pour une photo, choisissez une taille plus petite ; pour un"
                                            + " PDF, enregistrez-le en qualité « écran ».",
                                    null, Map.of("maxBytes", maxBytes, "label", label, "label.en",
                                            labels.in(Locale.ENGLISH), "size", megabytes(maxBytes), "size.en",
                                            megabytes(maxBytes).replace(" Mo", " MB").replace(',', '.')));
                        }
                        out.write(buffer, 0, n);
                    }
                }
                if (size == 0) {
                    throw GuichetException.invalid("FILE_EMPTY", "file", "Le fichier est vide.");
                }
                String type = detect(tmp);
                if (!acceptedTypes.contains(type)) {
                    throw new GuichetException(Kind.UNSUPPORTED_TYPE, "FILE_TYPE_REFUSED", "file",
                            "Ce fichier n'est pas accepté pour « " + label + " » : son contenu n'est pas un "
                                    + String.join(", ", acceptedTypes.stream().map(t -> NAMES.getOrDefault(t, t)).toList())
                                    + " (c'est le contenu qui compte, pas le nom du fichier). Prenez une photo ou"
                                    + " enregistrez le document en PDF.",
                            null, Map.of("detectedType", type, "acceptedTypes", acceptedTypes, "label", label,
                                    "label.en", labels.in(Locale.ENGLISH), "types", String.join(", ",
                                            acceptedTypes.stream().map(t -> NAMES.getOrDefault(t, t)).toList())));
                }
                String hash = HexFormat.of().formatHex(sha.digest());
                Path target = path(hash);
                PrivateFiles.directory(target.getParent());
                synchronized (lock(target)) {
                    // pinned until the caller's row is committed (release): a concurrent removal of the last row
                    // with the same content cannot delete the file under it
                    PINS.merge(target, 1, Integer::sum);
                    if (!Files.exists(target)) {
                        try {
                            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                        } catch (AtomicMoveNotSupportedException e) {
                            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                return new Stored(hash, size, type);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the document", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's type from its first bytes only. */
    public static String detect(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            MediaType type = TYPES.detect(in, new Metadata());
            return type.getBaseType().toString();
        }
    }

    public Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return dir.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Removes a content no row points to any more. */
    /** The stored content's row is committed (or abandoned): the file may be deleted again when unused. */
    public void release(Stored stored) {
        Path target = path(stored.sha256());
        synchronized (lock(target)) {
            PINS.computeIfPresent(target, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /**
     * Deletes a content once no row refers to it: counted under the content's lock, and never while an upload of
     * the same content is between storing it and committing its row.
     */
    public void deleteIfUnused(String sha256, java.util.function.LongSupplier remainingReferences) {
        Path target = path(sha256);
        synchronized (lock(target)) {
            if (PINS.containsKey(target) || remainingReferences.getAsLong() > 0) {
                return;
            }
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                // an orphan file wastes space but harms nobody
            }
        }
    }

    private static final java.util.concurrent.ConcurrentHashMap<Path, Integer> PINS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final Object[] LOCKS = new Object[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    private static Object lock(Path target) {
        return LOCKS[Math.floorMod(target.hashCode(), LOCKS.length)];
    }

    static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " Mo"
                : String.format(java.util.Locale.FRANCE, "%.1f Mo", bytes / (1024.0 * 1024.0));
    }
}
