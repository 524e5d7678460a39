package org.guichet.letters.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of the letters in one language, from {@code org/guichet/letters/letters.properties} (French, the
 * reference) and {@code letters_en.properties} (English). Placeholders are named, {@code {name}}, filled in one pass
 * as plain text (a name with braces in it is never read as a placeholder).
 */
final class LetterWords {
    static final String BASE = "org.guichet.letters.letters";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");

    private final String language;
    private final ResourceBundle bundle;

    private LetterWords(String language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle(BASE, "en".equals(language) ? Locale.ENGLISH : Locale.ROOT,
                LetterWords.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                        ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** {@code en} (en, en-GB …) for English, French otherwise. */
    static LetterWords of(String language) {
        String l = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
        return new LetterWords(l.equals("en") || l.startsWith("en-") || l.startsWith("en_") ? "en" : "fr");
    }

    String language() {
        return language;
    }

    Locale locale() {
        return "en".equals(language) ? Locale.ENGLISH : Locale.FRENCH;
    }

    String get(String key, Object... namesAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            values.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        Matcher m = PLACEHOLDER.matcher(bundle.getString(key));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.containsKey(m.group(1))
                    ? String.valueOf(values.get(m.group(1))) : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    String day(LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ofPattern(get("format.day"), locale()).format(day);
    }

    /** 2 582,76 € in French, €2,582.76 in English (ordinary spaces). */
    String euros(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        NumberFormat f = NumberFormat.getCurrencyInstance("en".equals(language) ? Locale.UK : Locale.FRANCE);
        f.setCurrency(Currency.getInstance("EUR"));
        return f.format(amount).replace('\u202f', ' ').replace('\u00a0', ' ');
    }
}
