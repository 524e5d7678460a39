package org.guichet.dossiers.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's docs/ folder, for tests that keep a document honest. */
public final class Docs {
    private Docs() { }

    /** The text between {@code <!-- marker:begin -->} and {@code <!-- marker:end -->} of a page of docs/. */
    public static String section(String page, String marker) throws java.io.IOException {
        Path doc = folder().resolve(page);
        String text = Files.readString(doc, java.nio.charset.StandardCharsets.UTF_8);
        String begin = "<!-- " + marker + ":begin -->";
        String end = "<!-- " + marker + ":end -->";
        int a = text.indexOf(begin);
        int b = text.indexOf(end);
        if (a < 0 || b < a) {
            throw new AssertionError(doc + " has no section between " + begin + " and " + end);
        }
        return text.substring(a + begin.length(), b).strip();
    }

    public static Path folder() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("docs"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no docs/ folder above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("docs");
    }
}
