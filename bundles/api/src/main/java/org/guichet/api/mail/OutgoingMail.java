package org.guichet.api.mail;

import java.util.Objects;

/**
 * A plain-text message to one person. The text is written for people, in plain French first.
 *
 * @param to      the address
 * @param subject one short line
 * @param text    the body, plain text (UTF-8)
 * @param topic   what the message is for (e.g. ACTIVATION, SIGN_IN_CODE, RECEIPT), kept in a header so that
 *                people and tests can find it without parsing the words
 */
public record OutgoingMail(String to, String subject, String text, String topic) {
    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        if (to.isBlank() || to.contains("\n") || to.contains("\r")) {
            throw new IllegalArgumentException("invalid recipient: " + to);
        }
        if (subject.contains("\n") || subject.contains("\r")) {
            throw new IllegalArgumentException("a subject is one line");
        }
    }
}
