package org.guichet.web.internal;

import static org.guichet.web.internal.AgentTemplatesTest.ALEX;
import static org.guichet.web.internal.AgentTemplatesTest.AGENT;
import static org.guichet.web.internal.AgentTemplatesTest.AT;
import static org.guichet.web.internal.AgentTemplatesTest.LEA;
import static org.guichet.web.internal.AgentTemplatesTest.caseFile;
import static org.guichet.web.internal.AgentTemplatesTest.text;
import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.instruction.Queue;
import org.guichet.api.instruction.QueueItem;
import org.guichet.api.instruction.Workload;
import org.junit.jupiter.api.Test;

/** The agent's workbench and the supervisor's space (issue 13, points 2 and 3), rendered in French and English. */
class WorkbenchTemplatesTest {
    static final PersonRef BOB = new PersonRef(4, "Bob <Agent>", "bob@region.example");

    @Test
    void theCaseFileHasAMenuOfItsSectionsEachOfWhichExists() {
        String fr = caseFile(Locale.FRENCH, AgentTemplatesTest.caseFile(DossierState.IN_REVIEW, ALEX), true, Map.of(),
                null, AgentForm.NONE, List.of());
        assertTrue(fr.contains("<nav class=\"case-menu\" aria-label=\"Parties du dossier\">"), fr);
        Matcher links = Pattern.compile("href=\"#([a-z-]+)\"").matcher(fr.substring(fr.indexOf("case-menu"),
                fr.indexOf("</nav>", fr.indexOf("case-menu"))));
        int n = 0;
        while (links.find()) {
            n++;
            assertEquals(1, fr.split("id=\"" + links.group(1) + "\"", -1).length - 1, "#" + links.group(1) + ": " + fr);
        }
        assertTrue(n >= 8, "a link to each section: " + n);
        // answers and documents side by side from 1,024 px: one grid holds both, answers first
        assertTrue(fr.indexOf("class=\"case-columns\"") < fr.indexOf("id=\"reponses\"")
                && fr.indexOf("id=\"reponses\"") < fr.indexOf("id=\"documents\"")
                && fr.indexOf("id=\"documents\"") < fr.indexOf("id=\"evaluation\""), fr);
        assertTrue(fr.contains("<main id=\"contenu\" class=\"wide\">"), fr);
        String en = caseFile(Locale.ENGLISH, AgentTemplatesTest.caseFile(DossierState.IN_REVIEW, ALEX), true, Map.of(),
                null, AgentForm.NONE, List.of());
        assertTrue(en.contains("aria-label=\"Parts of the file\""), en);
    }

    @Test
    void acceptingAllRemainingDocumentsIsOneButtonAndACheckedDocumentFoldsItsForm() {
        String fr = caseFile(Locale.FRENCH, AgentTemplatesTest.caseFile(DossierState.IN_REVIEW, ALEX), true, Map.of(),
                null, AgentForm.NONE, List.of());
        assertTrue(fr.matches("(?s).*action=\"/instruction/1/tout-accepter#suite\".*<button type=\"submit\">Accepter"
                + " tous les documents restants \\(\\d\\)</button>.*"), fr);
        assertTrue(fr.indexOf("/tout-accepter#suite") < fr.indexOf("class=\"document\""), "before the documents");
        // the document already checked (12) keeps its form behind « Changer la vérification — <its name> »
        assertTrue(fr.contains("<details><summary>Changer la vérification<span class=\"visually-hidden\"> — RIB à"
                + " votre nom</span></summary>"), fr);
        // the document's name in every label and button of its fieldset, the choices too
        assertTrue(fr.contains("<label for=\"status-11-a\">Accepté<span class=\"visually-hidden\"> — Pièce"
                + " d'identité</span></label>") && fr.contains("<label for=\"status-11-r\">Refusé<span"
                + " class=\"visually-hidden\"> — Pièce d'identité</span></label>"), fr);
        String en = caseFile(Locale.ENGLISH, AgentTemplatesTest.caseFile(DossierState.IN_REVIEW, ALEX), true, Map.of(),
                null, AgentForm.NONE, List.of());
        assertTrue(en.contains("Accept all remaining documents ("), en);
        // not hers: no button
        String notMine = caseFile(Locale.FRENCH, AgentTemplatesTest.caseFile(DossierState.IN_REVIEW, ALEX), false,
                Map.of(), null, AgentForm.NONE, List.of());
        assertFalse(notMine.contains("tout-accepter"), notMine);
    }

