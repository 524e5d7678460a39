package org.guichet.web.internal;

import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.activity.ActivityEvent;
import org.guichet.api.activity.Channel;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.instruction.CaseFile;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.DocumentCheck;
import org.guichet.api.instruction.InternalNote;
import org.guichet.api.instruction.Payee;
import org.guichet.api.instruction.PhoneCall;
import org.guichet.api.instruction.Queue;
import org.guichet.api.instruction.QueueItem;
import org.guichet.api.instruction.Reason;
import org.guichet.api.instruction.ThreadMessage;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.payments.Payment;
import org.guichet.api.payments.PaymentBatch;
import org.guichet.api.scheme.DocumentDefinition;
import org.guichet.api.scheme.SchemeDescriptor;
import org.junit.jupiter.api.Test;

/**
 * The agents' pages render in French and English with words instead of codes (states, events, channels, checks,
 * outcomes, answers, dates and months), every table in its own scrolling region, forms that land on what happened,
 * and what people typed escaped.
 */
class AgentTemplatesTest {
    static final Instant AT = Instant.parse("2026-09-14T07:30:00Z");
    static final PersonRef LEA = new PersonRef(7, "Léa <Martin>", "lea@example.fr");
    static final PersonRef ALEX = new PersonRef(3, "Alex Agent", "alex@region.example");
    static final PersonRef CAMILLE = new PersonRef(9, "Camille Conseil", "camille@ml.example");
    static final Caller AGENT = new Caller(3, "alex@region.example", "Alex Agent", Set.of(Role.AGENT), null,
            Set.of("vocational-training"));

    static SchemeDescriptor scheme() {
        SchemeDescriptor s = Samples.scheme();
        return new SchemeDescriptor(s.id(), s.version(), s.title(), s.summary(), s.description(), s.filers(), s.payee(),
                true, s.fields(), List.of(
                        new DocumentDefinition("IDENTITY", Samples.text("Pièce d'identité", "Identity document"),
                                Samples.text("Pour savoir qui vous êtes", "To know who you are"), List.of(), 1000),
                        new DocumentDefinition("BANK_DETAILS", Samples.text("RIB à votre nom", "Bank details"),
                                Samples.text("Pour verser l'aide", "To pay the aid"), List.of(), 1000)),
                Map.of("TOO_OLD", Samples.text("Vous avez plus de 30 ans", "You are over 30")));
    }

