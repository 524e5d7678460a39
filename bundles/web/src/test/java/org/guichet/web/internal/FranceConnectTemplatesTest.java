package org.guichet.web.internal;

import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.guichet.api.error.GuichetException;
import org.junit.jupiter.api.Test;

/** The FranceConnect pages: the button on the sign-in page (only when configured), the link page, the refusals. */
class FranceConnectTemplatesTest {
    static final Ui FR = Samples.ui(Locale.FRENCH);
    static final Ui EN = Samples.ui(Locale.ENGLISH);

    @Test
    void theSignInPageShowsTheButtonAboveTheEmailFormOnlyWhenFranceConnectIsOn() {
        String on = render("account/signIn.jte", "ui", FR, "errors", Map.of(), "franceConnect", true);
        int button = on.indexOf("class=\"franceconnect-button\" href=\"/compte/franceconnect\"");
        assertTrue(button > 0, on);
        assertTrue(button < on.indexOf("<form"), "above the email and password form, which stays");
        assertTrue(on.contains("S&#39;identifier avec") || on.contains("S'identifier avec"), on);
        assertTrue(on.contains(">FranceConnect</span>"), on);
        assertTrue(on.contains("href=\"https://franceconnect.gouv.fr/\" target=\"_blank\" rel=\"noopener\""), on);
        assertTrue(on.contains("Qu&#39;est-ce que FranceConnect ?") || on.contains("Qu'est-ce que FranceConnect ?"), on);
        assertTrue(on.contains("href=\"/compte/code\""), "the mailed code stays for people without such an account");
        assertFalse(on.contains("<script"), "no JavaScript");
        String en = render("account/signIn.jte", "ui", EN, "errors", Map.of(), "franceConnect", true);
        assertTrue(en.contains("href=\"/compte/franceconnect?lang=en\"") && en.contains("What is FranceConnect?"), en);
        String off = render("account/signIn.jte", "ui", FR, "errors", Map.of());
        assertFalse(off.contains("franceconnect"), "switched off: no button");
    }

    @Test
    void theLinkPageAsksForTheMailedCodeAndSaysWhy() {
        String fr = render("account/franceConnectLink.jte", "ui", FR, "ticket", "t<1>", "maskedEmail", "p…l@example.fr",
                "errors", Map.of());
        assertTrue(fr.contains("action=\"/compte/franceconnect/lien#suite\""), fr);
        assertTrue(fr.contains("name=\"ticket\" value=\"t&lt;1>\""), "escaped (jte escapes < and \" in attributes): " + fr);
        assertTrue(fr.contains("p…l@example.fr") && fr.contains("prouvez que cette adresse est bien la vôtre"), fr);
        assertTrue(fr.contains("name=\"_csrf\""), fr);
        assertTrue(fr.contains("autocomplete=\"one-time-code\""), fr);
    }

    @Test
    void eachRefusalHasItsPlainPageInBothLanguages() {
        for (String code : new String[] {"OIDC_TOKEN_INVALID", "OIDC_NONCE_MISMATCH", "OIDC_STATE_UNKNOWN",
                "OIDC_TOKEN_EXPIRED", "OIDC_CANCELLED", "OIDC_PROVIDER_ERROR", "OIDC_UNAVAILABLE"}) {
            GuichetException e = new GuichetException(GuichetException.Kind.UNAUTHENTICATED, code, null, "service words");
            String fr = render("account/franceConnectRefused.jte", "ui", FR, "message", FR.error(e), "code", code);
            assertTrue(fr.contains("Connexion avec FranceConnect impossible"), fr);
            assertFalse(fr.contains("service words"), code + " has its own French words: " + fr);
            assertTrue(fr.contains("href=\"/compte/franceconnect\"") && fr.contains("href=\"/compte/code\""), fr);
            String en = render("account/franceConnectRefused.jte", "ui", EN, "message", EN.error(e), "code", code);
            assertFalse(en.contains("service words"), code + " has English words: " + en);
        }
    }
}
