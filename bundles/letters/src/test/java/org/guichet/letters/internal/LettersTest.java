package org.guichet.letters.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.text.PDFTextStripper;
import org.guichet.api.letters.CreditTransfer;
import org.guichet.api.letters.DecisionLetter;
import org.guichet.api.letters.LetterText;
import org.guichet.api.letters.SepaWriter.Debtor;
import org.junit.jupiter.api.Test;

class LettersTest {
    static final Debtor REGION = new Debtor("Région Île-de-Demo", "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP");

    @Test
    void aDecisionLetterIsAPdfThatSaysTheAmountAndTheInstallments() throws Exception {
        byte[] pdf = new PdfLetterRenderer().decisionLetter(new DecisionLetter("VT-2026-000001",
                "Aide financière à la formation professionnelle", "Léa Martin", "lea@example.fr", LocalDate.of(2026, 11, 28),
                true, new BigDecimal("2582.76"), List.of("septembre 2026 : 266,33 €", "octobre 2026 : 470,00 €"),
                "Vous recevez 470 € par mois : 350 € selon vos revenus, 60 € pour les repas, 60 € pour vos trajets.",
                null, "Léa Martin", "Camille Agent", null));
        assertTrue(new String(pdf, 0, 8, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("2 582,76 €"), text);
            assertTrue(text.contains("septembre 2026 : 266,33 €"), text);
            assertTrue(text.contains("Décision sur votre demande « Aide financière à la formation professionnelle »,"
                    + " dossier VT-2026-000001"), text);
            assertTrue(text.contains("dans les deux mois"), "the right to ask for a review: " + text);
            assertEquals("Décision sur votre demande « Aide financière à la formation professionnelle », dossier"
                    + " VT-2026-000001", doc.getDocumentInformation().getTitle());
        }
    }

    static DecisionLetter granted(String language) {
        return new DecisionLetter("VT-2026-000001", "Aide à la formation", "Léa Martin", "lea@example.fr",
                LocalDate.of(2026, 11, 28), true, new BigDecimal("2582.76"),
                List.of("septembre 2026 : 266,33 €", "octobre 2026 : 470,00 €"), "Comment le montant est calculé.",
                null, "Léa Martin", "Camille Agent", null, language);
    }

