package org.guichet.web.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a page must never show people: a message key, an unreplaced placeholder, a raw ISO date or month. */
final class RawText {
    private static final Pattern KEY = Pattern.compile(">[^<]*\\b[a-z]+(\\.[a-zA-Z]+){1,4}\\b[^<]*<");
    private static final Pattern MESSAGE_KEY = Pattern.compile("\\b(layout|page|form|answer|home|simulator|result|"
            + "error|applicant|agent|account|mandate|admin|mail|letter)\\.[a-zA-Z.]+[A-Za-z]\\b");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d|[A-Za-z][A-Za-z0-9]*)\\}");
    private static final Pattern ISO = Pattern.compile(">[^<]*\\b\\d{4}-\\d{2}(-\\d{2})?\\b[^<]*<");

    private RawText() { }

    static void assertNoRawKeys(String html) {
        String visible = html.replaceAll("<(script|style)[^>]*>.*?</\\1>", "").replaceAll("<[^>]+>", "<>");
        Matcher m = MESSAGE_KEY.matcher(visible);
        if (m.find()) {
            fail("a message key is shown instead of words: " + m.group());
        }
        if (PLACEHOLDER.matcher(visible).find()) {
            fail("a placeholder is left in the page: " + visible);
        }
        Matcher iso = ISO.matcher(html.replaceAll("<[^>]+>", "<>"));
        if (iso.find()) {
            fail("a date is shown in ISO form instead of words: " + iso.group());
        }
    }
}
