package org.guichet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared templates render, escape what they are given, and never show a key or a code instead of words. */
class CommonTemplatesTest {
    static String render(String template, Object... keyValues) {
        Map<String, Object> model = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            model.put((String) keyValues[i], keyValues[i + 1]);
        }
        String html = Templates.render(template, model);
        RawText.assertNoRawKeys(html);
        return html;
    }

    @Test
    void homeListsOpenSchemesEscapedWithLinksKeepingTheLanguage() {
        String fr = render("home.jte", "ui", Samples.ui(Locale.FRENCH), "open", List.of(Samples.scheme()));
        assertTrue(fr.contains("<html lang=\"fr\">"), fr);
        assertTrue(fr.contains("Aide &lt;formation&gt;"), "scheme text is escaped: " + fr);
        assertFalse(fr.contains("<formation>"));
        assertTrue(fr.contains("href=\"/aides/vocational-training\""), fr);
        String en = render("home.jte", "ui", Samples.ui(Locale.ENGLISH), "open", List.of(Samples.scheme()));
        assertTrue(en.contains("<html lang=\"en\">"));
        assertTrue(en.contains("href=\"/aides/vocational-training?lang=en\""), en);
        assertTrue(en.contains("lang=\"fr\" hreflang=\"fr\">Français"), "the other language's name is marked: " + en);
    }

    @Test
    void frenchOnlySchemeTextOnAnEnglishPageIsMarkedFrench() {
        var d = Samples.scheme();
        var frenchOnly = new org.guichet.api.scheme.SchemeDescriptor(d.id(), d.version(), Samples.text("Aide", null),
                d.summary(), d.description(), d.filers(), d.payee(), d.recurring(), d.fields(), d.documents(), d.reasons());
        String en = render("home.jte", "ui", Samples.ui(Locale.ENGLISH), "open", List.of(frenchOnly));
        assertTrue(en.contains("<h3 lang=\"fr\">Aide</h3>"), en);
        assertTrue(render("home.jte", "ui", Samples.ui(Locale.FRENCH), "open", List.of(frenchOnly))
                .contains("<h3>Aide</h3>"));
    }

    @Test
    void homeSaysWhenNothingIsOpen() {
        assertTrue(render("home.jte", "ui", Samples.ui(Locale.FRENCH), "open", List.of())
                .contains("Aucune aide n'est ouverte"));
    }

    @Test
    void simulatorMarksRequiredQuestionsAndLandsOnWhatHappened() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("birthDate", "Date inconnue");
        errors.put("programme", "Choisissez");
        String html = render("simulator.jte", "ui", Samples.ui(Locale.FRENCH), "d", Samples.scheme(), "answers",
                Map.of("birthDate", "2001-03-10", "jobSeeker", "true"), "errors", errors);
        assertTrue(html.contains("action=\"/aides/vocational-training#suite\""), "the form lands on its outcome");
        assertTrue(html.indexOf("id=\"suite\"") < html.indexOf("<form"), "the outcome comes right after the title");
        assertTrue(html.contains("href=\"#birthDate\"") && html.contains("href=\"#programme\""), "all errors at once");
        assertTrue(html.contains("aria-required=\"true\""), html);
        assertTrue(html.contains("(obligatoire)"));
        assertTrue(html.contains("value=\"10/03/2001\""), "a stored date is shown as typed: " + html);
        assertTrue(html.contains("value=\"true\" checked"), html);
        assertTrue(html.contains("aria-invalid=\"true\""));
        assertFalse(html.contains("_csrf"), "the anonymous simulator sets no cookie, so has no CSRF field");
    }

    @Test
    void resultInWordsWithTheTableInItsOwnScrollingRegion() {
        String html = render("simulator.jte", "ui", Samples.ui(Locale.FRENCH), "d", Samples.scheme(), "answers",
                Map.of(), "errors", Map.of(), "result", Samples.eligible());
        assertTrue(html.contains("septembre 2026"), "months in words: " + html);
        assertFalse(html.contains("2026-09"));
        assertTrue(html.contains("class=\"table-scroll\" role=\"region\" aria-labelledby=\"resultat-mois\""), html);
        assertTrue(html.contains("750,00"), html);
        String en = render("simulator.jte", "ui", Samples.ui(Locale.ENGLISH), "d", Samples.scheme(), "answers",
                Map.of(), "errors", Map.of(), "result", Samples.refused());
        assertTrue(en.contains("for this reason:"), en);
        assertTrue(en.contains("action=\"/aides/vocational-training?lang=en#suite\""), "language before the fragment");
    }

    @Test
    void theSimulatorSaysWhatFranceConnectAndConsentWouldFillAndSpareWithoutAskingAnyone() {
        // the scheme of the applicant's pages: jobSeeker from FRANCE_TRAVAIL replaces the certificate "FT"
        var d = ApplicantTemplatesTest.sourcedScheme();
        var result = new org.guichet.api.scheme.Evaluation(Samples.eligible().scheme(), true, List.of(), List.of(
                new org.guichet.api.scheme.RequiredDocument("ID", "Pièce d'identité", "Qui", "r"),
                new org.guichet.api.scheme.RequiredDocument("FT", "Attestation France Travail", "Inscrite", "r")),
                Samples.eligible().amount(), List.of());
        var on = SimulatorPage.easier(Samples.ui(Locale.FRENCH), d, result, java.util.Set.of(
                org.guichet.api.scheme.AnswerSource.FRANCECONNECT, org.guichet.api.scheme.AnswerSource.FRANCE_TRAVAIL));
        assertEquals(List.of("Inscrit à France Travail ? — par France Travail"), on.answers());
        assertEquals(List.of("Attestation France Travail"), on.documents(), "only what this result asks and replaces");
        String html = render("simulator.jte", "ui", Samples.ui(Locale.FRENCH), "d", d, "answers", Map.of(), "errors",
                Map.of(), "result", result, "easier", on);
        assertTrue(html.contains("Plus simple avec FranceConnect"), html);
        assertTrue(html.contains("<li>Attestation France Travail</li>"), html);
        assertTrue(html.contains("ne demande rien à personne"), html);
        // connectors off: France Travail is not offered, nothing to say
        assertEquals(null, SimulatorPage.easier(Samples.ui(Locale.FRENCH), d, result, java.util.Set.of(
                org.guichet.api.scheme.AnswerSource.FRANCECONNECT)));
        // a result that does not ask the certificate spares no document
        assertEquals(List.of(), SimulatorPage.easier(Samples.ui(Locale.ENGLISH), d, Samples.eligible(), java.util.Set.of(
                org.guichet.api.scheme.AnswerSource.FRANCE_TRAVAIL)).documents());
    }

    @Test
    void messageAndRefusalPages() {
        assertTrue(render("message.jte", "ui", Samples.ui(Locale.FRENCH), "title", "T", "text", "<b>x</b>")
                .contains("&lt;b&gt;x&lt;/b&gt;"));
        assertTrue(render("refused.jte", "ui", Samples.ui(Locale.ENGLISH), "title", "T", "message", "M")
                .contains("Back to my applications"));
    }

    @Test
    void tooManyRequestsIsAFrenchPageInWordsWithItsTitle() {
        Ui fr = Samples.ui(Locale.FRENCH);
        org.guichet.api.error.GuichetException limited = new org.guichet.api.error.GuichetException(
                org.guichet.api.error.GuichetException.Kind.TOO_MANY_ATTEMPTS, "RATE_LIMITED", null, "Trop de demandes en peu de temps : réessayez dans 2 minutes.", null,
                Map.of("retryAfterSeconds", 120L));
        String page = render("refused.jte", "ui", fr, "title", fr.t("page.tooMany.title"), "message", fr.error(limited));
        assertTrue(page.contains("<h1>Trop de demandes</h1>") && page.contains("Attendez quelques minutes"), page);
        Ui en = Samples.ui(Locale.ENGLISH);
        assertTrue(en.error(limited).contains("Wait a few minutes"), en.error(limited));
    }
}