    @Test
    void theLetterIsATaggedPdfWithItsLanguageAndTitle() throws Exception {
        byte[] pdf = new PdfLetterRenderer().decisionLetter(granted("fr"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            assertEquals("fr", catalog.getLanguage());
            assertTrue(catalog.getMarkInfo() != null && catalog.getMarkInfo().isMarked(), "/MarkInfo /Marked true");
            assertTrue(catalog.getViewerPreferences().displayDocTitle(), "DisplayDocTitle");
            String title = "Décision sur votre demande « Aide à la formation », dossier VT-2026-000001";
            assertEquals(title, doc.getDocumentInformation().getTitle());
            String xmp = new String(catalog.getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertTrue(xmp.contains("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + title), xmp);

            PDStructureTreeRoot root = catalog.getStructureTreeRoot();
            assertTrue(root != null, "a structure tree");
            assertTrue(root.getParentTree() != null, "a parent tree");
            List<String> types = new ArrayList<>();
            collect(root.getKids(), types);
            assertEquals("Document", types.get(0));
            assertEquals("H1", types.get(1), "the title first: " + types);
            assertTrue(types.containsAll(List.of("H2", "P", "L", "LI", "Lbl", "LBody")), types.toString());
            assertEquals(1, types.stream().filter("H1"::equals).count(), types.toString());
            // every page says which structure elements its marked content belongs to
            for (PDPage page : doc.getPages()) {
                assertTrue(page.getStructParents() >= 0);
            }
            assertTrue(doc.getPage(0).getResources().getFont(doc.getPage(0).getResources().getFontNames()
                    .iterator().next()).isEmbedded(), "the font is embedded");
        }
    }

    private static void collect(List<Object> kids, List<String> types) {
        for (Object k : kids) {
            if (k instanceof PDStructureElement e) {
                types.add(e.getStructureType());
                collect(e.getKids(), types);
            }
        }
    }

    @Test
    void aLetterInEnglishSaysItInEnglishAndHasTheSameTextAsHtml() throws Exception {
        PdfLetterRenderer r = new PdfLetterRenderer();
        LetterText text = r.decisionLetterText(granted("en"));
        assertEquals("en", text.language());
        assertEquals("Decision on your application \"Aide à la formation\", file VT-2026-000001", text.title());
        assertTrue(text.blocks().contains(LetterText.Block.paragraph(
                "The Region grants you the aid, for a total amount of €2,582.76.")), text.toString());
        assertTrue(text.blocks().stream().anyMatch(b -> b.paragraph() && b.text().contains("within two months")),
                "the right to ask for a review, and how");
        assertTrue(text.blocks().contains(LetterText.Block.list(List.of("septembre 2026 : 266,33 €",
                "octobre 2026 : 470,00 €"))), text.toString());
        try (PDDocument doc = Loader.loadPDF(r.decisionLetter(granted("en")))) {
            assertEquals("en", doc.getDocumentCatalog().getLanguage());
            String pdfText = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            for (LetterText.Block b : text.blocks()) {
                for (String words : b.list() ? b.items() : List.of(b.text())) {
                    assertTrue(pdfText.contains(words), "the PDF says what the HTML says: " + words + "\n" + pdfText);
                }
            }
        }
    }

    @Test
    void aLineNeverBreaksBeforeTheEuroSignOrAColon() {
        assertEquals(List.of("Repas", "60,00 €.", "Objet :", "« x »"), PdfLetterRenderer.words("Repas 60,00 €. Objet : « x »"));
    }

    @Test
    void bothLanguagesHaveTheSameWords() throws Exception {
        Properties fr = new Properties();
        Properties en = new Properties();
        try (var a = getClass().getResourceAsStream("/org/guichet/letters/letters.properties");
                var b = getClass().getResourceAsStream("/org/guichet/letters/letters_en.properties")) {
            fr.load(new java.io.InputStreamReader(a, StandardCharsets.UTF_8));
            en.load(new java.io.InputStreamReader(b, StandardCharsets.UTF_8));
        }
        assertEquals(new TreeSet<>(fr.stringPropertyNames()), new TreeSet<>(en.stringPropertyNames()));
        for (String key : fr.stringPropertyNames()) {
            assertEquals(placeholders(fr.getProperty(key)), placeholders(en.getProperty(key)), key);
        }
    }

    static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{[A-Za-z]+\\}").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void aRefusalGivesItsReasonsAndLongTextsWrapOntoMorePages() throws Exception {
        String longText = "Une phrase assez longue pour remplir la ligne et passer à la suivante. ".repeat(120);
        byte[] pdf = new PdfLetterRenderer().decisionLetter(new DecisionLetter("DL-2026-000002", "Aide au permis",
                "Yanis", "y@example.fr", LocalDate.of(2026, 11, 28), false, null,
                List.of("Vous aviez plus de 25 ans le jour de la demande."), longText, null, null, "Camille", "3 novembre 2026"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() > 1);
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("ne peut pas vous accorder"), text);
            assertTrue(text.contains("plus de 25 ans"), text);
            assertTrue(text.contains("remplace la décision du 3 novembre 2026"), text);
        }
    }

    @Test
    void aSepaFileValidatesAgainstTheSchemaAndAddsUp() {
        SepaCreditTransferWriter w = new SepaCreditTransferWriter();
        byte[] xml = w.creditTransfers("GUICHET-20261210-1", Instant.parse("2026-12-01T09:00:00Z"), LocalDate.of(2026, 12, 10),
                REGION, List.of(
                        new CreditTransfer("VT-2026-000001-2026-09", "Léa Martin", "FR14 2004 1010 0505 0001 3M02 606", null,
                                new BigDecimal("266.33"), "Aide formation septembre 2026 VT-2026-000001"),
                        new CreditTransfer("DL-2026-000001-2026-03", "Auto-école Étoile", "DE89370400440532013000",
                                "COBADEFFXXX", new BigDecimal("1200.00"), "Aide permis DL-2026-000001")));
        String s = new String(xml, StandardCharsets.UTF_8);
        assertTrue(s.contains("<CtrlSum>1466.33</CtrlSum>"), s);
        assertTrue(s.contains("<NbOfTxs>2</NbOfTxs>"), s);
        assertTrue(s.contains("<Nm>Auto-ecole Etoile</Nm>"), "SEPA characters only: " + s);
        assertTrue(s.contains("<IBAN>FR1420041010050500013M02606</IBAN>"), s);
        assertTrue(s.contains("<EndToEndId>VT-2026-000001-2026-09</EndToEndId></PmtId><Amt><InstdAmt Ccy=\"EUR\">266.33"
                + "</InstdAmt></Amt><Cdtr>"), "no creditor agent without a BIC: " + s);
        byte[] noBic = w.creditTransfers("M2", Instant.parse("2026-12-01T09:00:00Z"), LocalDate.of(2026, 12, 10),
                new Debtor("Region", "FR7630006000011234567890189", null), List.of(new CreditTransfer("E1", "Lea",
                        "FR1420041010050500013M02606", null, new BigDecimal("10.00"), "r")));
        assertTrue(new String(noBic, StandardCharsets.UTF_8).contains("<DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id>"));
    }

    @Test
    void theSchemaRefusesABrokenFileAndBadIbansAreRefusedFirst() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SepaCreditTransferWriter.validate(
                ("<Document xmlns=\"" + SepaCreditTransferWriter.NS + "\"><CstmrCdtTrfInitn/></Document>").getBytes()));
        assertTrue(e.getMessage().contains("does not validate"), e.getMessage());
        SepaCreditTransferWriter w = new SepaCreditTransferWriter();
        assertNull(w.normaliseIban("FR76 3000 6000 0112 3456 7890 188"), "wrong check digits");
        assertEquals("FR7630006000011234567890189", w.normaliseIban("fr76 3000 6000 0112 3456 7890 189"));
        assertThrows(IllegalArgumentException.class, () -> w.creditTransfers("M", Instant.now(), LocalDate.now(), REGION,
                List.of(new CreditTransfer("E", "X", "FR0000", null, BigDecimal.TEN, "r"))));
        assertThrows(IllegalArgumentException.class, () -> w.creditTransfers("M", Instant.now(), LocalDate.now(), REGION,
                List.of(new CreditTransfer("E", "X", "DE89370400440532013000", null, new BigDecimal("-1"), "r"))));
    }
}
