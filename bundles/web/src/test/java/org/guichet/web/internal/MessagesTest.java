package org.guichet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** French and English say the same things: every key is in both bundles, none is empty. */
class MessagesTest {
    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/org/guichet/web/" + name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyKeyIsInBothLanguages() throws IOException {
        Properties fr = load("messages.properties");
        Properties en = load("messages_en.properties");
        Set<String> onlyFr = new TreeSet<>(fr.stringPropertyNames());
        onlyFr.removeAll(en.stringPropertyNames());
        Set<String> onlyEn = new TreeSet<>(en.stringPropertyNames());
        onlyEn.removeAll(fr.stringPropertyNames());
        assertEquals(Set.of(), onlyFr, "keys with no English");
        assertEquals(Set.of(), onlyEn, "keys with no French");
        for (String key : fr.stringPropertyNames()) {
            assertTrue(!fr.getProperty(key).isBlank() && !en.getProperty(key).isBlank(), "empty text for " + key);
        }
    }
}
