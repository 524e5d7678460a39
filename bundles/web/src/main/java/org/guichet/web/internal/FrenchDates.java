package org.guichet.web.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guichet.api.scheme.FieldDefinition;

/** Dates as people write them in France (14/09/2026, 14-9-2026, 14.09.2026) turned into the API's 2026-09-14. */
final class FrenchDates {
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})\\s*[/.\\-\\s]\\s*(\\d{1,2})\\s*[/.\\-\\s]\\s*(\\d{4})");

    private FrenchDates() { }

    /** The ISO form when the text is day/month/year; anything else unchanged, for the engine to judge. */
    static String toIso(String text) {
        Matcher m = DAY_MONTH_YEAR.matcher(text.trim());
        if (!m.matches()) {
            return text.trim();
        }
        return String.format(Locale.ROOT, "%s-%02d-%02d", m.group(3), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
    }

    static String invalidMessage(FieldDefinition field, Locale locale) {
        String label = field == null ? "" : field.label().in(locale);
        return Messages.text(locale, "form.invalidDate", label);
    }
}
