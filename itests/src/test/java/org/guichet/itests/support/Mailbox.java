package org.guichet.itests.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/** The .eml files the distribution writes under data/guichet/mail, read as a mail program would (Jakarta Mail). */
public final class Mailbox {
    private final Path dir;

    public Mailbox(Distribution dist) {
        this.dir = dist.home().resolve("data/guichet/mail");
    }

    public record Mail(Path file, String to, String subject, String topic, String text) {
        /** The value of the jeton= parameter of the first link. */
        public String token() {
            Matcher m = Pattern.compile("jeton=([A-Za-z0-9_\\-%]+)").matcher(text);
            if (!m.find()) {
                throw new AssertionError("no link with a token in " + file + ":\n" + text);
            }
            return m.group(1);
        }

        /** The first run of six digits that stands alone. */
        public String code() {
            Matcher m = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)").matcher(text);
            if (!m.find()) {
                throw new AssertionError("no code in " + file + ":\n" + text);
            }
            return m.group(1);
        }
    }

    /** The newest message to this address with this topic, waiting a little for it to be written. */
    public Mail latest(String to, String topic) throws IOException, InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> candidates = files.filter(p -> finished(p) && p.getFileName().toString().contains("-" + topic + "-"))
                            .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
                    for (Path p : candidates) {
                        Mail m = read(p);
                        if (m.to().equalsIgnoreCase(to)) {
                            return m;
                        }
                    }
                }
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("no " + topic + " mail to " + to + " in " + dir);
            }
            Thread.sleep(200);
        }
    }

    public long count(String to, String topic) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> finished(p) && p.getFileName().toString().contains("-" + topic + "-")).filter(p -> {
                try {
                    return read(p).to().equalsIgnoreCase(to);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    /** A message the portal has finished writing: it writes ".<name>.eml.tmp", then moves it to "<name>.eml". */
    static boolean finished(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".eml") && !name.startsWith(".");
    }

    static Mail read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
            String topic = m.getHeader("X-Guichet-Topic", null);
            return new Mail(file, m.getRecipients(Message.RecipientType.TO)[0].toString(), m.getSubject(), topic,
                    (String) m.getContent());
        } catch (MessagingException e) {
            throw new IOException("unreadable mail " + file, e);
        }
    }
}
