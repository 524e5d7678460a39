package org.guichet.loadtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The .eml files the distribution writes under data/guichet/mail when no SMTP server is configured, read as the
 * integration tests' Mailbox reads them: the newest message to an address with a given topic (the file name holds
 * the topic, the {@code To:} header the address). Plain RFC 822 text; the body is quoted-printable (or base64).
 *
 * <p>Thousands of messages pile up during a campaign, so each file is read once: a look-up lists the folder and
 * reads only the files it has not seen, and only those whose topic the run waits for.
 */
final class Outbox {
    private static final Pattern TOKEN = Pattern.compile("jeton=([A-Za-z0-9_\\-%]+)");
    private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

    private final Path dir;
    private final Set<String> topics;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Mail> newest = new ConcurrentHashMap<>();

    Outbox(Path dir, Set<String> topics) {
        this.dir = dir;
        this.topics = topics;
    }

    record Mail(String file, String to, String topic, String text) {
        /** The value of the jeton= parameter of the first link, or null. */
        String token() {
            Matcher m = TOKEN.matcher(text);
            return m.find() ? m.group(1) : null;
        }

        /** The first run of six digits that stands alone, or null. */
        String code() {
            Matcher m = CODE.matcher(text);
            return m.find() ? m.group(1) : null;
        }
    }

    /** The newest message to this address with this topic, reading the folder again if it is not known yet. */
    Optional<Mail> latest(String to, String topic) {
        String key = key(topic, to);
        Mail m = newest.get(key);
        if (m == null) {
            scan();
            m = newest.get(key);
        }
        return Optional.ofNullable(m);
    }

    /** Reads the files written since the last look-up. One reader at a time: the set of files seen is shared. */
    synchronized void scan() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                String name = p.getFileName().toString();
                // a message is written to .<name>.tmp, then moved: a reader never sees half of one
                if (name.startsWith(".") || !name.endsWith(".eml") || !seen.add(name)) {
                    return;
                }
                String topic = topicOf(name);
                if (topic == null) {
                    return;
                }
                Mail mail = read(p, topic);
                if (mail != null) {
                    newest.merge(key(topic, mail.to()), mail, (a, b) -> a.file().compareTo(b.file()) >= 0 ? a : b);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private String topicOf(String name) {
        for (String t : topics) {
            if (name.contains("-" + t + "-")) {
                return t;
            }
        }
        return null;
    }

    private static String key(String topic, String to) {
        return topic + "|" + to.toLowerCase(Locale.ROOT);
    }

    static Mail read(Path file, String topic) {
        String raw;
        try {
            raw = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null; // gone (a test cleaning up): not ours
        }
        int split = raw.indexOf("\r\n\r\n");
        int bodyStart = split + 4;
        if (split < 0) {
            split = raw.indexOf("\n\n");
            bodyStart = split + 2;
        }
        if (split < 0) {
            return null;
        }
        // headers, with folded lines joined
        String headers = raw.substring(0, split).replaceAll("\r?\n[ \t]+", " ");
        String to = null;
        String encoding = "7bit";
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("to")) {
                int lt = value.indexOf('<');
                to = lt >= 0 ? value.substring(lt + 1, value.indexOf('>', lt)) : value;
            } else if (name.equals("content-transfer-encoding")) {
                encoding = value.toLowerCase(Locale.ROOT);
            }
        }
        if (to == null) {
            return null;
        }
        String body = raw.substring(bodyStart);
        String text = switch (encoding) {
            case "quoted-printable" -> quotedPrintable(body);
            case "base64" -> new String(Base64.getMimeDecoder().decode(body.strip()), StandardCharsets.UTF_8);
            default -> body;
        };
        return new Mail(file.getFileName().toString(), to.strip(), topic, text);
    }

    /** RFC 2045 quoted-printable: soft line breaks removed, =XX turned back into bytes, read as UTF-8. */
    static String quotedPrintable(String body) {
        String joined = body.replaceAll("=\r?\n", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream(joined.length());
        byte[] in = joined.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '=' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }
}
