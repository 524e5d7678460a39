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

    /** A key given twice silently keeps the last text (a merge can do that): each key once per file. */
    @Test
    void noKeyIsGivenTwice() throws IOException {
        for (String name : new String[] {"messages.properties", "messages_en.properties"}) {
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            try (InputStream in = MessagesTest.class.getResourceAsStream("/org/guichet/web/" + name)) {
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#") && line.contains("=")
                            && !seen.add(line.substring(0, line.indexOf('=')).strip())) {
                        twice.add(line.substring(0, line.indexOf('=')).strip());
                    }
                }
            }
            assertEquals(Set.of(), twice, "keys given twice in " + name);
        }
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
