package org.guichet.dossiers.internal.instruction;

import static org.guichet.dossiers.testing.Guichet.VT;
import static org.guichet.dossiers.testing.Guichet.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.CaseFile;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.DocumentCheck;
import org.guichet.api.instruction.Payee;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The back office's use cases on the real services, with every id above 1000. */
class InstructionUseCasesTest {
    static final String IBAN = "FR76 3000 6000 0112 3456 7890 189";
    static Guichet g;

    @BeforeAll
    static void start() {
        g = new Guichet();
    }

    @AfterAll
    static void stop() {
        g.close();
    }

    static String code(Executable e) {
        return org.guichet.dossiers.testing.Refusals.code(e);
    }

    /** Ids compared with != on boxed Longs break from 128 on: every id here is above 1000. */
    @Test
    void documentChecksAndComplementAnswersWorkWithIdsAbove127() {
        Caller lea = g.applicant("Lea10");
        Caller agent = g.agent("Vtagent10", VT);
        Dossier d = g.takenDossier(lea, agent);
        assertTrue(d.id() >= TestPortal.FIRST_ID, "ids start at " + TestPortal.FIRST_ID + ": " + d.id());
        DossierDocument doc = d.documents().get(0);
        assertTrue(doc.id() >= TestPortal.FIRST_ID);
        DocumentCheck check = g.instruction.checkDocument(agent, d.id(), doc.id(), "REJECTED", "ILLEGIBLE", null);
        assertEquals("REJECTED", check.status());

        ComplementRequest asked = g.instruction.requestComplement(agent, d.id(), "Le document est flou : renvoyez-le",
                List.of(doc.documentType()), List.of(), null, null);
        assertTrue(asked.id() >= TestPortal.FIRST_ID);
        assertEquals("COMPLEMENT_INCOMPLETE", code(() -> g.instruction.answerComplement(lea, d.id(), asked.id(), "x")));
        g.dossiers.addDocument(lea, d.id(), doc.documentType(), "net.pdf", pdf("net"), doc.id());
        ComplementRequest answered = g.instruction.answerComplement(lea, d.id(), asked.id(), "Voici le document net");
        assertEquals("ANSWERED", answered.state());
        CaseFile file = g.instruction.caseFile(agent, d.id());
        assertEquals(DossierState.IN_REVIEW, file.dossier().state());
        assertEquals("AGENT", file.waitingOn());
        // a document of another dossier, asked through this one, is not found
        Dossier other = g.completeDraft(g.applicant("Nina10"), null);
        assertEquals("DOCUMENT_NOT_FOUND", code(() -> g.instruction.checkDocument(agent, d.id(),
                other.documents().get(0).id(), "ACCEPTED", null, null)));
        assertEquals("COMPLEMENT_NOT_FOUND", code(() -> g.instruction.answerComplement(lea, d.id(), asked.id() + 999,
                null)));
    }

    @Test
    void decisionsCorrectionsWithdrawalAndClosingFollowTheLifecycle() {
        Caller lea = g.applicant("Lea11");
        Caller agent = g.agent("Vtagent11", VT);
        Caller bea = g.agent("Bea11", VT);
        Dossier d = g.takenDossier(lea, agent);
        assertEquals("ALREADY_TAKEN", code(() -> g.instruction.take(bea, d.id(), null)));
        assertEquals("ALREADY_TAKEN", code(() -> g.instruction.decide(bea, d.id(), grant(null, null))));
        assertEquals("READ_ONLY", code(() -> g.dossiers.withdraw(agent, d.id(), null)));

        g.instruction.decide(agent, d.id(), grant(null, null));
        assertEquals(DossierState.GRANTED, g.dossiers.get(lea, d.id()).state());
        assertEquals("JUSTIFICATION_REQUIRED", code(() -> g.instruction.decide(agent, d.id(), grant(null, null))));
        // withdrawing a grant touches money: a second agent approves the correction (four eyes)
        DecisionRequest refusal = new DecisionRequest("REFUSED", null, "Formation annulée par l'organisme",
                List.of("La formation n'a pas lieu"), null, null);
        assertEquals("APPROVAL_REQUIRED", code(() -> g.instruction.decide(agent, d.id(), refusal)));
        long proposal = g.instruction.proposeDecision(agent, d.id(), refusal).id();
        assertEquals(DossierState.GRANTED, g.dossiers.get(lea, d.id()).state(), "in force until approved");
        g.instruction.approveDecision(bea, proposal);
        assertEquals(DossierState.REFUSED, g.dossiers.get(lea, d.id()).state());
        assertEquals("DOSSIER_DECIDED", code(() -> g.dossiers.withdraw(lea, d.id(), "trop tard")));
        g.instruction.close(agent, d.id(), "Refus notifié, dossier archivé");
        assertEquals(DossierState.CLOSED, g.dossiers.get(lea, d.id()).state());
        assertEquals("DOSSIER_CLOSED", code(() -> g.instruction.decide(agent, d.id(), grant(null, "réouverture"))));

        // the applicant's history says what happened, never the agents' words
        String applicantSees = g.dossiers.get(lea, d.id()).history().stream().map(e -> e.type() + ": " + e.detail())
                .collect(Collectors.joining("\n"));
        assertFalse(applicantSees.contains("Formation annulée"), applicantSees);
        assertFalse(applicantSees.contains("archivé"), applicantSees);
        assertTrue(applicantSees.contains("DECISION_CORRECTED"), applicantSees);
        String agentSees = g.instruction.caseFile(agent, d.id()).dossier().history().stream().map(e -> e.detail())
                .collect(Collectors.joining("\n"));
        assertTrue(agentSees.contains("Formation annulée"), agentSees);

        // a dossier under instruction may be withdrawn, even while a complement is awaited; its holder is told
        Dossier second = g.takenDossier(lea, agent);
        g.instruction.requestComplement(agent, second.id(), "Votre RIB", List.of("BANK_DETAILS"), List.of(), null, null);
        g.portal.mail().clear();
        assertEquals(DossierState.WITHDRAWN, g.dossiers.withdraw(lea, second.id(), "J'ai trouvé un emploi").state());
        assertTrue(g.mailTopics(agent.email()).contains("DOSSIER_WITHDRAWN"));
        assertEquals("CANCELLED", g.instruction.complements(lea, second.id()).get(0).state(),
                "nothing is awaited from her any more");
        assertEquals("DOSSIER_WITHDRAWN", code(() -> g.instruction.decide(agent, second.id(), grant(null, null))));
        // a draft she gave up says so when she tries to change it, not that it was sent
        Dossier draft = g.dossiers.create(lea, VT, null);
        g.dossiers.withdraw(lea, draft.id(), null);
        assertEquals("DOSSIER_WITHDRAWN", code(() -> g.dossiers.saveAnswers(lea, draft.id(), Map.of("taxShares", 1),
                null)));
    }

