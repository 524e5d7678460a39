package org.guichet.loadtest.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The portal's .eml outbox (data/guichet/mail): the newest link token or code sent to an address. */
final class Outboxes {
    private Outboxes() { }

    static String latestToken(Path outbox, String email, String topic) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return null;
        }
        // list, not walk: a message being written (".…eml.tmp", renamed at once) may vanish while we look
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".eml")
                    && p.getFileName().toString().contains("-" + topic + "-"))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()).toList()) {
                String text;
                try {
                    text = Files.readString(f, StandardCharsets.ISO_8859_1);
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue;
                }
                if (text.contains(email) && text.contains(topic)) {
                    // quoted-printable may cut lines with "=" at their end: glue them back first
                    Matcher m = Pattern.compile("jeton(?:=3D|=)([A-Za-z0-9_-]+)").matcher(text.replace("=\r\n", "")
                            .replace("=\n", ""));
                    return m.find() ? m.group(1) : null;
                }
            }
        }
        return null;
    }
}
