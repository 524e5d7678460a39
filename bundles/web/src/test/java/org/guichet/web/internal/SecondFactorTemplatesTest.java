package org.guichet.web.internal;

import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.error.GuichetException;
import org.junit.jupiter.api.Test;

/** The staff second-factor pages (enrolment, verification, recovery codes), in French and English, no JavaScript. */
class SecondFactorTemplatesTest {
    static final Ui FR = Samples.ui(Locale.FRENCH);
    static final Ui EN = Samples.ui(Locale.ENGLISH);
    static final String URI = "otpauth://totp/Guichet:dora%40region.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
            + "&issuer=Guichet&algorithm=SHA1&digits=6&period=30";

    @Test
    void theEnrolmentShowsTheQrCodeAsAnImageAndTheSecretAsText() {
        String fr = render("account/secondFactorEnrol.jte", "ui", FR, "ticket", "t-123", "qr", QrCodes.dataUri(URI),
                "secret", "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP", "errors", Map.of());
        assertTrue(fr.contains("<title>Protéger votre compte par un second facteur — Guichet</title>"), fr);
        assertTrue(fr.contains("<img class=\"qr\" src=\"data:image/svg+xml;base64,"), fr);
        assertTrue(fr.contains("alt=\"Code QR à scanner"), "the image says what it is: " + fr);
        assertTrue(fr.contains("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP"), "and the key as text");
        assertTrue(fr.contains("action=\"/compte/second-facteur/enrolement#suite\""), fr);
        assertTrue(fr.contains("name=\"ticket\" value=\"t-123\"") && fr.contains("name=\"_csrf\" value=\"csrf-value\""));
        assertTrue(fr.contains("autocomplete=\"one-time-code\" inputmode=\"numeric\""), fr);
        assertTrue(fr.indexOf("id=\"suite\"") < fr.indexOf("<form"));
        assertFalse(fr.contains("<script"), "no JavaScript");
        String en = render("account/secondFactorEnrol.jte", "ui", EN, "ticket", "t-123", "qr", QrCodes.dataUri(URI),
                "secret", "JBSW", "errors", Map.of("code", EN.error(new GuichetException(GuichetException.Kind
                        .UNAUTHENTICATED, "SECOND_FACTOR_INVALID", "code", "x"))));
        assertTrue(en.contains("<title>Error — Protect your account with a second factor — Guichet</title>"), en);
        assertTrue(en.contains("href=\"#code\"") && en.contains("aria-invalid=\"true\""), en);
        assertTrue(en.contains("This code is not the right one"), en);
        assertTrue(en.contains("action=\"/compte/second-facteur/enrolement?lang=en#suite\""), en);
    }

    @Test
    void theQrCodeIsAnSvgOfTheUri() {
        String svg = QrCodes.svg(URI);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        assertTrue(svg.contains("<path d=\"M4,4h1v1h-1z"), "the finder pattern's corner after the quiet zone: " + svg);
        assertEquals(svg, new String(Base64.getDecoder().decode(QrCodes.dataUri(URI).substring(
                "data:image/svg+xml;base64,".length())), StandardCharsets.UTF_8));
    }

    @Test
    void theVerificationAsksTheAppsCodeAndOffersARecoveryCode() {
        String fr = render("account/secondFactorVerify.jte", "ui", FR, "ticket", "t-9", "errors", Map.of());
        assertTrue(fr.contains("<title>Second facteur — Guichet</title>"), fr);
        assertTrue(fr.contains("action=\"/compte/second-facteur#suite\""), fr);
        assertTrue(fr.contains("action=\"/compte/second-facteur/secours#suite\""), "a way to use a recovery code: " + fr);
        assertTrue(fr.contains("utiliser un code de secours"), fr);
        assertEquals(2, count(fr, "name=\"ticket\" value=\"t-9\""));
        String recovery = render("account/secondFactorVerify.jte", "ui", FR, "ticket", "t-9", "recovery", true,
                "errors", Map.of());
        assertTrue(recovery.contains("<title>Code de secours — Guichet</title>"), recovery);
        assertTrue(recovery.contains("name=\"secours\" value=\"1\"") && recovery.contains("autocomplete=\"off\""),
                recovery);
        assertFalse(recovery.contains("/compte/second-facteur/secours"), recovery);
        String en = render("account/secondFactorVerify.jte", "ui", EN, "ticket", "t-9", "errors", Map.of("code",
                EN.error(new GuichetException(GuichetException.Kind.TOO_MANY_ATTEMPTS, "SECOND_FACTOR_LOCKED", "code",
                        "x", null, Map.of("minutes", 15L, "retryAfterSeconds", 900L)))));
        assertTrue(en.contains("blocked for 15 minutes"), en);
        assertTrue(en.contains("use a recovery code"), en);
    }

    @Test
    void theRecoveryCodesAreShownOnceWithAdviceToPrintThem() {
        List<String> codes = List.of("ABCD-EFGH-JKLM-NPQR", "STUV-WXYZ-2345-6789");
        String fr = render("account/recoveryCodes.jte", "ui", FR, "codes", codes, "next", "/instruction#contenu");
        assertTrue(fr.contains("<title>Vos codes de secours — Guichet</title>"), fr);
        assertTrue(fr.contains("<li><code>ABCD-EFGH-JKLM-NPQR</code></li>") && fr.contains("STUV-WXYZ-2345-6789"), fr);
        assertTrue(fr.contains("Imprimez cette page") && fr.contains("ne seront plus jamais affichés"), fr);
        assertTrue(fr.contains("href=\"/instruction#contenu\""), fr);
        String en = render("account/recoveryCodes.jte", "ui", EN, "codes", codes, "next", "/instruction#contenu");
        assertTrue(en.contains("Print this page") && en.contains("href=\"/instruction?lang=en#contenu\""), en);
    }

    @Test
    void theStaffPageOffersToResetASecondFactor() {
        var account = new org.guichet.api.accounts.Account(1002L, "dora@region.example", "Dora",
                org.guichet.api.accounts.AccountState.ACTIVE, java.util.Set.of(org.guichet.api.accounts.Role.AGENT),
                null, java.util.Set.of(), java.time.Instant.now(), "fr");
        String fr = render("admin/staff.jte", "ui", FR, "accounts", List.of(account), "me", 1001L);
        assertTrue(fr.contains("action=\"/admin/comptes/1002/second-facteur#suite\""), fr);
        assertTrue(fr.contains("Réinitialiser le second facteur de Dora"), fr);
    }

    static int count(String html, String what) {
        int n = 0;
        for (int i = html.indexOf(what); i >= 0; i = html.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
