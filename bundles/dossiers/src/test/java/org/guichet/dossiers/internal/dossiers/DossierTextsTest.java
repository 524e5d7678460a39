package org.guichet.dossiers.internal.dossiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.guichet.api.dossiers.Receipt;
import org.junit.jupiter.api.Test;

class DossierTextsTest {
    @Test
    void referencePrefixesFromSchemeIds() {
        assertEquals("VT", OpenDossier.referencePrefix("vocational-training"));
        assertEquals("DL", OpenDossier.referencePrefix("driving-licence"));
        assertEquals("BAFA", OpenDossier.referencePrefix("bafa"));
    }

    @Test
    void fileNamesLoseTheirPathAndControlCharacters() {
        assertEquals("rib.pdf", Documents.cleanFileName("C:\\Users\\lea\\rib.pdf", "BANK", "application/pdf"));
        assertEquals("passwd", Documents.cleanFileName("../../etc/passwd", "X", "application/pdf"));
        assertEquals("identity.jpg", Documents.cleanFileName("", "IDENTITY", "image/jpeg"));
    }

    @Test
    void theReceiptTextIsPlainFrench() {
        Receipt r = new Receipt("AR-VT-2026-000001", "VT-2026-000001", Instant.parse("2026-11-28T16:05:00Z"),
                "vocational-training", "1.0.0", "Aide à la formation", "Léa", true, new BigDecimal("2582.76"),
                List.of("Votre date de naissance : 10/03/2001"), List.of("Pièce d'identité : id.pdf"));
        String text = Submission.receiptText(r, org.guichet.dossiers.internal.Words.french());
        assertTrue(text.contains("le 28/11/2026 à 17:05"), text);
        assertTrue(text.contains("2 582,76 €"), text);
        assertTrue(text.contains("- Pièce d'identité : id.pdf"), text);
    }

    @Test
    void theReceiptTextInEnglish() {
        Receipt r = new Receipt("AR-VT-2026-000001", "VT-2026-000001", Instant.parse("2026-11-28T16:05:00Z"),
                "vocational-training", "1.0.0", "Training aid", "Léa", true, new BigDecimal("2582.76"),
                List.of("Your date of birth: 10/03/2001"), List.of("Identity document: id.pdf"));
        String text = Submission.receiptText(r, org.guichet.dossiers.internal.Words.of("en"));
        assertTrue(text.startsWith("Your application \"Training aid\" was sent on 28 November 2026 at 17:05."), text);
        assertTrue(text.contains("(estimated amount: €2,582.76)"), text);
        assertTrue(text.contains("Your documents:\n- Identity document: id.pdf"), text);
    }
}
