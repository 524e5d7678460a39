package org.guichet.mail.internal;

import java.nio.file.Path;

/**
 * Where mail goes: SMTP when {@code smtpHost} is set, else .eml files in {@code outbox}. With SMTP, STARTTLS is
 * required and the server's certificate must name the host ({@code smtpStartTls}, {@code smtpCheckIdentity}); an
 * operator turns either off only by writing it in etc/org.guichet.mail.cfg (a test server without TLS).
 */
record MailSettings(String from, Path outbox, String smtpHost, int smtpPort, String smtpUser, String smtpPassword,
        boolean smtpStartTls, boolean smtpCheckIdentity) {

    /** STARTTLS required and the server identity checked: the safe default. */
    MailSettings(String from, Path outbox, String smtpHost, int smtpPort, String smtpUser, String smtpPassword) {
        this(from, outbox, smtpHost, smtpPort, smtpUser, smtpPassword, true, true);
    }

    boolean smtp() {
        return smtpHost != null && !smtpHost.isBlank();
    }
}
