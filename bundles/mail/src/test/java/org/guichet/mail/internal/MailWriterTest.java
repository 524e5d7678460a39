package org.guichet.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.guichet.api.mail.MailException;
import org.guichet.api.mail.OutgoingMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailWriterTest {
    static final OutgoingMail ACTIVATION = new OutgoingMail("léa.martin@example.org",
            "Activez votre compte Guichet", "Bonjour Léa,\n\nCliquez sur ce lien pour activer votre compte : "
            + "http://127.0.0.1:8181/activer?jeton=abc\n\nÀ bientôt.", "ACTIVATION");

    @TempDir Path dir;

    @Test
    void withoutSmtpEachMessageIsAReadableEmlFile() throws Exception {
        MailWriter writer = new MailWriter(new MailSettings("Guichet <ne-pas-repondre@guichet.invalid>", dir,
                "", 0, "", "", false, false));
        Path file = Path.of(writer.send(ACTIVATION));
        assertTrue(Files.isRegularFile(file));
        assertTrue(file.getFileName().toString().endsWith("-ACTIVATION-" + file.getFileName().toString()
                .replaceAll(".*-ACTIVATION-", "")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
        MimeMessage read;
        try (InputStream in = Files.newInputStream(file)) {
            Properties utf8 = new Properties();
            utf8.put("mail.mime.allowutf8", "true");
            read = new MimeMessage(Session.getInstance(utf8), in);
        }
        assertEquals("Activez votre compte Guichet", read.getSubject());
        assertEquals("léa.martin@example.org", read.getAllRecipients()[0].toString());
        assertEquals("ACTIVATION", read.getHeader(MailWriter.TOPIC_HEADER)[0]);
        assertTrue(((String) read.getContent()).contains("Cliquez sur ce lien pour activer votre compte"));
        assertTrue(((String) read.getContent()).contains("À bientôt."), "UTF-8 kept");
    }

    @Test
    void withSmtpTheMessageReachesTheServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            MailWriter writer = new MailWriter(new MailSettings("Guichet <ne-pas-repondre@guichet.invalid>", dir,
                    "127.0.0.1", port, "", "", false, false));
            String id = writer.send(ACTIVATION);
            assertFalse(id.isBlank());
            assertTrue(smtp.waitForIncomingEmail(5000, 1));
            MimeMessage received = smtp.getReceivedMessages()[0];
            assertEquals("Activez votre compte Guichet", received.getSubject());
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(0, files.count(), "no .eml file when SMTP is configured");
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void anUnreachableSmtpServerIsAClearError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MailWriter writer = new MailWriter(new MailSettings("Guichet <ne-pas-repondre@guichet.invalid>", dir,
                "127.0.0.1", port, "", "", false, false));
        MailException e = assertThrows(MailException.class, () -> writer.send(ACTIVATION));
        assertTrue(e.getMessage().contains("could not be sent"), e.getMessage());
    }

    @Test
    void byDefaultSmtpWithoutStartTlsIsRefusedNotSentInClear() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            MailWriter writer = new MailWriter(new MailSettings("Guichet <ne-pas-repondre@guichet.invalid>", dir,
                    "127.0.0.1", port, "", ""));
            MailException e = assertThrows(MailException.class, () -> writer.send(ACTIVATION));
            assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
            assertEquals(0, smtp.getReceivedMessages().length, "nothing went out in clear");
            assertFalse(e.getMessage().contains("léa.martin@"), "the address is masked: " + e.getMessage());
        } finally {
            smtp.stop();
        }
    }

    @Test
    void byDefaultTheServerIdentityIsChecked() {
        MailWriter writer = new MailWriter(new MailSettings("g@guichet.invalid", dir, "smtp.example.org", 587, "", ""));
        Properties p = writer.sessionProperties();
        assertEquals("true", p.getProperty("mail.smtp.starttls.required"));
        assertEquals("true", p.getProperty("mail.smtp.ssl.checkserveridentity"));
    }

    @Test
    void theOutboxAndItsMessagesAreThePortalsOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path outbox = dir.resolve("data").resolve("mail");
        MailWriter writer = new MailWriter(new MailSettings("Guichet <ne-pas-repondre@guichet.invalid>", outbox,
                "", 0, "", ""));
        Path file = Path.of(writer.send(ACTIVATION));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void addressesAreMaskedForLogs() {
        assertEquals("l***@example.fr", MailWriter.masked("lea.martin@example.fr"));
        assertEquals("l***@example.org", MailWriter.masked("léa.martin@example.org"));
        assertEquals("***", MailWriter.masked("nonsense"));
    }

    @Test
    void headerInjectionIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new OutgoingMail("a@example.org\nBcc: b@example.org", "s", "t", "X"));
        assertThrows(IllegalArgumentException.class,
                () -> new OutgoingMail("a@example.org", "s\r\nBcc: b@example.org", "t", "X"));
    }
}
