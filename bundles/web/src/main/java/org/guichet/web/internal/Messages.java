package org.guichet.web.internal;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.guichet.api.error.GuichetException;

/**
 * Every word people read, from {@code org/guichet/web/messages.properties} (French) and
 * {@code messages_en.properties} (English): pages, labels, the services' refusals (key {@code error.<CODE>}), mails
 * and letters' words are looked up here by key. Placeholders are {@code {0}}, {@code {1}}… replaced as plain text
 * (no MessageFormat, so an apostrophe is just an apostrophe).
 */
public final class Messages {
    static final String BASE = "org.guichet.web.messages";

    private Messages() { }

    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BASE, english(locale) ? Locale.ENGLISH : Locale.ROOT,
                Messages.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                        ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    /** The text of a key, with its placeholders filled; the key itself (visible, and caught by the tests) if unknown. */
    public static String text(Locale locale, String key, Object... args) {
        String text;
        try {
            text = bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    static boolean has(Locale locale, String key) {
        return bundle(locale).containsKey(key);
    }

    /**
     * A service's refusal in the page's language, by its stable code. In French the service's own sentence is kept
     * when it names what it is about (which document, how many minutes); its own French words too if the code is new.
     */
    public static String of(Locale locale, GuichetException e) {
        String key = "error." + e.code();
        if (!english(locale) && e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return has(locale, key) ? text(locale, key) : e.getMessage();
    }
}
