package org.guichet.mail.internal;

import java.nio.file.Path;

/** Where mail goes: SMTP when {@code smtpHost} is set, else .eml files in {@code outbox}. */
record MailSettings(String from, Path outbox, String smtpHost, int smtpPort, String smtpUser, String smtpPassword,
        boolean smtpStartTls) {

    boolean smtp() {
        return smtpHost != null && !smtpHost.isBlank();
    }
}