    static CaseFile caseFile(DossierState state, PersonRef assignee) {
        List<DossierDocument> docs = List.of(
                new DossierDocument(11, "IDENTITY", "carte.pdf", "application/pdf", 20_000, "x", AT, LEA, "APPLICANT"),
                new DossierDocument(12, "BANK_DETAILS", "rib.jpg", "image/jpeg", 900, "y", AT, CAMILLE, "MEDIATOR"),
                new DossierDocument(13, "DECISION_LETTER", "lettre.pdf", "application/pdf", 5_000, "z", AT, ALEX, "AGENT"));
        List<ActivityEvent> history = List.of(
                new ActivityEvent(1, AT, "SUBMITTED", 7L, "Léa Martin", null, Channel.ONLINE, 1L, null,
                        "Demande envoyée avec 2 documents"),
                new ActivityEvent(2, AT, "DOSSIER_TAKEN", 3L, "Alex Agent", 7L, Channel.AGENT, 1L, null, "Pris"),
                new ActivityEvent(3, AT, "SOMETHING_NEW", 3L, "Alex Agent", 7L, Channel.PHONE, 1L, null, null));
        Dossier d = new Dossier(1, "VT-2026-000042", "vocational-training", "1.0.0", "Aide formation", state, LEA, LEA,
                5L, Map.of("birthDate", "2001-03-10", "jobSeeker", "true", "programme", "QUALIF_EMPLOI"),
                Map.of("programme", "ORGANISATION:12"), docs, null, Samples.refused(), null, history, 4, AT, AT);
        Mandate mandate = new Mandate(5, CAMILLE, 12L, "Mission locale", LEA, "ACTIVE", "SIGNED_CONSENT", 99L, AT, AT,
                null);
        return new CaseFile(d, assignee, "AGENT", LocalDate.of(2026, 10, 1), mandate,
                List.of(new DocumentCheck(1, 12, "BANK_DETAILS", "REJECTED", "ILLEGIBLE", "Le document est illisible",
                        "Trop flou", ALEX, AT)),
                List.of(new ComplementRequest(1, "Envoyez un RIB lisible", List.of("BANK_DETAILS"), List.of(),
                        LocalDate.of(2026, 9, 30), "APPLICANT", "ANSWERED", ALEX, AT, LEA, AT, "C'est fait")),
                List.of(new ThreadMessage(1, LEA, "APPLICANT", "Bonjour <b>merci</b>", AT)),
                List.of(new InternalNote(1, ALEX, "<script>alert(1)</script>", AT)),
                List.of(new Decision(1, 1, "GRANTED", new BigDecimal("2582.76"), new BigDecimal("2582.76"), null,
                        List.of(), List.of(), "Texte", new Payee("Léa Martin", "FR7630006000011234567890189", null),
                        ALEX, AT, null, 13L, "1.0.0"),
                        new Decision(2, 1, "REFUSED", null, null, "Erreur corrigée", List.of(new Reason("TOO_OLD",
                                "Vous avez plus de 30 ans")), List.of(), "Texte", null, ALEX, AT, 1L, 13L, "1.0.0")),
                List.of(new Payment(1, 1, "VT-2026-000042", "2026-09", new BigDecimal("266.33"), null,
                        LocalDate.of(2026, 10, 10), "SCHEDULED", null, null, null, null, "Léa Martin", "FR76…")),
                List.of(new PhoneCall(1, ALEX, LEA, 1L, "Question", "Expliqué", AT, AT, 200L),
                        new PhoneCall(2, ALEX, LEA, 1L, "Autre question", null, AT, null, null)));
    }

    static String caseFile(Locale locale, CaseFile f, boolean mine, Map<String, String> errors, String done,
            AgentForm sent, List<PersonRef> agents) {
        return caseFile(locale, f, mine, errors, done, sent, agents, "haut", null);
    }

    /** @param where the section the outcome shows in (AgentPage.section of the action or the form sent) */
    static String caseFile(Locale locale, CaseFile f, boolean mine, Map<String, String> errors, String done,
            AgentForm sent, List<PersonRef> agents, String where, QueueItem next) {
        return render("agent/caseFile.jte", "ui", Samples.ui(locale), "f", f, "s", scheme(), "agent", AGENT, "mine",
                mine, "open", f.dossier().state().underInstruction(), "rejectionReasons", List.of(
                        new Reason("ILLEGIBLE", "Le document est illisible ou flou"),
                        new Reason("NEW_CODE", "Une raison nouvelle")), "agents", agents, "errors", errors,
                "done", done, "sent", sent, "where", where, "next", next, "nextTitle", next == null ? null
                        : "Aide au permis de conduire");
    }

    /** The visible text of a page: tags and what they hold in attributes removed. */
    static String text(String html) {
        return html.replaceAll("<[^>]+>", " ");
    }

    @Test
    void theAgentSeesWhichAdministrationGaveAnAnswerAndWhen() {
        Map<String, String> sources = Map.of("taxShares", "DGFIP:2026-12-02T09:15:00Z", "trainingHours",
                "ORGANISATION:12", "birthDate", "FRANCECONNECT:2026-12-01T08:00:00Z");
        assertEquals("donnée par la DGFiP le 2 décembre 2026 à 10:15",
                AgentWords.answerSource(Samples.ui(java.util.Locale.FRENCH), sources, "taxShares"));
        assertEquals("given by the DGFiP on 2 December 2026 at 10:15",
                AgentWords.answerSource(Samples.ui(java.util.Locale.ENGLISH), sources, "taxShares"));
        assertEquals("vérifiée par FranceConnect le 1 décembre 2026 à 09:00",
                AgentWords.answerSource(Samples.ui(java.util.Locale.FRENCH), sources, "birthDate"));
        assertEquals("donnée par l'organisme de formation",
                AgentWords.answerSource(Samples.ui(java.util.Locale.FRENCH), sources, "trainingHours"));
        assertEquals(null, AgentWords.answerSource(Samples.ui(java.util.Locale.FRENCH), sources, "homeToTrainingKm"));
    }

