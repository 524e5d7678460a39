package org.guichet.dossiers.internal.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentFilesTest {
    static final List<String> DEFAULT = List.of("application/pdf", "image/jpeg", "image/png");
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};

    @TempDir
    Path dir;

    DocumentFiles files() {
        return new DocumentFiles(dir);
    }

    @Test
    void theFolderAndTheFilesAreThePortalsOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path documents = dir.resolve("data").resolve("documents");
        DocumentFiles.Stored stored = new DocumentFiles(documents).store(new ByteArrayInputStream(PDF), DEFAULT, 1000, "x");
        Path file = new DocumentFiles(documents).path(stored.sha256());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(documents)));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file.getParent())));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
    }

    @Test
    void typesAreReadFromTheBytes() {
        assertEquals("application/pdf", files().store(new ByteArrayInputStream(PDF), DEFAULT, 1000, "x").mediaType());
        assertEquals("image/png", files().store(new ByteArrayInputStream(PNG), DEFAULT, 1000, "x").mediaType());
        assertEquals("image/jpeg", files().store(new ByteArrayInputStream(JPEG), DEFAULT, 1000, "x").mediaType());
    }

    @Test
    void anExecutableIsRefusedWhateverItsNameAndNothingStays() throws Exception {
        byte[] exe = new byte[256];
        exe[0] = 'M';
        exe[1] = 'Z';
        GuichetException e = assertThrows(GuichetException.class,
                () -> files().store(new ByteArrayInputStream(exe), DEFAULT, 1000, "Facture"));
        assertEquals(Kind.UNSUPPORTED_TYPE, e.kind());
        assertEquals("FILE_TYPE_REFUSED", e.code());
        assertTrue(e.getMessage().contains("Facture"), e.getMessage());
        assertEmpty();
    }

    @Test
    void tooLargeIsStoppedAtTheLimitAndNothingStays() throws Exception {
        byte[] big = new byte[5000];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        GuichetException e = assertThrows(GuichetException.class,
                () -> files().store(new ByteArrayInputStream(big), DEFAULT, 4999, "x"));
        assertEquals(Kind.TOO_LARGE, e.kind());
        assertEquals(4999L, e.details().get("maxBytes"));
        assertEmpty();
        assertEquals(5000, files().store(new ByteArrayInputStream(big), DEFAULT, 5000, "x").size(), "the limit itself is allowed");
    }

    @Test
    void emptyIsRefused() {
        assertEquals("FILE_EMPTY", assertThrows(GuichetException.class,
                () -> files().store(new ByteArrayInputStream(new byte[0]), DEFAULT, 10, "x")).code());
    }

    @Test
    void theSameContentIsStoredOnceUnderItsSha256() throws Exception {
        DocumentFiles f = files();
        DocumentFiles.Stored a = f.store(new ByteArrayInputStream(PDF), DEFAULT, 1000, "x");
        DocumentFiles.Stored b = f.store(new ByteArrayInputStream(PDF), DEFAULT, 1000, "y");
        assertEquals(a.sha256(), b.sha256());
        assertTrue(Files.exists(f.path(a.sha256())));
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(1, all.filter(Files::isRegularFile).count());
        }
        f.deleteIfUnused(a.sha256(), () -> 0);
        assertTrue(Files.exists(f.path(a.sha256())), "pinned: both uploads are still committing their rows");
        f.release(a);
        f.release(b);
        f.deleteIfUnused(a.sha256(), () -> 1);
        assertTrue(Files.exists(f.path(a.sha256())), "still used elsewhere");
        f.deleteIfUnused(a.sha256(), () -> 0);
        assertTrue(!Files.exists(f.path(a.sha256())));
    }

    /** The last row of a content removed while the same content is uploaded again: the new upload keeps its file. */
    @Test
    void aRemovalNeverDeletesTheFileOfAnUploadStillCommitting() throws Exception {
        DocumentFiles f = files();
        DocumentFiles.Stored first = f.store(new ByteArrayInputStream(PDF), DEFAULT, 1000, "x");
        f.release(first);
        // a second person's upload of the same content is stored, its row not yet committed …
        DocumentFiles.Stored second = f.store(new ByteArrayInputStream(PDF), DEFAULT, 1000, "y");
        // … while the first person removes hers: no committed row refers to the content any more
        f.deleteIfUnused(first.sha256(), () -> 0);
        assertTrue(Files.exists(f.path(second.sha256())), "the second upload's file survives");
        f.release(second);
    }

    void assertEmpty() throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(0, all.filter(Files::isRegularFile).count(), "no partial file left behind");
        }
    }
}
