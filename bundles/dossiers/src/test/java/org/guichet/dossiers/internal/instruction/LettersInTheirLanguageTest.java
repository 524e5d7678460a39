package org.guichet.dossiers.internal.instruction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.guichet.api.accounts.Account;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.letters.LetterText;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.Refusals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mails and letters in the language kept on the applicant's account; the decision letter's text for a page, the same
 * words as its PDF, with the download's access rules.
 */
class LettersInTheirLanguageTest {
    static Guichet g;

    @BeforeAll
    static void start() {
        g = new Guichet();
    }

    @AfterAll
    static void stop() {
        g.close();
    }

    @Test
    void signingUpInEnglishKeepsEnglishForHerMails() {
        Account en = g.accounts.signUp("amy@example.org", "purple kettle hums beside quiet harbours", "Amy", "en");
        assertEquals("en", en.language());
        OutgoingMail activation = g.portal.mail().to("amy@example.org", "ACTIVATION").get(0);
        assertEquals("Confirm your address to open your account", activation.subject());
        assertTrue(activation.text().contains("/compte/activer?lang=en&jeton="), "the page opens in English: "
                + activation.text());
        assertEquals("en", g.accounts.findByEmail("amy@example.org").orElseThrow().language());
        g.accounts.sendSignInCode("amy@example.org");
        assertTrue(g.portal.mail().last("amy@example.org").orElseThrow().subject().startsWith("Your code to sign in: "));

        Account fr = g.accounts.signUp("zoe@example.fr", "purple kettle hums beside quiet harbours", "Zoé");
        assertEquals("fr", fr.language());
        OutgoingMail français = g.portal.mail().to("zoe@example.fr", "ACTIVATION").get(0);
        assertEquals("Confirmez votre adresse pour ouvrir votre compte", français.subject());
        assertTrue(français.text().contains("/compte/activer?jeton="), français.text());
    }

    @Test
    void theDecisionLetterIsInHerLanguageAsPdfAndAsTextWithTheDownloadsAccessRules() throws Exception {
        Caller amy = g.applicant("Amyletter", "en");
        Caller agent = g.agent("Vtagentletter", Guichet.VT);
        Dossier d = g.takenDossier(amy, agent);
        assertTrue(g.portal.mail().to(amy.email(), "RECEIPT").get(0).subject().equals("Your application has been sent"));
        Decision x = g.instruction.decide(agent, d.id(), InstructionUseCasesTest.grant(null, null));

        OutgoingMail mail = g.portal.mail().to(amy.email(), "DECISION").get(0);
        assertEquals("Decision on your application " + d.reference(), mail.subject());
        assertTrue(mail.text().contains("The Region grants you the aid"), mail.text());
        assertTrue(mail.text().contains("- September 2026: €"), mail.text());

        LetterText text = g.instruction.decisionLetterText(amy, d.id(), x.id());
        assertEquals("en", text.language());
        assertTrue(text.title().startsWith("Decision on your application \""), text.title());
        assertTrue(text.title().endsWith("file " + d.reference()), text.title());
        assertTrue(text.blocks().contains(LetterText.Block.heading("If you do not agree")), text.toString());
        assertTrue(text.blocks().stream().anyMatch(b -> b.paragraph() && b.text().contains("within two months")
                && b.text().contains(d.reference())), "the right to ask for a review, how, and the file number");
        LetterText.Block installments = text.blocks().stream().filter(LetterText.Block::list).findFirst().orElseThrow();
        assertTrue(installments.items().get(0).startsWith("September 2026: €"), installments.toString());
        assertTrue(text.blocks().stream().anyMatch(b -> b.paragraph() && b.text().startsWith("How the amount is")),
                "the explanation was written in her language at the decision: " + text);

        // the PDF says the same words, tagged in English
        DocumentContent pdf = g.instruction.decisionLetter(amy, d.id(), x.id());
        try (InputStream in = Files.newInputStream(pdf.path()); PDDocument doc = Loader.loadPDF(in.readAllBytes())) {
            assertEquals("en", doc.getDocumentCatalog().getLanguage());
            assertEquals(text.title(), doc.getDocumentInformation().getTitle());
            assertTrue(doc.getDocumentCatalog().getStructureTreeRoot() != null);
            String said = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            for (LetterText.Block b : text.blocks()) {
                for (String words : b.list() ? b.items() : List.of(b.text())) {
                    assertTrue(said.contains(words), words + " in " + said);
                }
            }
        }

        // who may download the PDF may read the text; nobody else, and only a decision of this dossier
        assertEquals(text, g.instruction.decisionLetterText(agent, d.id(), x.id()));
        Caller stranger = g.applicant("Strangerletter");
        assertEquals("DOSSIER_NOT_FOUND", Refusals.code(() -> g.instruction.decisionLetterText(stranger, d.id(), x.id())));
        assertEquals("DOSSIER_NOT_FOUND", Refusals.code(() -> g.instruction.decisionLetter(stranger, d.id(), x.id())));
        assertEquals("DECISION_NOT_FOUND", Refusals.code(() -> g.instruction.decisionLetterText(amy, d.id(), x.id() + 999)));
        Dossier other = g.takenDossier(g.applicant("Otherletter"), agent);
        assertEquals("DECISION_NOT_FOUND", Refusals.code(() -> g.instruction.decisionLetterText(agent, other.id(), x.id())));
    }

    @Test
    void aFrenchApplicantsRefusalLetterSaysWhyAndHowToAskForAReview() {
        Caller lea = g.applicant("Lealetter");
        Caller agent = g.agent("Vtagentletterfr", Guichet.VT);
        Dossier d = g.takenDossier(lea, agent);
        Decision x = g.instruction.decide(agent, d.id(), new DecisionRequest("REFUSED", null, "Formation annulée",
                List.of("Formation annulée par l'organisme"), null, null));
        LetterText text = g.instruction.decisionLetterText(lea, d.id(), x.id());
        assertEquals("fr", text.language());
        assertTrue(text.title().startsWith("Décision sur votre demande « "), text.title());
        assertTrue(text.blocks().contains(LetterText.Block.paragraph("La Région ne peut pas vous accorder l'aide.")));
        assertTrue(text.blocks().contains(LetterText.Block.heading("Pourquoi")), text.toString());
        assertTrue(text.blocks().contains(LetterText.Block.list(List.of("Formation annulée par l'organisme"))),
                text.toString());
        assertTrue(text.blocks().contains(LetterText.Block.heading("Si vous n'êtes pas d'accord")), text.toString());
        assertTrue(text.blocks().stream().anyMatch(b -> b.paragraph() && b.text().contains("dans les deux mois")));
        assertTrue(text.blocks().contains(LetterText.Block.paragraph("Précision de l'agent : Formation annulée")));
    }
}