    @Test
    void theQueueNamesSchemesByTitleAndStatesInWordsInItsOwnScrollingRegion() {
        Queue q = new Queue(List.of(new QueueItem(1, "VT-2026-000042", "vocational-training", "Aide formation",
                "IN_REVIEW", LEA, ALEX, "AGENT", AT, 12, LocalDate.of(2026, 10, 1), 3)),
                Map.of("IN_REVIEW", 1L, "GRANTED", 2L), Map.of("AGENT", 1L));
        Map<String, String> titles = Map.of("vocational-training", "Aide <formation>");
        String fr = render("agent/queue.jte", "ui", Samples.ui(Locale.FRENCH), "agent", AGENT, "queue", q, "titles",
                titles, "scheme", "vocational-training", "consents", 2, "errors", Map.of());
        String visible = text(fr);
        assertTrue(visible.contains("Aide &lt;formation&gt;"), "the scheme's title, escaped: " + fr);
        assertFalse(visible.contains("vocational-training"), "never the scheme's id: " + visible);
        assertTrue(fr.contains("en cours d'examen") && fr.contains("aide accordée : 2"), fr);
        assertFalse(visible.contains("IN_REVIEW") || visible.contains("GRANTED"), visible);
        assertTrue(fr.contains("1 octobre 2026"), "deadline in words: " + fr);
        assertTrue(fr.contains("class=\"table-scroll\" role=\"region\" aria-labelledby=\"file-attente\""), fr);
        assertTrue(fr.contains("<a href=\"/instruction/1\">VT-2026-000042</a>"), "the link is the reference alone");
        assertTrue(fr.contains("value=\"vocational-training\" selected"), fr);
        assertTrue(fr.contains("Formulaires de consentement à vérifier (2)"), fr);
        assertTrue(fr.contains("name=\"_csrf\" value=\"csrf-value\""), "sign-out form carries its CSRF value");
        String en = render("agent/queue.jte", "ui", Samples.ui(Locale.ENGLISH), "agent", AGENT, "queue", q, "titles",
                titles, "errors", Map.of("waitingOn", "Unknown"));
        assertTrue(en.contains("<title>Error — Files to instruct"), en);
        assertTrue(en.contains("href=\"/instruction/1?lang=en\""), en);
        assertTrue(en.contains("<input type=\"hidden\" name=\"lang\" value=\"en\">"), "the filter keeps English");
        assertTrue(en.contains("being examined") && en.contains("1 October 2026"), en);
        assertTrue(en.contains("href=\"#waitingOn\""), en);
        assertFalse(en.contains("Consent forms to check"), "no link while the mandates are starting");
    }

    @Test
    void theQueueSaysWhenItIsEmpty() {
        String html = render("agent/queue.jte", "ui", Samples.ui(Locale.FRENCH), "agent", AGENT, "queue",
                new Queue(List.of(), Map.of(), Map.of()), "titles", Map.of(), "errors", Map.of());
        assertTrue(html.contains("Aucun dossier ne correspond."), html);
        assertFalse(html.contains("<table"));
    }

