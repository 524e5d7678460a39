package org.guichet.web.internal;

import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.impact.ImpactChange;
import org.guichet.api.impact.ImpactChanges;
import org.guichet.api.impact.ImpactResults;
import org.guichet.api.impact.ImpactResults.AmountBand;
import org.guichet.api.impact.ImpactRun;
import org.guichet.api.impact.ImpactRunState;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeState;
import org.junit.jupiter.api.Test;

/**
 * The impact page: a progress bar with its label and words while a run goes on; once done, the summary in words, the
 * chart as an image with a text alternative and the same figures in a table with headers, months, reasons, the
 * changed dossiers and the CSV link; everything escaped; no state code shown raw.
 */
class ImpactTemplatesTest {
    static final Ui FR = Samples.ui(Locale.FRENCH);
    static final Ui EN = Samples.ui(Locale.ENGLISH);
    static final SchemeInfo INFO = new SchemeInfo("vocational-training", "0.9.0", SchemeState.ACTIVE,
            new LocalizedText("Formation <pro>", "Training"), 3, "org.guichet.vt", "0.9.0", Instant.now(), 1L,
            List.of(), List.of());

    static ImpactRun run(ImpactRunState state, int done, int total) {
        return new ImpactRun(12, "vocational-training", "0.9.0", "1.0.0", LocalDate.of(2026, 9, 1),
                LocalDate.of(2026, 10, 30), state, done, total, 0, "Adèle <Admin>", Instant.parse("2026-11-02T08:00:00Z"),
                null, null, null);
    }

    static List<AmountBand> bands() {
        return List.of(new AmountBand(null, new BigDecimal("-1000"), 4), new AmountBand(new BigDecimal("-1000"),
                new BigDecimal("-500"), 0), new AmountBand(new BigDecimal("-500"), new BigDecimal("-100"), 0),
                new AmountBand(new BigDecimal("-100"), BigDecimal.ZERO, 0), new AmountBand(BigDecimal.ZERO,
                        BigDecimal.ZERO, 90), new AmountBand(BigDecimal.ZERO, new BigDecimal("100"), 0),
                new AmountBand(new BigDecimal("100"), new BigDecimal("500"), 6), new AmountBand(new BigDecimal("500"),
                        new BigDecimal("1000"), 0), new AmountBand(new BigDecimal("1000"), null, 0));
    }

    Map<String, String> noErrors = Map.of();

    @Test
    void whileItRunsAProgressBarWithItsLabelAndWords() {
        String html = render("admin/impact.jte", "ui", FR, "info", INFO, "run", run(ImpactRunState.RUNNING, 500, 2000),
                "errors", noErrors, "from", "2026-09-01", "to", "2026-10-30", "follow", true, "path",
                "/admin/dispositifs/vocational-training/0.9.0/impact");
        assertTrue(html.contains("<label for=\"avancement\">Avancement du calcul</label>"), html);
        assertTrue(html.contains("<progress id=\"avancement\" max=\"2000\" value=\"500\">25 %</progress>"), html);
        assertTrue(html.contains("500 demandes rejouées sur 2000 (25 %)"), html);
        assertTrue(html.contains("Arrêter la mise à jour automatique"), "the user can stop the refresh: " + html);
        assertTrue(html.contains("Formation &lt;pro&gt;") && html.contains("Adèle &lt;Admin&gt;"), "escaped: " + html);
        assertTrue(html.contains("type=\"date\" id=\"from\" name=\"from\" value=\"2026-09-01\""), html);
        assertFalse(html.contains("RUNNING"), "no state code: " + html);
        assertFalse(html.contains("<svg"), "no results yet");
    }

