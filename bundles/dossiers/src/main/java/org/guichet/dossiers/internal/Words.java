package org.guichet.dossiers.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.guichet.api.accounts.Account;
import org.guichet.api.scheme.LocalizedText;

/**
 * The words this bundle writes for people — mails, and what a decision says — in one language, from
 * {@code org/guichet/dossiers/mails.properties} (French, the reference) and {@code mails_en.properties} (English).
 * The language is the one kept on the person's account ({@code fr} or {@code en}). Placeholders are named,
 * {@code {name}}, and filled as plain text (no MessageFormat: an apostrophe is just an apostrophe).
 */
public final class Words {
    static final String BASE = "org.guichet.dossiers.mails";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([A-Za-z]+)\\}");

    private final String language;
    private final ResourceBundle bundle;

    private Words(String language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle(BASE, "en".equals(language) ? Locale.ENGLISH : Locale.ROOT,
                Words.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                        ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The words of a language kept on an account; French for null or a language not written. */
    public static Words of(String language) {
        return new Words(Account.language(language));
    }

    public static Words french() {
        return of("fr");
    }

    /** {@code fr} or {@code en}. */
    public String language() {
        return language;
    }

    public Locale locale() {
        return "en".equals(language) ? Locale.ENGLISH : Locale.FRENCH;
    }

    /**
     * The text of a key with its placeholders filled, {@code get("activation.body", "name", "Léa", "hours", 48)}.
     *
     * @throws MissingResourceException when the key is missing: a mail is never sent with a key in it
     */
    public String get(String key, Object... namesAndValues) {
        return fill(bundle.getString(key), namesAndValues);
    }

    /**
     * Fills {@code {name}} placeholders in one pass: a value that itself contains braces (a message a person wrote)
     * is never read as a placeholder. An unknown name stays as it is.
     */
    static String fill(String text, Object... namesAndValues) {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            values.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        java.util.regex.Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(v == null && !values.containsKey(
                    m.group(1)) ? m.group() : String.valueOf(v)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** 2 582,76 € in French, €2,582.76 in English (ordinary spaces: some mail readers show the others as boxes). */
    public String euros(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        NumberFormat f = NumberFormat.getCurrencyInstance("en".equals(language) ? Locale.UK : Locale.FRANCE);
        f.setCurrency(Currency.getInstance("EUR"));
        return f.format(amount).replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    /** "septembre 2026" or "September 2026" for 2026-09. */
    public String month(String period) {
        YearMonth m = YearMonth.parse(period);
        return m.getMonth().getDisplayName(TextStyle.FULL, locale()) + " " + m.getYear();
    }

    /** A day in words, by the bundle's {@code format.day} pattern: "14 septembre 2026", "14 September 2026". */
    public String day(LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ofPattern(get("format.day"), locale()).format(day);
    }

    /** A moment, in Paris time, by the bundle's {@code format.moment} pattern: "28/11/2026 à 17:05". */
    public String moment(Instant moment) {
        return moment == null ? "" : DateTimeFormatter.ofPattern(get("format.moment"), locale()).withZone(PARIS)
                .format(moment);
    }

    /** A scheme's text in this language (French when the scheme has no English). */
    public String in(LocalizedText text) {
        return text == null ? "" : text.in(locale());
    }
}
