package org.guichet.web.internal;

import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.observatory.Summary;
import org.guichet.api.observatory.Summary.Count;
import org.guichet.api.observatory.Summary.Delay;
import org.guichet.api.observatory.Summary.DocumentCount;
import org.guichet.api.observatory.Summary.Step;
import org.junit.jupiter.api.Test;

/** The observatory's page (issue 15, point 3): each table with its chart, its sentence and its CSV; small numbers said hidden. */
class ObservatoryTemplatesTest {
    static Count c(String key, Long n) {
        return new Count(key, n, n == null);
    }

    static Summary summary() {
        List<Step> funnel = List.of(new Step("SIMULATED", "simulations", 120L, false),
                new Step("ACCOUNT_CREATED", "accounts", 40L, false), new Step("ACCOUNT_ACTIVATED", "accounts", 31L, false),
                new Step("DOSSIER_OPENED", "dossiers", 14L, false), new Step("ANSWERS_COMPLETE", "dossiers", 12L, false),
                new Step("DOCUMENTS_COMPLETE", "dossiers", 10L, false), new Step("SUBMITTED", "dossiers", 10L, false),
                new Step("DECIDED", "dossiers", 8L, false), new Step("FIRST_PAYMENT", "dossiers", null, true));
        Delay hidden = new Delay("DECISION_TO_FIRST_PAYMENT", "days", null, null, null, true);
        Summary.Assistance a = new Summary.Assistance(c("PHONE_CALLS_ON_DOSSIERS", 6L), c("PHONE_MINUTES_ON_DOSSIERS", 70L),
                new Delay("PHONE_MINUTES_PER_DOSSIER", "minutes", 6L, 11.5, 20.0, false), c("ACCOUNT_PHONE_CALLS", 9L),
                c("ACCOUNT_PHONE_MINUTES", 80L), c("MEDIATED_DOSSIERS", 5L), c("MEDIATOR_MINUTES", 50L),
                c("ORGANISATION_ANSWERS", 25L), c("ORGANISATION_DOCUMENTS", 5L), c("ORGANISATION_ATTENDANCE", 12L),
                c("ORGANISATION_ESTIMATED_MINUTES", 124L),
                new Delay("AGENT_MINUTES_PER_DOSSIER", "minutes", 8L, 15.0, 40.0, false),
                List.of(new Summary.OrganisationHelp(3, "Mission locale <Port>", 5L, 0L, 0L, 0L, 12L, 74L, false)));
        return new Summary("vocational-training", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null, 5, funnel,
                List.of(c("DOSSIER_OPENED", null), c("ANSWERS_SAVED", 0L), c("ANSWERS_COMPLETE", null),
                        c("DOCUMENTS_COMPLETE", 0L)),
                List.of(new DocumentCount("IDENTITY", "REFUSED_AT_UPLOAD", "FILE_TYPE_REFUSED", 7L, false)),
                List.of(c("ONLINE", 7L), c("MEDIATOR", null), c("PHONE", null), c("PARTNER", 0L)), a,
                List.of(new Delay("SUBMISSION_TO_DECISION", "days", 8L, 12.5, 30.0, false), hidden),
                List.of(new DocumentCount("RIB", "REJECTED", "ILLEGIBLE", 6L, false)),
                List.of(c("ONLINE", 6L), c("MEDIATOR", 5L), c("PHONE", 0L), c("PARTNER", 0L)),
                new Summary.Outcomes(c("GRANTED", 6L), c("REFUSED", null), List.of(c("OTHER", null))),
                Instant.parse("2026-12-31T10:00:00Z"));
    }

    static String page(Locale locale, Summary s) {
        Ui ui = Samples.ui(locale);
        return render("observatory/summary.jte", "ui", ui, "filter", new ObservatoryPage.Filter("vocational-training",
                "2026-01-01", "2026-12-31"), "schemes", List.of(), "errors", Map.of(), "summary", s, "tables",
                ObservatoryPage.tables(ui, s), "ownTrainees", false);
    }

    @Test
    void documentTypesAreNamedAsPeopleReadThemNotByTheirCode() {
        Ui ui = Samples.ui(Locale.FRENCH);
        Summary s = summary();
        String fr = render("observatory/summary.jte", "ui", ui, "filter", new ObservatoryPage.Filter(
                "vocational-training", "2026-01-01", "2026-12-31"), "schemes", List.of(), "errors", Map.of(), "summary",
                s, "tables", ObservatoryPage.tables(ui, s, id -> id == null ? null : Map.of("IDENTITY", "Pièce d'identité",
                        "RIB", "Relevé d'identité bancaire").getOrDefault(id, id)), "ownTrainees", false);
        assertTrue(fr.contains("Pièce d&#39;identité") || fr.contains("Pièce d'identité"), fr);
        assertTrue(fr.contains("Relevé d&#39;identité bancaire") || fr.contains("Relevé d'identité bancaire"), fr);
        assertFalse(fr.contains(">IDENTITY<") || fr.contains(">RIB<"), "no code shown as a document's name");
    }

