package org.guichet.dossiers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guichet.api.accounts.Role;
import org.guichet.api.mail.OutgoingMail;
import org.junit.jupiter.api.Test;

/** The words of the mails: both languages say the same things, with the same placeholders. */
class MailWordsTest {
    static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (var in = MailWordsTest.class.getResourceAsStream("/org/guichet/dossiers/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\{[A-Za-z]+\\}").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholders() throws Exception {
        Properties fr = load("mails.properties");
        Properties en = load("mails_en.properties");
        assertEquals(new TreeSet<>(fr.stringPropertyNames()), new TreeSet<>(en.stringPropertyNames()));
        for (String key : fr.stringPropertyNames()) {
            assertEquals(placeholders(fr.getProperty(key)), placeholders(en.getProperty(key)), key);
            assertTrue(!en.getProperty(key).isBlank(), key);
        }
        for (Role r : Role.values()) {
            assertTrue(fr.containsKey("role." + r.name()), "role." + r.name());
        }
    }

    @Test
    void wordsInEachLanguage() {
        Words fr = Words.of("fr");
        Words en = Words.of("en-GB");
        assertEquals("en", en.language());
        assertEquals("fr", Words.of("de").language(), "a language not written falls back to French");
        assertEquals("2 582,76 €", fr.euros(new BigDecimal("2582.76")));
        assertEquals("€2,582.76", en.euros(new BigDecimal("2582.76")));
        assertEquals("septembre 2026", fr.month("2026-09"));
        assertEquals("September 2026", en.month("2026-09"));
        assertEquals("14 septembre 2026", fr.day(LocalDate.of(2026, 9, 14)));
        assertEquals("14 September 2026", en.day(LocalDate.of(2026, 9, 14)));
    }

    @Test
    void aMailIsWrittenInTheAccountsLanguageAndAValueIsNeverReadAsAPlaceholder() {
        OutgoingMail fr = Mails.activation("a@b.fr", "fr", "Léa", "https://x/compte/activer?jeton=t", 48);
        assertEquals("Confirmez votre adresse pour ouvrir votre compte", fr.subject());
        assertTrue(fr.text().startsWith("Bonjour Léa,\n\nPour ouvrir votre compte"), fr.text());
        assertTrue(fr.text().contains("valable 48 heures.\n\n--\nGuichet des aides de la Région"), fr.text());
        OutgoingMail en = Mails.activation("a@b.fr", "en", "{link}", "https://x/compte/activer?lang=en&jeton=t", 48);
        assertEquals("Confirm your address to open your account", en.subject());
        assertTrue(en.text().startsWith("Hello {link},\n\nTo open your account"), en.text());
        OutgoingMail invited = Mails.invitation("a@b.fr", "en", "Sam", Role.AGENT, "https://x", 24);
        assertTrue(invited.text().contains("as case officer"), invited.text());
    }
}
