package org.guichet.mail.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.guichet.api.mail.MailException;
import org.guichet.api.mail.OutgoingMail;

/** Builds the MIME message with Jakarta Mail and writes it as .eml or hands it to the SMTP server. */
final class MailWriter {
    static final String TOPIC_HEADER = "X-Guichet-Topic";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT);

    private final MailSettings settings;

    MailWriter(MailSettings settings) {
        this.settings = settings;
    }

    String send(OutgoingMail mail) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Jakarta Mail finds its providers (smtp) through the context classloader: in OSGi, its own bundle's
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            MimeMessage message = build(mail);
            return settings.smtp() ? viaSmtp(message) : toFile(message, mail.topic());
        } catch (MessagingException | IOException e) {
            throw new MailException("the message to " + masked(mail.to()) + " (" + mail.topic() + ") could not be "
                    + (settings.smtp() ? "sent" : "written") + ": " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Properties of the Jakarta Mail session (tests read them). */
    Properties sessionProperties() {
        return session().getProperties();
    }

    /**
     * An address as logs may show it: its first character and its domain ({@code l***@example.fr}); the people
     * who read logs need to tell messages apart, not to know who the applicants are.
     */
    static String masked(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.substring(0, address.offsetByCodePoints(0, 1)) + "***" + address.substring(at);
    }

    private Session session() {
        Properties p = new Properties();
        // addresses with accents (léa.martin@…) are written as UTF-8 (RFC 6532), not mangled
        p.put("mail.mime.allowutf8", "true");
        if (settings.smtp()) {
            p.put("mail.smtp.host", settings.smtpHost());
            p.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
            // STARTTLS required, not merely tried: a man in the middle cannot strip it and read the codes
            p.put("mail.smtp.starttls.enable", Boolean.toString(settings.smtpStartTls()));
            p.put("mail.smtp.starttls.required", Boolean.toString(settings.smtpStartTls()));
            // the certificate must name the host we asked for (RFC 2595), not just be signed by someone
            p.put("mail.smtp.ssl.checkserveridentity", Boolean.toString(settings.smtpCheckIdentity()));
            p.put("mail.smtp.auth", Boolean.toString(!settings.smtpUser().isBlank()));
            p.put("mail.smtp.connectiontimeout", "10000");
            p.put("mail.smtp.timeout", "20000");
        }
        return Session.getInstance(p);
    }

    private MimeMessage build(OutgoingMail mail) throws MessagingException {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress(settings.from(), true));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        m.setSubject(mail.subject(), "UTF-8");
        m.setText(mail.text(), "UTF-8");
        m.setSentDate(new Date());
        if (mail.topic() != null) {
            m.setHeader(TOPIC_HEADER, mail.topic());
        }
        m.saveChanges();
        return m;
    }

    private String viaSmtp(MimeMessage message) throws MessagingException {
        if (settings.smtpUser().isBlank()) {
            Transport.send(message);
        } else {
            Transport.send(message, settings.smtpUser(), settings.smtpPassword());
        }
        return message.getMessageID();
    }

    /**
     * Written to a temporary name, then moved: a reader never sees half a message. The folder is the portal's own
     * (0700) and each message readable by it only (0600): they hold sign-in codes and activation links.
     */
    private String toFile(MimeMessage message, String topic) throws IOException, MessagingException {
        PrivateFiles.directory(settings.outbox());
        String name = FILE_TIME.format(LocalDateTime.now()) + "-" + (topic == null ? "MAIL" : topic.replaceAll("[^A-Za-z0-9_-]", ""))
                + "-" + UUID.randomUUID().toString().substring(0, 8) + ".eml";
        Path tmp = settings.outbox().resolve("." + name + ".tmp");
        PrivateFiles.file(tmp);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            message.writeTo(out);
        }
        Path target = settings.outbox().resolve(name);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target.toString();
    }
}