    @Test
    void eachTableHasItsChartItsSentenceItsDataAndItsCsv() {
        String fr = page(Locale.FRENCH, summary());
        for (String id : List.of("parcours", "arrets", "refus-envoi", "canaux", "organismes", "delais", "complements",
                "complements-reponses", "decisions")) {
            assertTrue(fr.contains("<section id=\"" + id + "\""), id);
            assertTrue(fr.contains("<svg class=\"obs-chart\"") && fr.contains("aria-labelledby=\"" + id + "-resume\""), id);
            assertTrue(fr.contains("<caption id=\"" + id + "-table\""), id);
            assertTrue(fr.contains("href=\"/observatoire/tableaux/" + id + "?aide=vocational-training&amp;du=2026-01-01"
                    + "&amp;au=2026-12-31\""), id);
        }
        assertTrue(fr.contains("10 demandes envoyées sur 14 ouvertes."), fr);
        assertTrue(fr.contains("La moitié des demandes a reçu sa décision en 12,5 jours ou moins ; 9 sur 10 en 30 jours"
                + " ou moins."), fr);
        assertTrue(fr.contains("masqué (moins de 5)"), "hidden counts are said so");
        // the organisations' attendance, and who answered the complements
        assertTrue(fr.contains("Mois de présence déclarés"), fr);
        assertTrue(fr.contains("5 réponses sur 11 ont été apportées avec de l'aide.")
                || fr.contains("5 réponses sur 11 ont été apportées avec de l&#39;aide."), fr);
        // two channels hidden: no sentence that could be used to compute them
        assertTrue(fr.contains("Trop peu de cas sur cette période"), fr);
        assertTrue(fr.contains("Mission locale &lt;Port&gt;"), "names escaped");
        assertFalse(fr.contains("<script"), "no script");
        String en = page(Locale.ENGLISH, summary());
        assertTrue(en.contains("10 applications sent out of 14 opened."), en);
    }

    @Test
    void withEveryChannelShownTheSentenceSaysHowManyWereHelped() {
        Summary s = summary();
        Summary shown = new Summary(s.schemeId(), s.from(), s.to(), null, 1, s.funnel(), s.stops(), s.refusedAtUpload(),
                List.of(c("ONLINE", 7L), c("MEDIATOR", 2L), c("PHONE", 1L), c("PARTNER", 0L)), s.assistance(),
                s.delays(), s.complements(), s.complementsAnsweredBy(), s.outcomes(),
                s.computedAt());
        assertTrue(page(Locale.FRENCH, shown).contains("3 demandes sur 10 déposées avec de l'aide."), page(Locale.FRENCH, shown));
    }

    /** Few dossiers: every count of the funnel hidden, the page still says what it can (it once failed with a 500). */
    @Test
    void aPeriodWithHiddenStepsStillShows() {
        Summary s = summary();
        List<Step> hidden = s.funnel().stream().map(x -> x.unit().equals("dossiers")
                ? new Step(x.step(), x.unit(), null, true) : x).toList();
        Summary few = new Summary(s.schemeId(), s.from(), s.to(), null, 5, hidden, s.stops(), s.refusedAtUpload(),
                s.channels(), s.assistance(), s.delays(), s.complements(), s.complementsAnsweredBy(), s.outcomes(),
                s.computedAt());
        String fr = page(Locale.FRENCH, few);
        assertTrue(fr.contains("<section id=\"parcours\"") && fr.contains("Trop peu de cas"), fr);
    }

    /** The sample page, written to target/ with the portal's style sheet beside it (for screenshots of the page). */
    @Test
    void aSamplePageIsWrittenForScreenshots() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "observatory-sample");
        java.nio.file.Files.createDirectories(dir.resolve("static"));
        java.nio.file.Files.copy(java.nio.file.Path.of("src/main/resources/static/guichet.css"),
                dir.resolve("static/guichet.css"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String html = page(Locale.FRENCH, summary()).replace("href=\"/static/", "href=\"static/");
        java.nio.file.Files.writeString(dir.resolve("observatoire.html"), html);
        assertTrue(html.contains("<h1>Observatoire des demandes</h1>") || html.contains("Observatoire des demandes"));
    }

    @Test
    void csvCellsAreQuotedAndNeverFormulas() {
        assertEquals("a;\"b;c\";\"d\"\"e\";'=SUM(A1)\r\n",
                ObservatoryPage.csvLine(List.of("a", "b;c", "d\"e", "=SUM(A1)")));
    }
}
