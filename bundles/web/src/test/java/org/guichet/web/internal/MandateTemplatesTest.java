package org.guichet.web.internal;

import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page a person reaches from the mandate mail: one button to say yes, then what it means, in her language. */
class MandateTemplatesTest {
    @Test
    void theButtonCarriesTheLinksTokenAndLandsOnTheOutcome() {
        String fr = render("mandate/accept.jte", "ui", Samples.ui(Locale.FRENCH), "token", "abc\"<x>", "errors", Map.of());
        assertTrue(fr.contains("<title>Accepter l'aide d'un conseiller ou d'une conseillère — Guichet</title>"), fr);
        assertTrue(fr.contains("name=\"jeton\" value=\"abc&#34;&lt;x>\"") || fr.contains("name=\"jeton\" value=\"abc&quot;"),
                "the token is escaped in its attribute: " + fr);
        assertTrue(fr.contains("action=\"/mandats/accepter#suite\""), fr);
        assertTrue(fr.contains("name=\"_csrf\" value=\"csrf-value\""), fr);
        assertTrue(fr.contains("<button type=\"submit\">J'accepte</button>"), fr);
        String en = render("mandate/accept.jte", "ui", Samples.ui(Locale.ENGLISH), "errors",
                Map.of("", "This link is no longer valid."));
        assertTrue(en.contains("<title>Error — Accept help from a counsellor"), en);
        assertTrue(en.contains("action=\"/mandats/accepter?lang=en#suite\""), en);
        assertTrue(en.indexOf("This link is no longer valid.") < en.indexOf("<form"), "the error right after the title");
        assertTrue(en.contains("I accept"));
    }

    @Test
    void agreedSaysWhoCanNowHelp() {
        String fr = render("mandate/accepted.jte", "ui", Samples.ui(Locale.FRENCH), "mediator", "Camille <C>",
                "organisation", "Mission locale");
        assertTrue(fr.contains("<title>C'est d'accord — Guichet</title>"), fr);
        assertTrue(fr.contains("Camille &lt;C&gt; (Mission locale) peut maintenant"), fr);
        assertTrue(fr.contains("href=\"/compte/code\""), fr);
        String en = render("mandate/accepted.jte", "ui", Samples.ui(Locale.ENGLISH), "mediator", "Camille");
        assertTrue(en.contains("Camille can now prepare") && en.contains("href=\"/compte/code?lang=en\""), en);
        assertFalse(en.contains("(null)"), en);
    }
}
