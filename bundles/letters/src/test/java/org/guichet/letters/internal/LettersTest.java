package org.guichet.letters.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.guichet.api.letters.CreditTransfer;
import org.guichet.api.letters.DecisionLetter;
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
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("2 582,76 €"), text);
            assertTrue(text.contains("septembre 2026 : 266,33 €"), text);
            assertTrue(text.contains("Objet : votre demande"), text);
            assertEquals("Décision VT-2026-000001", doc.getDocumentInformation().getTitle());
        }
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
