package org.guichet.web.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.function.Supplier;
import org.guichet.api.accounts.Caller;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.LocalizedText;

/**
 * What every template may use about the request it renders: the language and its words, links that keep the
 * language (before any fragment), the form's CSRF value, the person signed in, and dates, months and amounts written
 * in words as people read them ("14 septembre 2026", "septembre 2026", "1 234,50 €").
 */
public final class Ui {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final Locale locale;
    private final String path;
    private final Supplier<String> csrf;
    private final Supplier<Caller> caller;

    public Ui(Locale locale, String path, Supplier<String> csrf, Supplier<Caller> caller) {
        this.locale = Messages.english(locale) ? Locale.ENGLISH : Locale.FRENCH;
        this.path = path == null ? "/" : path;
        this.csrf = csrf;
        this.caller = caller;
    }

    public Locale locale() {
        return locale;
    }

    public boolean english() {
        return locale == Locale.ENGLISH;
    }

    /** The page's language code for {@code <html lang>}. */
    public String lang() {
        return english() ? "en" : "fr";
    }

    public String t(String key, Object... args) {
        return Messages.text(locale, key, args);
    }

    /** A scheme's text (title, label, help) in this language. */
    public String in(LocalizedText text) {
        return text == null ? "" : text.in(locale);
    }

    /**
     * "fr" when this English page must show a scheme's text that exists only in French (so that it is read aloud as
     * French), null otherwise (jte then leaves the attribute out): {@code <span lang="${ui.langOf(t)}">}.
     */
    public String langOf(LocalizedText text) {
        return english() && text != null && (text.en() == null || text.en().isBlank()) ? "fr" : null;
    }

    public String error(GuichetException e) {
        return Messages.of(locale, e);
    }

    /** A link inside the portal keeping the language: {@code /a?x=1#f} becomes {@code /a?x=1&lang=en#f} in English. */
    public String href(String target) {
        if (!english()) {
            return target;
        }
        int hash = target.indexOf('#');
        String base = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? "" : target.substring(hash);
        return base + (base.contains("?") ? "&" : "?") + "lang=en" + fragment;
    }

    /** The same page in the other language. */
    public String otherLanguageHref() {
        return path + (english() ? "?lang=fr" : "?lang=en");
    }

    /** The CSRF value for a form; asked only by pages with a form, so the others set no cookie. */
    public String csrf() {
        return csrf == null ? "" : csrf.get();
    }

    /** The person signed in, or null; looked up from the session the first time it is asked. */
    public Caller caller() {
        return caller == null ? null : caller.get();
    }

    public boolean signedIn() {
        return caller() != null;
    }

    /** "14 septembre 2026" / "14 September 2026". */
    public String date(LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ofPattern("d MMMM yyyy", locale).format(day);
    }

    /** A date kept as ISO text (an answer) in words; other text unchanged. */
    public String date(String iso) {
        if (iso == null) {
            return "";
        }
        try {
            return date(LocalDate.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** "14 septembre 2026 à 09:30", in Paris time. */
    public String moment(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofPattern(english() ? "d MMMM yyyy 'at' HH:mm" : "d MMMM yyyy 'à' HH:mm",
                locale).withZone(PARIS).format(at);
    }

    /** "septembre 2026" for 2026-09. */
    public String month(String yearMonth) {
        if (yearMonth == null) {
            return "";
        }
        try {
            return DateTimeFormatter.ofPattern("MMMM yyyy", locale).format(YearMonth.parse(yearMonth));
        } catch (DateTimeParseException e) {
            return yearMonth;
        }
    }

    public String money(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        NumberFormat euros = NumberFormat.getCurrencyInstance(english() ? Locale.UK : Locale.FRANCE);
        euros.setCurrency(Currency.getInstance("EUR"));
        return euros.format(amount);
    }
}
