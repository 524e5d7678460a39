package org.guichet.web.internal;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guichet.api.error.GuichetException;

/**
 * Every word people read, from {@code org/guichet/web/messages.properties} (French) and
 * {@code messages_en.properties} (English): pages, labels and the services' refusals (key {@code error.<CODE>})
 * are looked up here by key. Placeholders are {@code {0}}, {@code {1}}… replaced as plain text (no MessageFormat, so
 * an apostrophe is just an apostrophe); a refusal's words use named ones, {@code {minutes}}, filled from the
 * refusal's details (see {@link #of}). Mails and letters have their own bundles, in the modules that write them.
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
     * A service's refusal in the page's language, by its stable code: the text of {@code error.<CODE>}, whose named
     * placeholders {@code {name}} are filled from the exception's {@link GuichetException#details() details} (in
     * English a detail {@code name.en}, when the service gives one, comes before {@code name}). A code without
     * words, or words whose details the service did not give, fall back to the service's own sentence in French and
     * to {@code error.fallback} in English; {@code ErrorCodesTest} keeps every code the services throw worded.
     */
    public static String of(Locale locale, GuichetException e) {
        String key = "error." + e.code();
        if (has(locale, key)) {
            String text = fill(bundle(locale).getString(key), e.details(), english(locale));
            if (text != null) {
                return text;
            }
        }
        if (!english(locale) && e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return text(locale, "error.fallback");
    }

    /** A placeholder of the refusals' words: {@code {minutes}}, {@code {label}}. */
    static final Pattern NAMED = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)\\}");

    /**
     * Fills named placeholders in one pass (a value with braces in it is never read as one); null when a detail is
     * missing, so that no placeholder is ever shown.
     */
    static String fill(String text, Map<String, Object> details, boolean english) {
        Map<String, Object> d = details == null ? Map.of() : details;
        Matcher m = NAMED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value = english && d.get(name + ".en") != null ? d.get(name + ".en") : d.get(name);
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
