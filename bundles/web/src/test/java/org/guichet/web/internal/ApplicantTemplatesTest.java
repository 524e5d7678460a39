package org.guichet.web.internal;

import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.ChecklistItem;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.dossiers.DossierSummary;
import org.guichet.api.dossiers.EnrolmentOffer;
import org.guichet.api.dossiers.LiveEvaluation;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.dossiers.Receipt;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.Reason;
import org.guichet.api.instruction.ThreadMessage;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.payments.Payment;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.api.scheme.DocumentDefinition;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.SchemeDescriptor;
import org.junit.jupiter.api.Test;

/**
 * The applicant's pages: every template renders in French and English, escapes what people typed, lands on what
 * happened after a form, shows answers, states, months and dates in words, and keeps the language before a link's
 * fragment.
 */
class ApplicantTemplatesTest {
    static final Ui FR = Samples.ui(Locale.FRENCH);
    static final Ui EN = Samples.ui(Locale.ENGLISH);
    static final PersonRef LEA = new PersonRef(7, "Léa <Martin>", "lea@example.fr");
    static final PersonRef CAMILLE = new PersonRef(9, "Camille Conseil", "camille@ml.example");
    static final Instant SENT = Instant.parse("2026-09-14T07:30:00Z");

    static SchemeDescriptor scheme() {
        SchemeDescriptor s = Samples.scheme();
        return new SchemeDescriptor(s.id(), s.version(), s.title(), s.summary(), s.description(), s.filers(), s.payee(),
                s.recurring(), s.fields(), List.of(new DocumentDefinition("ID", Samples.text("Pièce d'identité", null),
                        Samples.text("Pour savoir qui vous êtes", null), List.of("application/pdf"), 10_000_000L)),
                s.reasons(), s.steps());
    }