    @Test
    void afterEachActionTheOutcomeIsWhereSheActed() {
        for (String[] c : new String[][] {{"verifier", "12", "doc-12"}, {"tout-accepter", null, "documents"},
                {"complement", null, "complements"}, {"note", null, "notes"}, {"message", null, "fil"},
                {"appel-fin", null, "appels"}, {"decision", null, "decision"}, {"prendre", null, "haut"}}) {
            String where = AgentPage.section(c[0], c[1]);
            assertEquals(c[2], where, c[0]);
            String fr = caseFile(Locale.FRENCH, AgentTemplatesTest.caseFile(DossierState.IN_REVIEW, ALEX), true,
                    Map.of(), "Fait.", AgentForm.NONE, List.of(), where, null);
            assertEquals(1, fr.split("id=\"fait\"", -1).length - 1, fr);
            int notice = fr.indexOf("id=\"fait\"");
            if (!"haut".equals(where)) {
                int section = fr.indexOf("id=\"" + where + "\"");
                assertTrue(section > 0 && section < notice && fr.indexOf("</section>", section) > notice,
                        c[0] + ": the notice sits in #" + where + ": " + fr);
            }
        }
        assertEquals("documents", AgentPage.section("verifier", "12<script>"), "only digits name a document");
        assertEquals("documents", AgentPage.section("verifier", "x"));
    }

    @Test
    void afterADecisionTheNextDossierIsOneButtonAway() {
        QueueItem next = new QueueItem(7, "DL-2026-000007", "driving-licence", "Permis", "SUBMITTED", LEA, null, "AGENT",
                AT, 3, LocalDate.of(2026, 10, 14), 1);
        String fr = caseFile(Locale.FRENCH, AgentTemplatesTest.caseFile(DossierState.GRANTED, ALEX), true, Map.of(),
                "Décision enregistrée et envoyée.", AgentForm.NONE, List.of(), "decision", next);
        int notice = fr.indexOf("id=\"fait\"");
        int button = fr.indexOf("Prendre le dossier suivant : DL-2026-000007 (Aide au permis de conduire)");
        assertTrue(notice > 0 && button > notice, fr);
        assertTrue(fr.lastIndexOf("action=\"/instruction/7/prendre#suite\"", button) > notice, fr);
        String none = caseFile(Locale.FRENCH, AgentTemplatesTest.caseFile(DossierState.GRANTED, ALEX), true, Map.of(),
                "Décision enregistrée et envoyée.", AgentForm.NONE, List.of(), "decision", null);
        assertFalse(none.contains("dossier suivant"), none);
    }

    @Test
    void theQueueIsADenseTableWithTheFiltersInASideColumnAfterIt() {
        Queue q = new Queue(List.of(new QueueItem(1, "VT-2026-000042", "vocational-training", "Aide formation",
                "IN_REVIEW", LEA, ALEX, "APPLICANT", AT, 12, LocalDate.of(2026, 10, 1), 3)),
                Map.of("IN_REVIEW", 1L), Map.of("APPLICANT", 1L));
        String fr = render("agent/queue.jte", "ui", Samples.ui(Locale.FRENCH), "agent", AGENT, "queue", q, "titles",
                Map.of("vocational-training", "Aide à la formation"), "errors", Map.of());
        assertTrue(fr.contains("<th scope=\"col\">Dispositif</th>") && fr.contains("<td>Aide à la formation</td>"), fr);
        assertTrue(fr.indexOf("id=\"file-attente\"") < fr.indexOf("<aside class=\"workbench-side\""),
                "the dossiers first, then the side column: " + fr);
        assertTrue(fr.indexOf("<aside") < fr.indexOf("id=\"scheme\""), "the filters are in the side column");
        assertFalse(fr.contains("/instruction/supervision"), "an agent has no supervisor's link");
        String sup = render("agent/queue.jte", "ui", Samples.ui(Locale.FRENCH), "agent",
                new org.guichet.api.accounts.Caller(5, "sue@region.example", "Sue", Set.of(
                        org.guichet.api.accounts.Role.SUPERVISOR), null, Set.of("vocational-training")),
                "queue", q, "titles", Map.of(), "errors", Map.of());
        assertTrue(sup.contains("href=\"/instruction/supervision\""), sup);
    }

    static List<Workload> workloads() {
        return List.of(new Workload(ALEX, Set.of("vocational-training"), 3, Map.of("IN_REVIEW", 2L,
                "WAITING_COMPLEMENT", 1L), 4, 37), new Workload(BOB, Set.of("vocational-training"), 0, Map.of(), 0, 0));
    }

