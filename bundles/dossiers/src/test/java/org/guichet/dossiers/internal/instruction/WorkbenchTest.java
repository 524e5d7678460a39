package org.guichet.dossiers.internal.instruction;

import static org.guichet.dossiers.testing.Guichet.VT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.DocumentCheck;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The agent's workbench and the supervisor's space (issue 13, points 2 and 3): accepting every remaining document in
 * one action, and reassigning a dossier from the holder the supervisor saw; with their refusals and their races. On
 * Derby; PostgresWorkbenchTest runs the same on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchTest {
    Guichet g;

    protected TestPortal.Kind kind() {
        return TestPortal.Kind.DERBY;
    }

    @BeforeAll
    void start() {
        g = new Guichet(kind());
    }

    @AfterAll
    void stop() {
        g.close();
    }

    static String code(Runnable r) {
        return assertThrows(GuichetException.class, r::run).code();
    }

    long checks(long dossierId, long documentId, String status) {
        return g.portal.queryLong("SELECT COUNT(*) FROM DOCUMENT_CHECK WHERE DOSSIER_ID = ? AND DOCUMENT_ID = ? AND"
                + " STATUS = ?", dossierId, documentId, status);
    }

    /** The status of the newest check of a document (the one that counts). */
    String lastCheck(Caller agent, long dossierId, long documentId) {
        DocumentCheck last = null;
        for (DocumentCheck c : g.instruction.caseFile(agent, dossierId).checks()) {
            if (c.documentId() == documentId) {
                last = c;
            }
        }
        return last == null ? null : last.status();
    }

    @Test
    void acceptingAllRemainingDocumentsKeepsTheChecksAlreadyMade() {
        Caller ana = g.agent("Wanda", VT);
        Dossier d = g.takenDossier(g.applicant("Wassim"), ana);
        List<DossierDocument> docs = d.documents();
        assertTrue(docs.size() >= 3, "a dossier with several documents: " + docs.size());
        long rejected = docs.get(0).id();
        long accepted = docs.get(1).id();
        g.instruction.checkDocument(ana, d.id(), rejected, "REJECTED", "ILLEGIBLE", null);
        g.instruction.checkDocument(ana, d.id(), accepted, "ACCEPTED", null, null);

        List<DocumentCheck> made = g.instruction.acceptRemainingDocuments(ana, d.id());
        assertEquals(docs.size() - 2, made.size(), "only the documents with no check yet");
        assertTrue(made.stream().allMatch(c -> "ACCEPTED".equals(c.status()) && c.agent().id() == ana.accountId()));
        assertEquals("REJECTED", lastCheck(ana, d.id(), rejected), "a refusal already made stays");
        assertEquals(1, checks(d.id(), accepted, "ACCEPTED"), "an acceptance already made is not repeated");
        for (DossierDocument doc : docs.subList(2, docs.size())) {
            assertEquals("ACCEPTED", lastCheck(ana, d.id(), doc.id()));
        }
        assertEquals(docs.size() - 2, g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE DOSSIER_ID = ? AND"
                + " EVENT_TYPE = 'DOCUMENT_CHECKED' AND DETAIL LIKE '%: accepté'", d.id()) - 1,
                "each acceptance is in the history");
        // nothing remains: nothing is written
        assertEquals(List.of(), g.instruction.acceptRemainingDocuments(ana, d.id()));
    }

    @Test
    void onlyTheHolderOrASupervisorOfTheSchemeAcceptsAll() {
        Caller ana = g.agent("Xena", VT);
        Caller other = g.agent("Xavier", VT);
        Caller elsewhere = g.agent("Xiao", Guichet.DL);
        Caller applicant = g.applicant("Xavière");
        Dossier d = g.takenDossier(applicant, ana);
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.instruction.acceptRemainingDocuments(elsewhere, d.id())),
                "an agent of another scheme does not even see it");
        assertEquals("ALREADY_TAKEN", code(() -> g.instruction.acceptRemainingDocuments(other, d.id())));
        assertEquals("AGENT_ONLY", code(() -> g.instruction.acceptRemainingDocuments(applicant, d.id())));
        assertEquals(0, g.portal.queryLong("SELECT COUNT(*) FROM DOCUMENT_CHECK WHERE DOSSIER_ID = ?", d.id()));
        Caller sue = g.supervisor("Xanthe", VT);
        assertEquals(d.documents().size(), g.instruction.acceptRemainingDocuments(sue, d.id()).size());
    }

    /**
     * The holder accepts all while a supervisor rejects one document and accepts all too, at the same instant: no
     * check is lost or made twice — the refusal is the document's last word, every other document is accepted once.
     */
    @Test
    void acceptingAllWhileAnotherRejectsOneLosesNothing() {
        for (int round = 0; round < 3; round++) {
            Caller ana = g.agent("Yara" + round, VT);
            Caller sue = g.supervisor("Yves" + round, VT);
            Dossier d = g.takenDossier(g.applicant("Yanis" + round), ana);
            long refused = d.documents().get(round).id();
            var outcomes = TestPortal.race(4, i -> switch (i) {
                case 0 -> g.instruction.acceptRemainingDocuments(ana, d.id()).size();
                case 1 -> g.instruction.checkDocument(sue, d.id(), refused, "REJECTED", "EXPIRED", null) == null ? 0 : 1;
                default -> g.instruction.acceptRemainingDocuments(i == 2 ? sue : ana, d.id()).size();
            });
            assertEquals(List.of(), outcomes.stream().filter(o -> !o.ok()).map(o -> o.failure().toString()).toList());
            assertEquals("REJECTED", lastCheck(ana, d.id(), refused), "the refusal is never hidden");
            for (DossierDocument doc : d.documents()) {
                if (doc.id() != refused) {
                    assertEquals(1, checks(d.id(), doc.id(), "ACCEPTED"), "accepted exactly once: " + doc.documentType());
                }
            }
            assertTrue(checks(d.id(), refused, "ACCEPTED") <= 1);
        }
    }

    @Test
    void aSupervisorReassignsAndThePreviousHolderHasItNoMore() {
        Caller ana = g.agent("Zoe", VT);
        Caller bob = g.agent("Zack", VT);
        Caller sue = g.supervisor("Zelie", VT);
        Dossier d = g.takenDossier(g.applicant("Zina"), ana);
        var f = g.instruction.reassign(sue, d.id(), ana.accountId(), bob.accountId());
        assertEquals(bob.accountId(), f.assignee().id());
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE DOSSIER_ID = ? AND EVENT_TYPE ="
                + " 'DOSSIER_ASSIGNED' AND ACTOR_ID = ?", d.id(), sue.accountId()));
        assertEquals("ALREADY_TAKEN", code(() -> g.instruction.checkDocument(ana, d.id(), d.documents().get(0).id(),
                "ACCEPTED", null, null)), "the previous holder may no longer act");
        assertTrue(g.instruction.queue(ana, new org.guichet.api.instruction.QueueFilter(null, null, ana.accountId(), null,
                null, null, null)).items().stream().noneMatch(i -> i.id() == d.id()), "gone from her dossiers");
        // she saw ana holding it: it is bob's now, so nothing is done and she is told
        assertEquals("ASSIGNMENT_CHANGED", code(() -> g.instruction.reassign(sue, d.id(), ana.accountId(),
                ana.accountId())));
        assertEquals(bob.accountId(), g.instruction.caseFile(sue, d.id()).assignee().id());
    }

    @Test
    void reassignmentRefusals() {
        Caller ana = g.agent("Ugo", VT);
        Caller bob = g.agent("Ulla", VT);
        Caller dl = g.agent("Umberto", Guichet.DL);
        Caller sue = g.supervisor("Ursule", VT);
        Caller otherSupervisor = g.supervisor("Uma", Guichet.DL);
        Dossier d = g.takenDossier(g.applicant("Ulysse"), ana);
        assertEquals("NOT_AN_AGENT_OF_SCHEME", code(() -> g.instruction.reassign(sue, d.id(), ana.accountId(),
                dl.accountId())), "to someone who does not instruct the scheme");
        assertEquals("SUPERVISOR_ONLY", code(() -> g.instruction.reassign(bob, d.id(), ana.accountId(),
                bob.accountId())), "an agent does not reassign, not even to herself");
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.instruction.reassign(otherSupervisor, d.id(), ana.accountId(),
                dl.accountId())), "a supervisor of another scheme does not see it");
        assertEquals(ana.accountId(), g.instruction.caseFile(sue, d.id()).assignee().id(), "nothing was written");
    }

    /** Supervisors reassigning at once, each to another agent: one wins, the others are told. */
    @Test
    void supervisorsReassigningAtOnceOneWinsTheOthersAreTold() {
        Caller ana = g.agent("Tina", VT);
        List<Caller> agents = List.of(g.agent("Tom", VT), g.agent("Theo", VT), g.agent("Tess", VT), g.agent("Timo", VT));
        List<Caller> supervisors = List.of(g.supervisor("Thea", VT), g.supervisor("Tanguy", VT),
                g.supervisor("Tatiana", VT), g.supervisor("Tobias", VT));
        Dossier d = g.takenDossier(g.applicant("Talia"), ana);
        var outcomes = TestPortal.race(4, i -> g.instruction.reassign(supervisors.get(i), d.id(), ana.accountId(),
                agents.get(i).accountId()).assignee().id());
        List<String> bad = outcomes.stream().filter(o -> !o.ok() && !(o.failure() instanceof GuichetException ge
                && "ASSIGNMENT_CHANGED".equals(ge.code()))).map(o -> o.failure().toString()).toList();
        assertEquals(List.of(), bad);
        assertEquals(1, outcomes.stream().filter(TestPortal.Outcome::ok).count(), "one wins");
        long winner = outcomes.stream().filter(TestPortal.Outcome::ok).findFirst().orElseThrow().value();
        assertEquals(winner, g.instruction.caseFile(ana, d.id()).assignee().id());
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE DOSSIER_ID = ? AND EVENT_TYPE ="
                + " 'DOSSIER_ASSIGNED'", d.id()));
        assertTrue(Set.of(agents.stream().map(Caller::accountId).toArray()).contains(winner));
    }
}