    static Map<String, Object> answers() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("birthDate", "2001-03-10");
        a.put("jobSeeker", Boolean.TRUE);
        a.put("programme", "QUALIF_EMPLOI");
        return a;
    }

    static Dossier dossier(DossierState state, LiveEvaluation live, Receipt receipt) {
        return new Dossier(1, "VT-2026-000001", "vocational-training", "1.0.0", "Aide <formation>", state, LEA, LEA,
                null, answers(), Map.of("programme", "ORGANISATION:12"), List.of(new DossierDocument(31, "ID",
                        "carte <id>.pdf", "application/pdf", 52_000, "abc", SENT, LEA, "APPLICANT")), live, null,
                receipt, List.of(), 3, SENT, SENT);
    }

    static LiveEvaluation incomplete() {
        return new LiveEvaluation(false, null, List.of(new AnswerError("hours", "REQUIRED", "Indiquez les heures"),
                new AnswerError("birthDate", "REQUIRED", "Indiquez votre date de naissance")), List.of(
                new ChecklistItem("ID", "Pièce d'identité", "Pour savoir qui vous êtes", true),
                new ChecklistItem("RIB", "RIB <à votre nom>", "Pour vous payer", false)), null);
    }

    static Receipt receipt() {
        return new Receipt("AR-VT-2026-000001", "VT-2026-000001", SENT, "vocational-training", "1.0.0", "Aide",
                "Léa", true, new BigDecimal("750"), List.of("Date de naissance : 10/03/2001"),
                List.of("Pièce d'identité : carte.pdf"));
    }

    static List<String> steps() {
        return ApplicationSteps.steps(scheme());
    }

    // ---- home

    @Test
    void homeListsHerApplicationsInWordsAndHerFormsLandOnTheirOutcome() {
        Caller lea = new Caller(7, "lea@example.fr", "Léa <Martin>", Set.of(Role.APPLICANT), null, Set.of());
        List<DossierSummary> mine = List.of(new DossierSummary(1, "VT-2026-000001", "vocational-training", "1.0.0",
                "Aide FR", DossierState.WAITING_COMPLEMENT, LEA, SENT, SENT, SENT));
        String fr = render("applicant/home.jte", "ui", FR, "caller", lea, "dossiers", mine, "schemes",
                Map.of("vocational-training", scheme()), "forMe", List.of(scheme()), "notice", "Fait");
        assertTrue(fr.contains("Léa &lt;Martin&gt;") && !fr.contains("<Martin>"), "escaped: " + fr);
        assertTrue(fr.contains("l'agent attend un complément de votre part"), "the state in words: " + fr);
        assertFalse(fr.contains("WAITING_COMPLEMENT"));
        assertTrue(fr.contains("href=\"/mes-demandes/1\""), fr);
        assertTrue(fr.contains("action=\"/mes-demandes/nouvelle#suite\""), fr);
        assertTrue(fr.contains("id=\"fait\""), "the notice is there: " + fr);
        assertTrue(fr.indexOf("id=\"suite\"") < fr.indexOf("<form"), "the outcome comes first");
        assertTrue(fr.contains("name=\"_csrf\" value=\"csrf-value\""));
        assertTrue(fr.contains("Quelle aide ? <span class=\"required\">(obligatoire)</span>"), fr);
        assertFalse(fr.contains("Demander un mandat"), "no mediator's form for an applicant");

        String en = render("applicant/home.jte", "ui", EN, "caller", lea, "dossiers", mine, "schemes", Map.of(),
                "forMe", List.of(scheme()));
        assertTrue(en.contains("href=\"/mes-demandes/1?lang=en\""), en);
        assertTrue(en.contains("<span lang=\"fr\">Aide FR</span>"), "a French-only title is marked: " + en);
        assertTrue(en.contains("action=\"/mes-demandes/nouvelle?lang=en#suite\""), en);
        assertTrue(en.contains("the agent is waiting for something from you"), en);
    }

    @Test
    void aMediatorSeesThePeopleSheHelpsAndAsksForAMandateWithEveryErrorAtItsField() {
        Caller camille = new Caller(9, "camille@ml.example", "Camille", Set.of(Role.MEDIATOR), 3L, Set.of());
        List<Mandate> held = List.of(new Mandate(4, CAMILLE, 3L, "Mission locale", new PersonRef(11, "Yanis <B>",
                "yanis@example.fr"), "ACTIVE", "EMAIL_CONFIRMATION", null, SENT, SENT, null));
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("applicantEmail", "Adresse invalide");
        for (Ui ui : List.of(FR, EN)) {
            String html = render("applicant/home.jte", "ui", ui, "caller", camille, "dossiers", List.of(), "schemes",
                    Map.of(), "held", held, "forPeople", List.of(scheme()), "errors", errors, "typed",
                    Map.of("applicantEmail", "yanis@", "applicantName", "Yanis"));
            assertTrue(html.contains("Yanis &lt;B&gt;"), html);
            assertTrue(html.contains("id=\"schemeId-pour\""), html);
            assertTrue(html.contains("href=\"#applicantEmail\""), "the summary links to the field: " + html);
            assertTrue(html.contains("aria-invalid=\"true\"") && html.contains("value=\"yanis@\""), html);
            assertTrue(html.contains("action=\"" + ui.href("/mes-demandes/mandat#suite") + "\""), html);
            assertTrue(html.contains(ui.english() ? "(optional)" : "(facultatif)"), "the name is optional: " + html);
        }
    }

    // ---- steps

    @Test
    void aStepHasItsTitleItsProgressAndEveryErrorAtOnce() {
        SchemeDescriptor s = scheme();
        List<String> steps = steps();
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("programme", "Choisissez un programme");
        errors.put("hours", "Un nombre d'heures");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("programme", "QUALIF_EMPLOI");
        values.put("hours", "six <cents>");
        String fr = render("applicant/step.jte", "ui", FR, "d", dossier(DossierState.DRAFT, incomplete(), null), "s", s,
                "steps", steps, "n", 3, "fields", ApplicationSteps.fieldsOf(s, steps, 3), "values", values, "errors",
                errors);
        assertTrue(fr.contains("<title>Erreur — Étape 3 sur 3 : Votre formation — Aide &lt;formation&gt; — Guichet"),
                fr);
        assertTrue(fr.contains("<li aria-current=\"step\"><a href=\"/mes-demandes/1/etape/3\">3. Votre formation</a>"),
                fr);
        assertTrue(fr.indexOf("href=\"#programme\"") < fr.indexOf("href=\"#hours\""), "all errors, in order: " + fr);
        assertTrue(fr.contains("action=\"/mes-demandes/1/etape/3#suite\""), fr);
        assertTrue(fr.contains("value=\"six &lt;cents>\""), "typed text kept, escaped: " + fr);
        assertTrue(fr.contains("value=\"QUALIF_EMPLOI\" checked"), fr);
        assertTrue(fr.contains("(obligatoire)") && fr.contains("aria-required=\"true\""), fr);
        assertTrue(fr.contains("Réponse donnée par votre organisme de formation"), fr);
        assertTrue(fr.contains("name=\"go\" value=\"back\""), fr);
        assertTrue(fr.contains("Enregistrer et passer aux documents"), "the last step leads to the documents");

        String en = render("applicant/step.jte", "ui", EN, "d", dossier(DossierState.DRAFT, incomplete(), null), "s", s,
                "steps", steps, "n", 1, "fields", ApplicationSteps.fieldsOf(s, steps, 1), "values",
                Map.of("birthDate", "2001-03-10"));
        assertTrue(en.contains("<title>Step 1 of 3: You — Training &lt;aid&gt; — Guichet"), en);
        assertTrue(en.contains("action=\"/mes-demandes/1/etape/1?lang=en#suite\""), en);
        assertTrue(en.contains("href=\"/mes-demandes/1/documents?lang=en\""), en);
        assertTrue(en.contains("value=\"10/03/2001\""), en);
        assertFalse(en.contains("name=\"go\" value=\"back\""), "no way back from the first step");
    }

    /** The scheme with jobSeeker from FRANCE_TRAVAIL, and a certificate it replaces. */
    static SchemeDescriptor sourcedScheme() {
        SchemeDescriptor s = Samples.scheme();
        List<FieldDefinition> fields = s.fields().stream().map(f -> !f.name().equals("jobSeeker") ? f
                : new FieldDefinition(f.name(), f.type(), f.step(), f.label(), f.help(), f.required(), f.requiredWhen(),
                        f.min(), f.minExclusive(), f.max(), f.after(), f.choices(), f.decimals(),
                        AnswerSource.FRANCE_TRAVAIL, "registered")).toList();
        return new SchemeDescriptor(s.id(), s.version(), s.title(), s.summary(), s.description(), s.filers(), s.payee(),
                s.recurring(), fields, List.of(new DocumentDefinition("FT", Samples.text("Attestation <France Travail>",
                        "France Travail certificate"), Samples.text("Pour voir", "To see"), List.of("application/pdf"),
                        10_000_000L, List.of("jobSeeker"))), s.reasons(), s.steps());
    }

    @Test
    void aStepOffersToAskTheAdministrationWithConsentAndShowsItsAnswersReadOnly() {
        SchemeDescriptor s = sourcedScheme();
        List<String> steps = ApplicationSteps.steps(s);
        List<FieldDefinition> fields = ApplicationSteps.fieldsOf(s, steps, 2);
        Dossier d = dossier(DossierState.DRAFT, incomplete(), null);
        var blocks = ApplicationSteps.sourceBlocks(FR, d, s, fields, Set.of(AnswerSource.FRANCE_TRAVAIL,
                AnswerSource.DGFIP), AnswerSource.FRANCE_TRAVAIL, "France Travail ne trouve personne <ici>.",
                Map.of("jobSeekerId", "lea<1>"));
        assertEquals(1, blocks.size(), "DGFIP answers nothing on this step: " + blocks);
        String fr = render("applicant/step.jte", "ui", FR, "d", d, "s", s, "steps", steps, "n", 2, "fields", fields,
                "values", Map.of("jobSeeker", true), "sources", blocks);
        assertTrue(fr.contains("Gagnez du temps : demandez vos informations à France Travail"), fr);
        assertTrue(fr.contains("<li>Inscrit à France Travail ?</li>"), "what is fetched: " + fr);
        assertTrue(fr.contains("Vous n'aurez pas à donner : Attestation &lt;France Travail&gt;."), "what it spares: " + fr);
        assertTrue(fr.contains("action=\"/mes-demandes/1/etape/2/source/FRANCE_TRAVAIL#source-FRANCE_TRAVAIL\""), fr);
        assertTrue(fr.contains("name=\"consent\" value=\"oui\">") && !fr.contains("value=\"oui\" checked"),
                "consent is never ticked for her: " + fr);
        assertTrue(fr.contains("name=\"jobSeekerId\" value=\"lea&lt;1>\""), "what she typed, escaped: " + fr);
        assertTrue(fr.contains("role=\"alert\" id=\"source-FRANCE_TRAVAIL-erreur\">France Travail ne trouve personne"
                + " &lt;ici&gt;."), fr);
        assertTrue(fr.contains("Vous préférez répondre vous-même ?"), "the old way stays open: " + fr);
        assertTrue(fr.indexOf("id=\"source-FRANCE_TRAVAIL\"") < fr.indexOf("name=\"jobSeeker\""), fr);

        // once France Travail answered: no more offer, the answer read-only and said so
        Dossier fetched = new Dossier(d.id(), d.reference(), d.schemeId(), d.schemeVersion(), d.schemeTitle(),
                d.state(), d.applicant(), d.createdBy(), d.mandateId(), d.answers(),
                Map.of("jobSeeker", "FRANCE_TRAVAIL:2026-12-02T09:15:00Z"), d.documents(), d.live(), null, null,
                List.of(), 4, SENT, SENT);
        assertEquals(List.of(), ApplicationSteps.sourceBlocks(FR, fetched, s, fields, Set.of(AnswerSource.FRANCE_TRAVAIL),
                null, null, Map.of()));
        String after = render("applicant/step.jte", "ui", EN, "d", fetched, "s", s, "steps", steps, "n", 2, "fields",
                fields, "values", Map.of("jobSeeker", true), "notice", "The answers from France Travail have arrived");
        assertTrue(after.contains("value=\"true\" checked disabled"), after);
        assertTrue(after.contains("Answer given by France Travail, with your consent: it cannot be changed here."), after);
        assertFalse(after.contains("source-FRANCE_TRAVAIL"), after);
        assertTrue(after.contains("role=\"status\""), after);
        // nor offered after submission
        assertEquals(List.of(), ApplicationSteps.sourceBlocks(FR, dossier(DossierState.SUBMITTED, null, null), s,
                fields, Set.of(AnswerSource.FRANCE_TRAVAIL), null, null, Map.of()));
    }

    @Test
    void signedInWithFranceConnectTheBlockAsksNoIdentifierAndTheHandOverPageGoesToTheProvider() {
        SchemeDescriptor s = sourcedScheme();
        List<String> steps = ApplicationSteps.steps(s);
        List<FieldDefinition> fields = ApplicationSteps.fieldsOf(s, steps, 2);
        Dossier d = dossier(DossierState.DRAFT, incomplete(), null);
        var blocks = ApplicationSteps.sourceBlocks(FR, d, s, fields, Set.of(AnswerSource.FRANCE_TRAVAIL),
                null, null, Map.of(), Set.of(AnswerSource.FRANCE_TRAVAIL));
        assertEquals(1, blocks.size());
        assertTrue(blocks.get(0).franceConnect() && blocks.get(0).identifiers().isEmpty(), blocks.toString());
        String fr = render("applicant/step.jte", "ui", FR, "d", d, "s", s, "steps", steps, "n", 2, "fields", fields,
                "values", Map.of(), "sources", blocks);
        assertFalse(fr.contains("name=\"jobSeekerId\""), "no identifier to type: " + fr);
        assertTrue(fr.contains("Vous êtes connectée avec FranceConnect : vous n'avez rien à écrire."), fr);
        assertTrue(fr.contains("Demander à France Travail avec FranceConnect"), fr);
        assertTrue(fr.contains("<li>Inscrit à France Travail ?</li>") && fr.contains("name=\"consent\" value=\"oui\">"),
                "what, from whom, and the tick, as ever: " + fr);
        String en = render("applicant/step.jte", "ui", EN, "d", d, "s", s, "steps", steps, "n", 2, "fields", fields,
                "values", Map.of(), "sources", blocks);
        assertTrue(en.contains("Ask France Travail through FranceConnect"), en);

        String going = render("applicant/toFranceConnect.jte", "ui", FR, "location",
                "https://fc.example/authorize?a=1&state=\"x\"", "who", "France Travail");
        assertTrue(going.contains("<meta http-equiv=\"refresh\" content=\"0;url=https://fc.example/authorize?a=1&amp;state=&#34;x&#34;\">"),
                going);
        assertTrue(going.contains("<a class=\"button\" href=\"https://fc.example/authorize?a=1&amp;state=&#34;x&#34;\">"
                + "Continuer vers FranceConnect</a>"), going);
        // a person signed in by email keeps the identifiers
        var mail = ApplicationSteps.sourceBlocks(FR, d, s, fields, Set.of(AnswerSource.FRANCE_TRAVAIL), null, null,
                Map.of(), Set.of());
        assertEquals(List.of("jobSeekerId"), mail.get(0).identifiers());
    }

    @Test
    void stepTitlesComeFromTheSchemeDescriptorElseFromTheStepIdInWords() {
        var d = Samples.scheme();
        var withSteps = new org.guichet.api.scheme.SchemeDescriptor(d.id(), d.version(), d.title(), d.summary(),
                d.description(), d.filers(), d.payee(), d.recurring(), d.fields(), d.documents(), d.reasons(),
                java.util.List.of(new org.guichet.api.scheme.StepDefinition("young-person",
                        Samples.text("Le ou la jeune", "The young person"), null)));
        assertEquals("Le ou la jeune", ApplicationSteps.stepTitle(FR, withSteps, "young-person", 1));
        assertEquals("The young person", ApplicationSteps.stepTitle(EN, withSteps, "young-person", 1));
        assertEquals("Young person", ApplicationSteps.stepTitle(EN, d, "young-person", 1));
        assertEquals("Driving school fees", ApplicationSteps.stepTitle(FR, d, "driving_school-fees", 2));
        assertEquals("Monthly income", ApplicationSteps.stepTitle(EN, null, "monthlyIncome", 2));
        assertEquals("Questions 2", ApplicationSteps.stepTitle(FR, d, "", 2));
        assertEquals("aide accordée", ApplicantPages.stateText(Locale.FRENCH, "GRANTED"));
        assertEquals("being processed", ApplicantPages.stateText(Locale.ENGLISH, "SOMETHING_NEW"));
    }

    // ---- documents

    @Test
    void documentsSayWhyEachIsAskedAndTieAnErrorToItsFile() {
        Dossier d = dossier(DossierState.DRAFT, incomplete(), null);
        String fr = render("applicant/documents.jte", "ui", FR, "d", d, "s", scheme(), "steps", steps(), "checklist",
                d.live().checklist(), "errors", Map.of("file-2", "Ce fichier n'est pas accepté"), "removable", true);
        assertTrue(fr.contains("Pièce d'identité <span class=\"ok\">(donné)</span></h2>"), fr);
        assertTrue(fr.contains("RIB &lt;à votre nom&gt;"), fr);
        assertTrue(fr.contains("href=\"/mes-demandes/1/documents/31\">carte &lt;id&gt;.pdf</a> (51 Ko)"), fr);
        assertTrue(fr.contains("action=\"/mes-demandes/1/documents/31/supprimer\""), fr);
        assertTrue(fr.contains("enctype=\"multipart/form-data\" action=\"/mes-demandes/1/documents#suite\""), fr);
        assertTrue(fr.contains("href=\"#file-2\""), fr);
        assertTrue(fr.contains("id=\"file-2-erreur\"") && fr.contains("aria-describedby=\"file-2-erreur\""), fr);
        assertTrue(fr.contains("<li aria-current=\"step\"><a href=\"/mes-demandes/1/documents\">4. Documents"), fr);
        assertTrue(fr.contains("la liste exacte viendra avec vos réponses"), fr);

        String en = render("applicant/documents.jte", "ui", EN, "d", d, "s", scheme(), "steps", steps(), "checklist",
                d.live().checklist(), "notice", "Document received: carte.pdf", "removable", false);
        assertTrue(en.contains("id=\"fait\""), en);
        assertFalse(en.contains("/supprimer"), "nothing to remove once sent: " + en);
        assertTrue(en.contains("action=\"/mes-demandes/1/documents?lang=en#suite\""), en);
        assertTrue(en.contains("Review and send my application"), en);
    }

    // ---- review, receipt

    /** The same dossier, as a test dossier (staff trying a preview). */
    static Dossier test(Dossier d) {
        return new Dossier(d.id(), "ESSAI-2026-000001", d.schemeId(), "1.1.0", d.schemeTitle(), d.state(),
                d.applicant(), d.createdBy(), d.mandateId(), d.answers(), d.answerSources(), d.documents(), d.live(),
                d.submitted(), d.receipt(), d.history(), d.version(), d.createdAt(), d.updatedAt(), true);
    }

    @Test
    void everyPageOfATestDossierSaysSoAndItsReviewOffersNoSending() {
        SchemeDescriptor s = scheme();
        Dossier real = dossier(DossierState.DRAFT, incomplete(), null);
        Dossier t = test(real);
        String banner = "Dossier de test — version en prévisualisation, jamais proposée aux demandeurs";
        List<String> pages = List.of(
                render("applicant/step.jte", "ui", FR, "d", t, "s", s, "steps", steps(), "n", 1, "fields",
                        ApplicationSteps.fieldsOf(s, steps(), 1), "values", Map.of()),
                render("applicant/documents.jte", "ui", FR, "d", t, "s", s, "steps", steps(), "checklist",
                        t.live().checklist()),
                render("applicant/review.jte", "ui", FR, "d", t, "s", s, "steps", steps(), "missing",
                        ApplicationSteps.missing(FR, t, s, steps())),
                render("applicant/dossier.jte", "ui", FR, "d", t));
        for (String html : pages) {
            assertTrue(html.contains(banner), html);
        }
        String review = pages.get(2);
        assertFalse(review.contains("/envoyer"), "no sending: " + review);
        assertTrue(review.contains("il ne peut jamais être envoyé"), review);
        String en = render("applicant/step.jte", "ui", EN, "d", t, "s", s, "steps", steps(), "n", 1, "fields",
                ApplicationSteps.fieldsOf(s, steps(), 1), "values", Map.of());
        assertTrue(en.contains("Test dossier — preview version, never offered to applicants"), en);
        // an applicant's dossier: no banner, the sending button
        String hers = render("applicant/review.jte", "ui", FR, "d", real, "s", s, "steps", steps(), "missing",
                ApplicationSteps.missing(FR, real, s, steps()));
        assertFalse(hers.contains("Dossier de test"), hers);
        assertTrue(hers.contains("/mes-demandes/1/envoyer"), hers);
    }

    @Test
    void reviewShowsAnswersInWordsAndLinksToMissingAnswersKeepingTheLanguageBeforeTheFragment() {
        SchemeDescriptor s = scheme();
        Dossier d = dossier(DossierState.DRAFT, incomplete(), null);
        List<ApplicationSteps.Missing> missing = ApplicationSteps.missing(EN, d, s, steps());
        assertEquals("/mes-demandes/1/etape/1#birthDate", missing.get(1).href());
        assertEquals("/mes-demandes/1/etape/1?lang=en#birthDate", EN.href(missing.get(1).href()));
        String en = render("applicant/review.jte", "ui", EN, "d", d, "s", s, "steps", steps(), "missing", missing);
        assertTrue(en.contains("href=\"/mes-demandes/1/etape/1?lang=en#birthDate\""), en);
        assertTrue(en.contains("href=\"/mes-demandes/1/etape/3?lang=en#hours\""), en);
        assertFalse(en.contains("#birthDate?lang") || en.contains("#birthDatelang"), en);
        assertTrue(en.contains("10 March 2001") && en.contains("<dd>Yes</dd>") && en.contains("<dd>Qualif Emploi</dd>"),
                "answers in words: " + en);
        assertFalse(en.contains(">true<") || en.contains(">QUALIF_EMPLOI<") || en.contains("2001-03-10"), en);
        assertTrue(en.contains("<dd>No answer</dd>"), en);
        assertTrue(en.contains("<span lang=\"fr\">Pièce d'identité</span> : carte &lt;id&gt;.pdf"), en);
        assertTrue(en.contains("action=\"/mes-demandes/1/envoyer?lang=en#suite\""), en);

        LiveEvaluation complete = new LiveEvaluation(true, true, List.of(), List.of(new ChecklistItem("RIB", "RIB",
                "Pour vous payer", false)), Samples.eligible());
        Dossier ready = dossier(DossierState.DRAFT, complete, null);
        List<ApplicationSteps.Missing> docs = ApplicationSteps.missing(FR, ready, s, steps());
        String fr = render("applicant/review.jte", "ui", FR, "d", ready, "s", s, "steps", steps(), "missing", docs,
                "refusal", "La demande ne peut pas encore être envoyée");
        assertTrue(fr.contains("<title>Erreur — Vérifier et envoyer — Aide &lt;formation&gt;"), fr);
        assertTrue(fr.contains("role=\"alert\"") && fr.indexOf("id=\"suite\"") < fr.indexOf("id=\"erreurs\""), fr);
        assertTrue(fr.contains("<a href=\"/mes-demandes/1/documents\">Document manquant : RIB</a>"), fr);
        assertTrue(fr.contains("10 mars 2001") && fr.contains("<dd>Oui</dd>"), fr);
        assertTrue(fr.contains("septembre 2026"), "the result's months in words: " + fr);
    }

    @Test
    void receiptSaysItIsDoneWithTheAnswersInWords() {
        Dossier d = dossier(DossierState.SUBMITTED, null, receipt());
        String fr = render("applicant/receipt.jte", "ui", FR, "d", d, "r", d.receipt(), "s", scheme());
        assertTrue(fr.contains("<title>Votre demande est envoyée"), fr);
        assertTrue(fr.contains("14 septembre 2026 à 09:30"), "the moment in words, Paris time: " + fr);
        assertTrue(fr.contains("AR-VT-2026-000001") && fr.contains("10 mars 2001") && fr.contains("Qualif Emploi"), fr);
        assertTrue(fr.contains("href=\"/mes-demandes/1\">Suivre ma demande"), fr);
        String en = render("applicant/receipt.jte", "ui", EN, "d", d, "r", d.receipt(), "s", null);
        assertTrue(en.contains("14 September 2026 at 09:30"), en);
        assertTrue(en.contains("<ul lang=\"fr\">"), "the receipt's French lines are marked: " + en);
        assertTrue(en.contains("href=\"/mes-demandes/1?lang=en\">Follow my application"), en);
    }

    // ---- the dossier

    @Test
    void theWholeDecisionLetterIsOnTheDossierPageWithTheRightToAReview() {
        Dossier d = dossier(DossierState.GRANTED, null, receipt());
        Decision granted = new Decision(5, 1, "GRANTED", new BigDecimal("750.00"), new BigDecimal("750.00"), null,
                List.of(), List.of(), null, null, CAMILLE, SENT, null, 44L, "1.0.0");
        var letter = new org.guichet.api.letters.LetterText("fr", "Décision <aide>", List.of(
                org.guichet.api.letters.LetterText.Block.paragraph("L'aide vous est accordée."),
                org.guichet.api.letters.LetterText.Block.heading("Si vous n'êtes pas d'accord"),
                org.guichet.api.letters.LetterText.Block.list(List.of("Demander un réexamen dans les deux mois"))));
        String fr = render("applicant/dossier.jte", "ui", FR, "d", d, "decision", granted, "letter", letter,
                "payments", List.of());
        assertTrue(fr.contains("<section class=\"letter\" aria-labelledby=\"lettre\">"), fr);
        assertTrue(fr.contains("<h3 id=\"lettre\">Décision &lt;aide&gt;</h3>"), fr);
        assertTrue(fr.contains("<h4>Si vous n'êtes pas d'accord</h4>"), fr);
        assertTrue(fr.contains("<li>Demander un réexamen dans les deux mois</li>"), fr);
        String en = render("applicant/dossier.jte", "ui", EN, "d", d, "decision", granted, "letter", letter,
                "payments", List.of());
        assertTrue(en.contains("<section class=\"letter\" aria-labelledby=\"lettre\" lang=\"fr\">"),
                "a French letter on an English page is marked French: " + en);
    }

    @Test
    void dossierShowsDecisionPaymentsInWordsInAScrollingTableAndMessages() {
        Dossier d = dossier(DossierState.GRANTED, null, receipt());
        Decision granted = new Decision(5, 1, "GRANTED", new BigDecimal("750.00"), new BigDecimal("750.00"), null,
                List.of(new Reason("R1", "Formation qualifiante")), List.of(), "Vous avez droit à l'aide.", null,
                CAMILLE, SENT, null, 44L, "1.0.0");
        List<Payment> payments = List.of(
                new Payment(1, 1, "P1", "2026-09", new BigDecimal("250"), null, LocalDate.of(2026, 10, 10), "SCHEDULED",
                        null, null, null, null, "Léa", "FR76"),
                new Payment(2, 1, "P2", "2026-10", new BigDecimal("500"), new BigDecimal("480"),
                        LocalDate.of(2026, 11, 10), "PAID", 3L, LocalDate.of(2026, 11, 12), null, null, "Léa", "FR76"));
        List<ThreadMessage> thread = List.of(new ThreadMessage(1, CAMILLE, "AGENT", "Bonjour <b>Léa</b>", SENT));
        for (Ui ui : List.of(FR, EN)) {
            String html = render("applicant/dossier.jte", "ui", ui, "d", d, "decision", granted, "payments", payments,
                    "messages", thread, "notice", ui.t("applicant.dossier.done.message"));
            assertTrue(html.contains("class=\"table-scroll\" role=\"region\" aria-labelledby=\"versements\""), html);
            assertTrue(html.contains(ui.english() ? "September 2026" : "septembre 2026"), "months in words: " + html);
            assertTrue(html.contains(ui.english() ? "12 November 2026" : "12 novembre 2026"), html);
            assertTrue(html.contains(ui.english() ? "not yet" : "pas encore"), html);
            assertTrue(html.contains(ui.english() ? "€480.00" : "480,00"), html);
            assertTrue(html.contains("class=\"verdict ok\""), html);
            assertTrue(html.contains(ui.english() ? "€750.00" : "750,00"), html);
            assertTrue(html.contains("href=\"/mes-demandes/1/decisions/5/lettre\""), html);
            assertTrue(html.contains("Bonjour &lt;b&gt;Léa&lt;/b&gt;"), html);
            assertTrue(html.contains("action=\"" + ui.href("/mes-demandes/1/messages#suite") + "\""), html);
            assertTrue(html.contains("id=\"fait\""), html);
            assertTrue(html.contains("class=\"state\""), html);
            assertFalse(html.contains("GRANTED") || html.contains("2026-09"), html);
            assertFalse(html.contains("/retrait"), "no withdrawal after a decision");
            assertEquals(ui.english(), html.contains("<ul lang=\"fr\">"), "the French reasons marked on English pages");
        }
    }

    @Test
    void aDraftOffersTheOrganisationsDataSharingAndWithdrawalWithErrorsAtTheirFields() {
        Dossier d = dossier(DossierState.DRAFT, incomplete(), null);
        List<Mandate> helpers = List.of(new Mandate(4, CAMILLE, 3L, "Mission <locale>", LEA, "ACTIVE",
                "EMAIL_CONFIRMATION", null, SENT, SENT, null));
        List<EnrolmentOffer> offers = List.of(new EnrolmentOffer(8, 3, "Centre <AFPA>", List.of("trainingHours"), true,
                SENT));
        for (Ui ui : List.of(FR, EN)) {
            String html = render("applicant/dossier.jte", "ui", ui, "d", d, "offers", offers, "helpers", helpers,
                    "withdrawable", true, "errors", Map.of("reason", "Trop long"), "typed", Map.of("reason", "<i>x</i>"));
            assertTrue(html.contains("Centre &lt;AFPA&gt;"), html);
            assertTrue(html.contains("action=\"" + ui.href("/mes-demandes/1/offre/8") + "\""), html);
            assertTrue(html.contains("Camille Conseil (Mission &lt;locale&gt;)"), html);
            assertTrue(html.contains("action=\"" + ui.href("/mes-demandes/1/retrait#suite") + "\""), html);
            assertTrue(html.contains("href=\"#reason\"") && html.contains("aria-describedby=\"reason-erreur\""), html);
            assertTrue(html.contains("&lt;i&gt;x&lt;/i&gt;</textarea>"), html);
            assertTrue(html.contains(ui.english() ? "being prepared" : "en cours de préparation"), html);
            assertFalse(html.contains("id=\"messages\""), "no thread before it is sent");
        }
    }

    @Test
    void anOpenComplementRequestSaysWhatAndUntilWhenInWords() {
        Dossier d = dossier(DossierState.WAITING_COMPLEMENT, null, receipt());
        List<ComplementRequest> open = List.of(new ComplementRequest(6, "Il manque le RIB <svp>", List.of("RIB"),
                List.of(), LocalDate.of(2026, 10, 1), "APPLICANT", "OPEN", CAMILLE, SENT, null, null, null));
        String fr = render("applicant/dossier.jte", "ui", FR, "d", d, "complements", open, "messages", List.of(),
                "withdrawable", true, "errors", Map.of("message-6", "Il manque encore ce que l'agent a demandé."));
        assertTrue(fr.contains("Il manque le RIB &lt;svp&gt;") && fr.contains("Avant le 1 octobre 2026"), fr);
        assertTrue(fr.contains("action=\"/mes-demandes/1/complement/6#suite\""), fr);
        assertTrue(fr.contains("href=\"#message-6\"") && fr.contains("id=\"message-6-erreur\""), fr);
        assertTrue(fr.contains("Envoyée le 14 septembre 2026 à 09:30 — accusé de réception AR-VT-2026-000001"), fr);
        assertTrue(fr.contains("Aucun message."), fr);
        String en = render("applicant/dossier.jte", "ui", EN, "d", d, "schemeTitle", "Training aid", "complements", open,
                "messages", List.of());
        assertTrue(en.contains("<h1>Training aid — VT-2026-000001</h1>"), "the scheme's title in English: " + en);
        assertTrue(en.contains("Before 1 October 2026") && en.contains("href=\"/mes-demandes/1/documents?lang=en\""), en);
    }

    // ---- downloads

    @Test
    void aDownloadIsSandboxedNeverSniffedNeverCached() throws IOException {
        Path file = Files.createTempFile("piece", ".pdf");
        Files.write(file, new byte[] {'%', 'P', 'D', 'F'});
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) { }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setHeader" -> headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                        case "addHeader" -> headers.computeIfAbsent((String) args[0], k -> new ArrayList<>())
                                .add((String) args[1]);
                        case "setContentType" -> headers.put("Content-Type", List.of((String) args[0]));
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> { }
                    }
                    return null;
                });
        headers.put("Content-Security-Policy", new ArrayList<>(List.of("default-src 'self'")));
        new Exchange(null, resp, FR, java.util.Map.of()).send(new DocumentContent(new DossierDocument(1, "ID", "carte\"<x>.pdf",
                "application/pdf", 4, "abc", SENT, LEA, "APPLICANT"), file));
        assertEquals(List.of("default-src 'self'", "sandbox"), headers.get("Content-Security-Policy"),
                "sandbox is added to the portal's policy");
        assertEquals(List.of("nosniff"), headers.get("X-Content-Type-Options"));
        assertEquals(List.of("private, no-store"), headers.get("Cache-Control"));
        assertEquals(List.of("inline; filename=\"carte__x_.pdf\""), headers.get("Content-Disposition"));
        assertEquals(List.of("application/pdf"), headers.get("Content-Type"));
        assertEquals(4, body.size());
        Files.delete(file);
    }
}