    static String supervision(Locale locale, Map<String, String> errors, AgentForm sent, String done) {
        LocalDate today = LocalDate.of(2026, 10, 10);
        List<QueueItem> due = List.of(
                new QueueItem(1, "VT-2026-000042", "vocational-training", "Aide formation", "IN_REVIEW", LEA, ALEX,
                        "AGENT", AT, 40, today.minusDays(3), 3),
                new QueueItem(2, "VT-2026-000043", "vocational-training", "Aide formation", "WAITING_COMPLEMENT", LEA,
                        null, "APPLICANT", AT, 25, today.plusDays(5), 2));
        return render("agent/supervision.jte", "ui", Samples.ui(locale), "workloads", workloads(), "due", due,
                "today", today, "titles", Map.of("vocational-training", locale == Locale.ENGLISH
                        ? "Vocational training aid" : "Aide à la formation"), "agentsByScheme",
                Map.of("vocational-training", List.of(ALEX, BOB)), "approvals", 2, "errors", errors, "sent", sent,
                "done", done);
    }

    @Test
    void theSupervisorSeesWorkloadsDeadlinesAndWhatWaitsForApproval() {
        String fr = supervision(Locale.FRENCH, Map.of(), AgentForm.NONE, null);
        String visible = text(fr);
        assertTrue(fr.contains("<title>Espace responsable — Guichet</title>"), fr);
        assertTrue(visible.contains("en cours d'examen : 2"), "by state, in words: " + visible);
        assertTrue(fr.contains("<td>37</td>") && fr.contains("<td>4</td>"), "calls and minutes: " + fr);
        assertTrue(visible.contains("dépassée de 3 jour(s)") && visible.contains("dans 5 jour(s)"), visible);
        assertTrue(fr.contains("Bob &lt;Agent&gt;"), "escaped: " + fr);
        assertTrue(fr.contains("<label for=\"to-1\">Confier VT-2026-000042 à</label>"), fr);
        assertTrue(fr.contains("<input type=\"hidden\" name=\"from\" value=\"3\">")
                && fr.contains("<input type=\"hidden\" name=\"from\" value=\"\">"), "the holder she saw travels: " + fr);
        assertTrue(fr.contains("action=\"/instruction/supervision/1#suite\""), fr);
        assertTrue(fr.contains("href=\"/instruction/approbations\">Décisions à approuver (2)</a>"), fr);
        assertFalse(visible.contains("vocational-training"), "schemes by title: " + visible);
        assertFalse(AgentTemplatesTest.text(fr).matches("(?s).*\\b(IN_REVIEW|WAITING_COMPLEMENT|AGENT|APPLICANT)\\b.*"),
                visible);
        String en = supervision(Locale.ENGLISH, Map.of(), AgentForm.NONE, null);
        assertTrue(en.contains("Supervisor's space") && en.contains("3 day(s) late") && en.contains("Give VT-2026-000042 to"),
                en);
        assertTrue(en.contains("action=\"/instruction/supervision/1?lang=en#suite\""), en);
    }

    @Test
    void aRefusedReassignmentIsSaidAtItsFieldWithTheChoiceKept() {
        String fr = supervision(Locale.FRENCH, Map.of("to-1", "Ce dossier a changé de mains."),
                new AgentForm("confier-1", Map.of("agentId", List.of("4"))), null);
        assertTrue(fr.contains("<title>Erreur — Espace responsable"), fr);
        assertTrue(fr.contains("href=\"#to-1\"") && fr.contains("id=\"to-1-erreur\""), fr);
        assertTrue(fr.contains("aria-describedby=\"to-1-erreur\""), fr);
        assertTrue(fr.contains("<option value=\"4\" selected>"), "her choice kept: " + fr);
        assertTrue(fr.indexOf("id=\"suite\"") > fr.indexOf("id=\"echeances\""), "lands where she acted");
        String done = supervision(Locale.FRENCH, Map.of(), AgentForm.NONE, "Le dossier est confié à l'agent choisi.");
        assertTrue(done.contains("id=\"fait\""), done);
    }

    @Test
    void onlySupervisorsHaveTheirSpace() {
        assertTrue(render("agent/supervisorsOnly.jte", "ui", Samples.ui(Locale.FRENCH))
                .contains("Réservé aux responsables d'instruction"));
        assertTrue(render("agent/supervisorsOnly.jte", "ui", Samples.ui(Locale.ENGLISH))
                .contains("For instruction supervisors only"));
    }
}