    @Test
    void aComplementLeftUnansweredPastItsDeadlineCanBeClosed() {
        Caller lea = g.applicant("Lea12");
        Caller agent = g.agent("Vtagent12", VT);
        Dossier d = g.takenDossier(lea, agent);
        LocalDate today = g.clock.instant().atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate();
        g.instruction.requestComplement(agent, d.id(), "Il manque votre RIB", List.of("BANK_DETAILS"), List.of(),
                today.plusDays(5), null);
        assertEquals("COMPLEMENT_DEADLINE_NOT_PASSED", code(() -> g.instruction.close(agent, d.id(), "sans réponse")));
        g.clock.advance(Duration.ofDays(6));
        try {
            g.portal.mail().clear();
            g.instruction.close(agent, d.id(), "Pas de réponse au complément");
            assertEquals(DossierState.CLOSED, g.dossiers.get(lea, d.id()).state());
            assertTrue(g.mailTopics(lea.email()).contains("DOSSIER_CLOSED"), "she is told, and may file again");
            assertEquals("DOSSIER_CLOSED", code(() -> g.dossiers.saveAnswers(lea, d.id(), Map.of("taxShares", 2),
                    null)));
        } finally {
            g.clock.advance(Duration.ofDays(-6));
        }
    }

    @Test
    void agentsSeeNoDraftAndNoOtherScheme() {
        Caller lea = g.applicant("Lea13");
        Dossier draft = g.completeDraft(lea, null);
        Caller agent = g.agent("Vtagent13", VT);
        Caller dl = g.agent("Dlagent13", Guichet.DL);
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.instruction.caseFile(agent, draft.id())));
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.get(agent, draft.id())));
        assertTrue(g.instruction.queue(agent, null).items().stream().noneMatch(i -> i.id() == draft.id()));
        g.dossiers.submit(lea, draft.id());
        assertEquals(draft.id(), g.instruction.caseFile(agent, draft.id()).dossier().id());
        var queue = g.instruction.queue(agent, null);
        var line = queue.items().stream().filter(i -> i.id() == draft.id()).findFirst().orElseThrow();
        assertEquals("SUBMITTED", line.state());
        assertEquals("Lea13", line.applicant().displayName());
        assertEquals("AGENT", line.waitingOn());
        assertTrue(queue.countsByState().get("SUBMITTED") >= 1, queue.countsByState().toString());
        assertTrue(queue.countsByWaitingOn().get("AGENT") >= 1, queue.countsByWaitingOn().toString());
        assertTrue(g.instruction.queue(dl, null).items().stream().noneMatch(i -> i.id() == draft.id()));
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.instruction.caseFile(dl, draft.id())));
        assertEquals("AGENT_ONLY", code(() -> g.instruction.caseFile(lea, draft.id())));
    }

    static DecisionRequest grant(java.math.BigDecimal amount, String justification) {
        return new DecisionRequest("GRANTED", amount, justification, List.of(), new Payee("Léa Martin", IBAN, null), null);
    }
}