    @Test
    void theCaseFileIsInWordsNeverCodes() {
        String fr = caseFile(Locale.FRENCH, caseFile(DossierState.IN_REVIEW, ALEX), true, Map.of(), null,
                AgentForm.NONE, List.of());
        String visible = text(fr);
        for (String code : List.of("IN_REVIEW", "GRANTED", "REFUSED", "REJECTED", "ILLEGIBLE", "SIGNED_CONSENT",
                "APPLICANT", "MEDIATOR", "ANSWERED", "SCHEDULED", "SUBMITTED", "DOSSIER_TAKEN", "SOMETHING_NEW",
                "ONLINE", "PHONE", "QUALIF_EMPLOI", "IDENTITY", "BANK_DETAILS", "application/pdf", " true ")) {
            assertFalse(visible.contains(code), code + " shown instead of words: " + visible);
        }
        assertTrue(fr.contains("<strong>en cours d'examen</strong>"), fr);
        assertTrue(fr.contains("<dd>10 mars 2001</dd>") && fr.contains("<dd>Oui</dd>"), "answers as worded: " + fr);
        assertTrue(fr.contains("Qualif Emploi <span class=\"small\">(donnée par l'organisme de formation)</span>"), fr);
        assertTrue(fr.contains("formulaire de consentement signé"), fr);
        assertTrue(fr.contains("PDF, 20 Ko") && fr.contains("JPEG, 1 Ko"), fr);
        assertTrue(fr.contains("<a href=\"/instruction/1/documents/11\">Ouvrir le document<span class=\"visually-hidden\">"
                + " : Pièce d'identité</span></a>"), "the file's name may be a code (IDENTITY.pdf): " + fr);
        assertFalse(visible.contains("carte.pdf"), visible);
        assertTrue(fr.contains("Refusé : Le document est illisible ou flou"), fr);
        assertTrue(fr.contains("donné") && fr.contains("à donner avant le 30 septembre 2026"), fr);
        assertTrue(fr.contains("Aide accordée") && fr.contains("Aide refusée") && fr.contains("corrige la décision"), fr);
        assertTrue(fr.contains("septembre 2026") && fr.contains("prévu (présences attendues)"), fr);
        assertTrue(fr.contains("3 min 20 s") && fr.contains("en cours"), fr);
        assertTrue(fr.contains("Dossier pris par un agent") && fr.contains("Autre action")
                && fr.contains("au téléphone, avec un agent"), fr);
        assertTrue(fr.contains("14 septembre 2026 à 09:30"), "moments in words, Paris time: " + fr);
        assertTrue(fr.contains("Lettre de décision"), fr);
        // every table in its own labelled scrolling region
        assertEquals(count(fr, "<table"), count(fr, "class=\"table-scroll\" role=\"region\""), fr);
        // what people typed is escaped
        assertTrue(fr.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !fr.contains("<script>"), fr);
        assertTrue(fr.contains("Bonjour &lt;b&gt;merci&lt;/b&gt;"));
        assertTrue(fr.contains("Léa &lt;Martin&gt;"));
    }

    @Test
    void eachDocumentCheckNamesItsDocumentAndEveryFormLandsOnItsOutcome() {
        String fr = caseFile(Locale.FRENCH, caseFile(DossierState.IN_REVIEW, ALEX), true, Map.of(), null,
                AgentForm.NONE, List.of());
        assertTrue(fr.contains("<label for=\"reason-11\">Raison d'un refus<span class=\"visually-hidden\"> — Pièce"
                + " d'identité</span></label>"), fr);
        assertTrue(fr.contains("Enregistrer la vérification<span class=\"visually-hidden\"> — RIB à votre nom</span>"), fr);
        assertFalse(fr.contains("id=\"reason-13\""), "the decision letter is not checked");
        assertTrue(fr.contains("<option value=\"NEW_CODE\">Une raison nouvelle</option>"), "a new code keeps its words");
        for (String action : List.of("verifier", "complement", "decision", "message", "note", "appel/2/fin", "liberer")) {
            assertTrue(fr.contains("action=\"/instruction/1/" + action + "#suite\""), action + ": " + fr);
        }
        assertFalse(fr.contains("/instruction/1/appel#suite"), "a call is open: only its end is offered");
        assertTrue(fr.indexOf("id=\"suite\"") > fr.indexOf("</nav>") && fr.indexOf("id=\"suite\"") < fr.indexOf(
                "id=\"reponses\""), "with nothing done, the outcome's place is at the top, after the menu");
        assertTrue(fr.contains("value=\"Léa Martin\""), "the payee as the last decision said: " + fr);
        assertTrue(fr.contains("Corriger la décision"), fr);
        assertTrue(fr.contains("Vous avez plus de 30 ans"), fr);
        String en = caseFile(Locale.ENGLISH, caseFile(DossierState.IN_REVIEW, ALEX), true, Map.of(), null,
                AgentForm.NONE, List.of());
        assertTrue(en.contains("Reason for a rejection<span class=\"visually-hidden\"> — Identity document</span>"), en);
        assertTrue(en.contains("action=\"/instruction/1/decision?lang=en#suite\""), "language before the fragment");
        assertTrue(en.contains("<dd>10 March 2001</dd>") && en.contains("<dd>Yes</dd>"), en);
        assertTrue(en.contains("You are over 30"), "the rules' reasons in the scheme's English: " + en);
        assertTrue(en.contains("<td lang=\"fr\">Demande envoyée avec 2 documents</td>"), "French detail marked: " + en);
        assertTrue(en.contains("aid being") || en.contains("<strong>being examined</strong>"), en);
        assertTrue(en.contains("Rejected: The document is illegible or blurred"), en);
        assertTrue(en.contains("September 2026") && en.contains("scheduled (attendance awaited)"), en);
    }

