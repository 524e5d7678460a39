package org.guichet.api.scheme;

import java.util.Locale;

/** A text people read: French first, English second (French is used when English is missing). */
public record LocalizedText(String fr, String en) {
    public String in(Locale locale) {
        if (locale != null && "en".equals(locale.getLanguage()) && en != null && !en.isBlank()) {
            return en;
        }
        return fr != null ? fr : en;
    }
}
