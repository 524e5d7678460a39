package org.guichet.dossiers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MailsTest {
    @Test
    void addressesAreMaskedForLogs() {
        assertEquals("l***@example.fr", Mails.masked("lea.martin@example.fr"));
        assertEquals("é***@example.fr", Mails.masked("élise@example.fr"));
        assertEquals("***", Mails.masked("@example.fr"));
        assertEquals(null, Mails.masked(null));
    }
}