    @Test
    void aRefusedFormShowsEveryErrorAtOnceLinkedToItsFieldWithWhatWasTyped() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("amount", "Montant mal écrit");
        errors.put("payeeIban", "IBAN faux");
        AgentForm sent = new AgentForm("decision", Map.of("outcome", List.of("GRANTED"), "amount", List.of("12x"),
                "payeeName", List.of("Léa"), "payeeIban", List.of("FR00 <x>")));
        String fr = caseFile(Locale.FRENCH, caseFile(DossierState.IN_REVIEW, ALEX), true, errors, null, sent,
                List.of(), AgentPage.section(sent.form(), null), null);
        assertTrue(fr.contains("<title>Erreur — VT-2026-000042"), fr);
        assertTrue(fr.contains("href=\"#amount\"") && fr.contains("href=\"#payeeIban\""), fr);
        assertTrue(fr.indexOf("href=\"#amount\"") < fr.indexOf("href=\"#payeeIban\""), "in the order of the fields");
        // the errors show where she acted: in the decision's section, right before its form
        assertTrue(fr.indexOf("class=\"error-summary\"") > fr.indexOf("id=\"decision\"")
                && fr.indexOf("class=\"error-summary\"") < fr.indexOf("/decision#suite"), fr);
        assertEquals(1, fr.split("id=\"suite\"", -1).length - 1, "one outcome on the page");
        assertTrue(fr.contains("value=\"12x\"") && fr.contains("value=\"FR00 &lt;x>\""), "typed values kept: " + fr);
        assertTrue(fr.contains("id=\"payeeIban-erreur\""), fr);
        assertFalse(fr.contains("name=\"refusalReasons\" value=\"TOO_OLD\" checked"), "unticked stays unticked");
        Map<String, String> checkErrors = Map.of("reason-12", "Choisissez la raison");
        String check = caseFile(Locale.FRENCH, caseFile(DossierState.IN_REVIEW, ALEX), true, checkErrors, null,
                new AgentForm("verifier-12", Map.of("status", List.of("REJECTED"), "comment", List.of("flou"))),
                List.of(), AgentPage.section("verifier-12", null), null);
        assertTrue(check.indexOf("class=\"error-summary\"") > check.indexOf("id=\"doc-12\"")
                && check.indexOf("class=\"error-summary\"") < check.indexOf("id=\"status-12-a\""),
                "the document's errors in its own fieldset's section: " + check);
        assertTrue(check.contains("id=\"status-12-r\" name=\"status\" value=\"REJECTED\" checked"), check);
        assertTrue(check.contains("id=\"status-11-a\" name=\"status\" value=\"ACCEPTED\" checked"), check);
        assertTrue(check.contains("aria-describedby=\"reason-12-erreur\""), check);
        assertTrue(check.contains("id=\"comment-12\" name=\"comment\" value=\"flou\""), check);
    }

    @Test
    void afterAnActionTheNoticeIsRightAfterTheTitle() {
        String fr = caseFile(Locale.FRENCH, caseFile(DossierState.IN_REVIEW, ALEX), true, Map.of(),
                "Vous avez pris ce dossier.", AgentForm.NONE, List.of());
        assertTrue(fr.matches("(?s).*</nav>\\s*<div id=\"suite\" tabindex=\"-1\">\\s*<div class=\"notice\" role=\"status\""
                + " tabindex=\"-1\" id=\"fait\"><p>Vous avez pris ce dossier.</p>.*"), fr);
    }

    @Test
    void someoneElsesFileCanBeTakenOrGivenByASupervisor() {
        PersonRef bea = new PersonRef(4, "Béa", "bea@region.example");
        String fr = caseFile(Locale.FRENCH, caseFile(DossierState.SUBMITTED, null), false, Map.of(), null,
                AgentForm.NONE, List.of(ALEX, bea));
        assertTrue(fr.contains("<button type=\"submit\">Prendre ce dossier</button>"), fr);
        assertTrue(fr.contains("agent : personne"), fr);
        assertFalse(fr.contains("/verifier#suite") || fr.contains("/decision#suite"), "only the holder checks, decides");
        assertTrue(fr.contains("action=\"/instruction/1/assigner#suite\"") && fr.contains("<option value=\"4\">Béa</option>"),
                fr);
        String en = caseFile(Locale.ENGLISH, caseFile(DossierState.SUBMITTED, null), false, Map.of(), null,
                AgentForm.NONE, List.of(bea));
        assertTrue(en.contains("Take this file") && en.contains("Give this file to"), en);
    }

    @Test
    void aDecidedFileCanBeClosed() {
        String fr = caseFile(Locale.FRENCH, caseFile(DossierState.GRANTED, ALEX), true, Map.of(), null,
                AgentForm.NONE, List.of());
        assertTrue(fr.contains("<p class=\"state\"><strong>aide accordée</strong>"), fr);
        assertTrue(fr.contains("action=\"/instruction/1/clore#suite\"") && fr.contains("id=\"close-reason\" name=\"reason\""),
                fr);
        assertFalse(fr.contains("Prendre ce dossier"), fr);
        String en = caseFile(Locale.ENGLISH, caseFile(DossierState.CLOSED, ALEX), true, Map.of(), null,
                AgentForm.NONE, List.of());
        assertFalse(en.contains("/clore"), en);
        assertTrue(en.contains("<strong>closed</strong>"), en);
    }

    @Test
    void paymentsInWordsWithTablesInTheirOwnRegions() {
        List<Payment> due = List.of(new Payment(1, 1, "VT-2026-000042", "2026-09", new BigDecimal("266.33"),
                new BigDecimal("266.33"), LocalDate.of(2026, 10, 10), "PAYABLE", null, null, null, null, "Léa <M>",
                "FR76"));
        List<PaymentBatch> batches = List.of(new PaymentBatch(5, "GUICHET-5", AT, LocalDate.of(2026, 10, 11), 1,
                new BigDecimal("266.33"), List.of(1L), "ISSUED", "abc"));
        String fr = render("agent/payments.jte", "ui", Samples.ui(Locale.FRENCH), "day", LocalDate.of(2026, 10, 10),
                "due", due, "batches", batches, "errors", Map.of(), "done", "Fichier préparé", "sent", AgentForm.NONE);
        assertTrue(fr.contains("Dus au 10 octobre 2026") && fr.contains("septembre 2026") && fr.contains("266,33"), fr);
        assertTrue(fr.contains("à envoyer à la banque") && !text(fr).contains("ISSUED"), fr);
        assertTrue(fr.contains("Léa &lt;M&gt;"), fr);
        assertEquals(2, count(fr, "class=\"table-scroll\" role=\"region\""), fr);
        assertTrue(fr.contains("action=\"/instruction/paiements/virements#suite\""), fr);
        assertTrue(fr.contains("name=\"asOf\" value=\"2026-10-10\""), fr);
        assertTrue(fr.contains("action=\"/instruction/paiements/virements/5/paye#suite\""), fr);
        assertTrue(fr.contains("id=\"fait\""), fr);
        String en = render("agent/payments.jte", "ui", Samples.ui(Locale.ENGLISH), "day", LocalDate.of(2026, 10, 10),
                "due", List.of(), "batches", List.of(), "errors", Map.of("executionDate", "Past"), "sent",
                new AgentForm("virements", Map.of("executionDate", List.of("01/01/2020"))));
        assertTrue(en.contains("No payment is due on that day.") && en.contains("No transfer file yet."), en);
        assertTrue(en.contains("<title>Error — Payments"), en);
    }

    @Test
    void consentFormsToCheck() {
        Mandate m = new Mandate(8, CAMILLE, 12L, "Mission <locale>", LEA, "PENDING", "SIGNED_CONSENT", 99L, AT, null,
                null);
        String fr = render("agent/consents.jte", "ui", Samples.ui(Locale.FRENCH), "pending", List.of(m), "errors",
                Map.of("valid-yes-8", "Dites si le formulaire est valable : oui ou non."), "sent",
                new AgentForm("consent-8", Map.of("comment", List.of("pas signé"))));
        assertTrue(fr.contains("Léa &lt;Martin&gt; → Camille Conseil (Mission &lt;locale&gt;)"), fr);
        assertTrue(fr.contains("Enregistré le 14 septembre 2026 à 09:30"), fr);
        assertTrue(fr.contains("href=\"#valid-yes-8\"") && fr.contains("aria-describedby=\"valid-8-erreur\"")
                && fr.contains("id=\"valid-8-erreur\""), fr);
        assertTrue(fr.contains("action=\"/instruction/consentements/8#suite\""), fr);
        assertTrue(fr.contains("value=\"pas signé\""), fr);
        assertTrue(fr.contains("(obligatoire)"), fr);
        String en = render("agent/consents.jte", "ui", Samples.ui(Locale.ENGLISH), "pending", List.of(), "errors",
                Map.of(), "done", "Form accepted", "sent", AgentForm.NONE);
        assertTrue(en.contains("No form waiting.") && en.contains("id=\"fait\""), en);
    }

    @Test
    void agentsOnly() {
        assertTrue(render("agent/agentsOnly.jte", "ui", Samples.ui(Locale.FRENCH)).contains("Réservé aux agents"));
        assertTrue(render("agent/agentsOnly.jte", "ui", Samples.ui(Locale.ENGLISH))
                .contains("href=\"/mes-demandes?lang=en\""));
    }

    @Test
    void aTextFieldWithItsLabelHelpAndError() {
        String html = render("agent/textField.jte", "ui", Samples.ui(Locale.FRENCH), "id", "note-body", "name", "body",
                "label", "Note", "help", "Aide", "value", "<b>", "error", "Vide", "multiline", true);
        assertTrue(html.contains("<textarea id=\"note-body\" name=\"body\" rows=\"3\" aria-describedby=\"note-body-aide"
                + " note-body-erreur\" aria-invalid=\"true\" aria-required=\"true\">&lt;b&gt;</textarea>"), html);
        assertTrue(html.contains("(obligatoire)"));
        String en = render("agent/textField.jte", "ui", Samples.ui(Locale.ENGLISH), "id", "c", "name", "comment",
                "label", "Comment", "labelEnd", "ID", "required", false);
        assertTrue(en.contains("<input type=\"text\" id=\"c\" name=\"comment\">"), en);
        assertTrue(en.contains("(optional)") && en.contains("<span class=\"visually-hidden\"> — ID</span>"), en);
    }

    @Test
    void unknownCodesGetGeneralWordsNeverTheCode() {
        Ui fr = Samples.ui(Locale.FRENCH);
        assertEquals("état inconnu", AgentWords.state(fr, "NEW_STATE"));
        assertEquals("Autre action", AgentWords.event(fr, "NEW_EVENT"));
        assertEquals("Une raison", AgentWords.rejection(fr, "NEW", "Une raison"));
        assertEquals("Document", AgentWords.documentLabel(fr, scheme(), "NEW_DOC"));
        assertEquals("aid granted", AgentWords.state(Samples.ui(Locale.ENGLISH), DossierState.GRANTED));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void decisionsWaitingForASecondAgentSayWhyAndOnlyOthersApprove() {
        org.guichet.api.instruction.DecisionRequest asked = new org.guichet.api.instruction.DecisionRequest("GRANTED",
                new BigDecimal("3000.00"), "Frais <de> transport", List.of(), new Payee("Léa", "FR1420041010050500013M02606",
                        null), null);
        List<org.guichet.api.instruction.PendingDecision> pending = List.of(
                new org.guichet.api.instruction.PendingDecision(2001, 1001, "VT-2026-000001", "vocational-training", asked,
                        List.of("AMOUNT_OVERRIDDEN", "IBAN_CHANGED"), new PersonRef(7, "Ana", "ana@region.example"),
                        Instant.parse("2026-09-14T07:30:00Z"), "PENDING", null, null, null),
                new org.guichet.api.instruction.PendingDecision(2002, 1002, "VT-2026-000002", "vocational-training",
                        new org.guichet.api.instruction.DecisionRequest("REFUSED", null, "Erreur", List.of("x"), null, null),
                        List.of("CORRECTION"), new PersonRef(8, "Moi", "moi@region.example"),
                        Instant.parse("2026-09-14T07:30:00Z"), "PENDING", null, null, null));
        Ui fr = Samples.ui(Locale.FRENCH);
        String page = render("agent/approvals.jte", "ui", fr, "pending", pending, "me", 8L, "errors", Map.of(), "done",
                fr.t("agent.done.approuvee"));
        assertTrue(page.contains("<title>Décisions à approuver — Guichet</title>"), page);
        assertTrue(page.contains("un autre montant que celui des règles") && page.contains("un autre IBAN que celui donné"),
                page);
        assertTrue(page.contains("action=\"/instruction/approbations/2001#suite\""), page);
        assertFalse(page.contains("/instruction/approbations/2002#suite"), "one's own proposal has no approval: " + page);
        assertTrue(page.contains("action=\"/instruction/approbations/2002/refus#suite\"")
                && page.contains("Retirer ma proposition du dossier VT-2026-000002"), "she may withdraw it: " + page);
        assertTrue(page.contains("<label for=\"raison-2001\">Pourquoi refuser la proposition du dossier VT-2026-000001"),
                "another's proposal can be turned down, with a reason: " + page);
        assertTrue(page.contains("Refuser la proposition du dossier VT-2026-000001"), page);
        assertTrue(page.contains("Votre proposition"), page);
        assertTrue(page.contains("Frais &lt;de&gt; transport"), "escaped: " + page);
        assertFalse(page.contains("AMOUNT_OVERRIDDEN") || page.contains(">GRANTED"), "no codes: " + page);
        assertTrue(page.contains("id=\"fait\""), page);
        String en = render("agent/approvals.jte", "ui", Samples.ui(Locale.ENGLISH), "pending", List.of(), "me", 8L,
                "errors", Map.of());
        assertTrue(en.contains("No decision waits for approval"), en);
        String refused = render("agent/approvals.jte", "ui", fr, "pending", pending, "me", 8L, "errors",
                Map.of("raison-2001", fr.t("error.REJECTION_REASON_REQUIRED")), "typed", Map.of("raison-2001", "  "));
        assertTrue(refused.contains("id=\"raison-2001-erreur\"") && refused.contains("aria-invalid=\"true\""),
                "the error at the reason's field: " + refused);
    }

    @Test
    void aDossierAnotherAgentHoldsOffersNoTakeButtonOnlyHerName() {
        String held = caseFile(Locale.FRENCH, caseFile(DossierState.IN_REVIEW, ALEX), false, Map.of(), null,
                AgentForm.NONE, List.of());
        assertFalse(held.contains("/instruction/1/prendre"), "no « Prendre » that would only answer « déjà pris »");
        assertFalse(held.contains("/instruction/1/liberer"), "nor « Libérer »: it is not hers");
        assertTrue(held.contains("Alex Agent"), "who holds it is said: " + held);
        String free = caseFile(Locale.FRENCH, caseFile(DossierState.IN_REVIEW, null), false, Map.of(), null,
                AgentForm.NONE, List.of());
        assertTrue(free.contains("action=\"/instruction/1/prendre#suite\""), free);
    }
}