    @Test
    void onceDoneTheResultsInWordsAChartWithItsTableAndTheChangedDossiers() {
        ImpactRun done = run(ImpactRunState.DONE, 100, 100);
        ImpactResults results = new ImpactResults(done, 100, 10, 0, 4, 0,
                List.of(new ImpactResults.Count("TRAINING_TOO_SHORT", "La formation est trop courte", 4)), List.of(),
                List.of(), List.of(new ImpactResults.Count("RIB", "Relevé d'identité <bancaire>", 2)), bands(),
                List.of(new ImpactResults.MonthTotal("2026-09", new BigDecimal("1000"), new BigDecimal("900"))),
                new BigDecimal("10000"), new BigDecimal("9000"));
        ImpactChanges changes = new ImpactChanges(List.of(new ImpactChange(41, "VT-2026-0000041", "GRANTED", true,
                false, List.of("TRAINING_TOO_SHORT"), List.of(), new BigDecimal("2582.76"), null, List.of(),
                List.of("RIB"), null)), 1, 50, 10);
        String html = render("admin/impact.jte", "ui", FR, "info", INFO, "run", done, "results", results, "changes",
                changes, "chart", ImpactPage.Chart.of(bands()), "errors", noErrors, "from", "2026-09-01", "to",
                "2026-10-30", "path", "/admin/dispositifs/vocational-training/0.9.0/impact");
        assertTrue(html.contains("Sur 100 demandes rejouées, 10 changent : 0 deviennent éligibles et 4 ne le sont plus."),
                html);
        assertTrue(html.contains("<svg role=\"img\" aria-labelledby=\"graphique-titre graphique-texte\""), html);
        assertTrue(html.contains("<title id=\"graphique-titre\">"), html);
        // the tallest bar is the "no change" band; each bar says its count in text
        assertTrue(html.contains(">90</text>") && html.contains(">6</text>"), html);
        assertTrue(html.contains("<th scope=\"row\">Aucun changement</th><td>90</td>"), html);
        assertTrue(html.contains("<th scope=\"col\">Écart de montant</th>"), html);
        assertTrue(html.contains("La formation est trop courte"), html);
        assertTrue(html.contains("Relevé d&#39;identité &lt;bancaire&gt;") || html.contains("Relevé d'identité &lt;bancaire&gt;"),
                html);
        assertTrue(html.contains("septembre 2026"), html);
        assertTrue(html.contains("VT-2026-0000041") && html.contains("Accordée") && html.contains("oui → non"), html);
        assertTrue(html.contains("/impact/export.csv"), html);
        assertFalse(html.contains("<progress"), "no progress once done");
        String en = render("admin/impact.jte", "ui", EN, "info", INFO, "run", done, "results", results, "changes",
                changes, "chart", ImpactPage.Chart.of(bands()), "errors", noErrors, "from", "2026-09-01", "to",
                "2026-10-30", "path", "/admin/dispositifs/vocational-training/0.9.0/impact");
        assertTrue(en.contains("Of 100 applications replayed, 10 change"), en);
    }

    @Test
    void theSchemesPageOffersTheImpactOfACandidateVersionOnly() {
        List<SchemeInfo> schemes = List.of(INFO, new SchemeInfo("vocational-training", "1.0.0", SchemeState.ACTIVE,
                new LocalizedText("Formation", null), 2, "org.guichet.vt", "1.0.0", Instant.now(), 1L, List.of(),
                List.of()));
        String html = render("admin/schemes.jte", "ui", FR, "schemes", schemes, "admin", true, "errors", noErrors,
                "impact", java.util.Set.of("vocational-training@0.9.0"));
        assertTrue(html.contains("<a href=\"/admin/dispositifs/vocational-training/0.9.0/impact\">Mesurer l&#39;impact"
                + " de la version 0.9.0</a>") || html.contains("/admin/dispositifs/vocational-training/0.9.0/impact\">"
                + "Mesurer l'impact de la version 0.9.0</a>"), html);
        assertFalse(html.contains("1.0.0/impact"), "the version new dossiers get has no impact to measure");
    }

    @Test
    void bandsInWords() {
        assertEquals("Aucun changement", ImpactPage.band(FR, BigDecimal.ZERO, BigDecimal.ZERO));
        assertTrue(ImpactPage.band(FR, null, new BigDecimal("-1000")).endsWith("ou moins"));
        assertEquals("≥ 1000", ImpactPage.shortBand(new BigDecimal("1000"), null));
        assertEquals("−500 à −100", ImpactPage.shortBand(new BigDecimal("-500"), new BigDecimal("-100")));
        ImpactPage.Chart c = ImpactPage.Chart.of(bands());
        assertEquals(9, c.bars().size());
        assertEquals(160, c.bars().get(4).height(), "the largest count is the full height");
        assertEquals(0, c.bars().get(1).height());
    }
}
