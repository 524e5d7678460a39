package org.guichet.dossiers.internal.instruction;

import static org.guichet.dossiers.testing.Guichet.VT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.Payee;
import org.guichet.api.instruction.PendingDecision;
import org.guichet.api.partners.Organisation;
import org.guichet.dossiers.internal.payments.PaymentServiceImpl;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Four eyes on money (issue 14, point 6), on Derby; PostgresFourEyesTest runs the same on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FourEyesTest {
    static final String IBAN = "FR76 3000 6000 0112 3456 7890 189";
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

    static DecisionRequest grant(BigDecimal amount, String justification) {
        return new DecisionRequest("GRANTED", amount, justification, List.of(), new Payee("Léa", IBAN, null), null);
    }

    long payments(long dossierId) {
        return g.portal.queryLong("SELECT COUNT(*) FROM PAYMENT WHERE DOSSIER_ID = ?", dossierId);
    }

    @Test
    void anotherAmountNeedsASecondAgentAndTheSameAgentCannotApproveHerOwn() {
        Caller ana = g.agent("Ana", VT);
        Caller bob = g.agent("Bob", VT);
        Caller sue = g.supervisor("Sue", VT);
        Dossier d = g.takenDossier(g.applicant("Amandine"), ana);
        // alone, another amount is refused and nothing is written, nothing promised
        assertEquals("APPROVAL_REQUIRED", code(() -> g.instruction.decide(ana, d.id(), grant(new BigDecimal("3000"),
                "Frais de transport en plus"))));
        assertEquals(0, g.portal.queryLong("SELECT COUNT(*) FROM DECISION WHERE DOSSIER_ID = ?", d.id()));
        PendingDecision p = g.instruction.proposeDecision(ana, d.id(), grant(new BigDecimal("3000"),
                "Frais de transport en plus"));
        assertEquals(List.of("AMOUNT_OVERRIDDEN"), p.why());
        assertEquals(false, g.dossiers.get(ana, d.id()).state().decided(), "the state waits for the approval");
        assertEquals(0, payments(d.id()), "no payment is promised before the approval");
        assertEquals("PROPOSAL_PENDING", code(() -> g.instruction.proposeDecision(ana, d.id(),
                grant(new BigDecimal("2900"), "autre"))));
        // supervisors see what waits
        assertEquals(List.of(p.id()), g.instruction.pendingDecisions(sue).stream().map(PendingDecision::id)
                .filter(id -> id == p.id()).toList());
        assertEquals("OWN_PROPOSAL", code(() -> g.instruction.approveDecision(ana, p.id())));
        Decision made = g.instruction.approveDecision(bob, p.id());
        assertEquals(0, new BigDecimal("3000").compareTo(made.amount()));
        assertEquals(ana.accountId(), made.decidedBy().id());
        assertEquals(bob.accountId(), g.portal.queryLong("SELECT APPROVED_BY FROM DECISION_PROPOSAL WHERE ID = ?", p.id()));
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM DECISION_PROPOSAL WHERE ID = ? AND APPROVED_AT IS NOT"
                + " NULL AND DECISION_ID = ?", p.id(), made.id()));
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE DOSSIER_ID = ? AND EVENT_TYPE ="
                + " 'DECISION_APPROVED' AND ACTOR_ID = ?", d.id(), bob.accountId()));
        assertEquals("PROPOSAL_DONE", code(() -> g.instruction.approveDecision(sue, p.id())));
        // a correction needs a second agent too
        assertEquals("APPROVAL_REQUIRED", code(() -> g.instruction.decide(ana, d.id(), grant(null, "Erreur de montant"))));
    }

    @Test
    void anIbanOtherThanTheApplicantGaveNeedsASecondAgent() {
        Caller ana = g.agent("Iris", VT);
        Caller applicant = g.applicant("Ibrahim");
        Dossier d = g.completeDraft(applicant, null);
        g.dossiers.submit(applicant, d.id());
        // no test scheme asks for an IBAN yet: the answer is written as a scheme whose form asks it would store it
        Map<String, Object> answers = new java.util.LinkedHashMap<>(d.answers());
        answers.put("iban", "FR14 2004 1010 0505 0001 3M02 606");
        g.portal.update("UPDATE DOSSIER SET ANSWERS = ? WHERE ID = ?", org.guichet.dossiers.internal.Json.write(answers),
                d.id());
        g.instruction.take(ana, d.id(), null);
        assertEquals("APPROVAL_REQUIRED", code(() -> g.instruction.decide(ana, d.id(), grant(null, null))));
        // the IBAN she gave is paid without a second agent
        Decision alone = g.instruction.decide(ana, d.id(), new DecisionRequest("GRANTED", null, null, List.of(),
                new Payee("Ibrahim", "FR1420041010050500013M02606", null), null));
        assertEquals("FR1420041010050500013M02606", alone.payee().iban());
    }

    @Test
    void twoAgentsApprovingAtOnceMakeOneDecision() {
        Caller ana = g.agent("Clara", VT);
        List<Caller> approvers = List.of(g.agent("Cora", VT), g.agent("Coline", VT), g.agent("Cyril", VT),
                g.supervisor("Cesar", VT));
        Dossier d = g.takenDossier(g.applicant("Camille"), ana);
        PendingDecision p = g.instruction.proposeDecision(ana, d.id(), grant(new BigDecimal("2000"), "Formation écourtée"));
        var outcomes = TestPortal.race(approvers.size(), i -> g.instruction.approveDecision(approvers.get(i), p.id()));
        List<String> bad = outcomes.stream().filter(o -> !o.ok() && !(o.failure() instanceof GuichetException ge
                && Set.of("PROPOSAL_DONE", "PROPOSAL_STALE", "EDIT_CONFLICT").contains(ge.code())))
                .map(o -> o.failure().toString()).toList();
        assertEquals(List.of(), bad);
        assertEquals(1, outcomes.stream().filter(TestPortal.Outcome::ok).count());
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM DECISION WHERE DOSSIER_ID = ?", d.id()));
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE DOSSIER_ID = ? AND EVENT_TYPE ="
                + " 'DECISION_APPROVED'", d.id()));
    }

    @Test
    void theAgentWhoIssuedASepaFileCannotConfirmItPaid() {
        PaymentServiceImpl payments = new PaymentServiceImpl(g.portal.emf(), g.portal.database(), g.dossiers,
                g.portal.registry(), g.portal.sepa(), g.portal.mail(), g.portal.paymentConfig(Map.of(
                        "debtor.name", "Region", "debtor.iban", IBAN, "debtor.bic", "AGRIFRPP")));
        Organisation school = g.organisation("Centre Quatre Yeux");
        Caller issuer = g.agent("Emile", VT);
        Caller other = g.agent("Odile", VT);
        String email = "quatre.yeux@example.fr";
        g.partners.submitEnrolments(school, List.of(Guichet.enrolment(email)));
        Caller c = g.portal.caller(g.portal.insertAccount(email, "Quatre", Set.of(Role.APPLICANT), Set.of(), null));
        Dossier d = g.takenDossier(c, issuer);
        g.instruction.decide(issuer, d.id(), grant(null, null));
        payments.reportAttendance(school, List.of(Map.of("traineeEmail", email, "month", "2026-09",
                "attendedHours", "100", "scheduledHours", "100")));
        var batch = payments.issue(issuer, LocalDate.of(2027, 12, 31), LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(2));
        assertEquals("ISSUER_CANNOT_CONFIRM", code(() -> payments.confirmPaid(issuer, batch.id(), null)));
        assertEquals("PAID", payments.confirmPaid(other, batch.id(), null).status());
    }

    @Test
    void aSecondAgentTurnsAProposalDownWithAReasonAndItsProposerMayWithdrawIt() {
        Caller ana = g.agent("Rosa", VT);
        Caller bob = g.agent("Raoul", VT);
        Caller outsider = g.agent("Rita", "driving-licence");
        Dossier d = g.takenDossier(g.applicant("Romane"), ana);
        PendingDecision p = g.instruction.proposeDecision(ana, d.id(), grant(new BigDecimal("3000"), "Transport"));
        assertEquals("REJECTION_REASON_REQUIRED", code(() -> g.instruction.rejectDecision(bob, p.id(), "  ")));
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.instruction.rejectDecision(outsider, p.id(), "Non")),
                "an agent of another scheme cannot touch it");
        PendingDecision rejected = g.instruction.rejectDecision(bob, p.id(), "Le transport est déjà pris en charge");
        assertEquals("REJECTED", rejected.status());
        assertEquals(bob.accountId(), rejected.approvedBy().id());
        assertEquals("PROPOSAL_DONE", code(() -> g.instruction.approveDecision(bob, p.id())), "nothing to approve now");
        assertEquals(0, g.portal.queryLong("SELECT COUNT(*) FROM DECISION WHERE DOSSIER_ID = ?", d.id()));
        assertEquals(0, payments(d.id()));
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE DOSSIER_ID = ? AND EVENT_TYPE ="
                + " 'DECISION_PROPOSAL_REJECTED' AND ACTOR_ID = ?", d.id(), bob.accountId()));
        assertTrue(g.instruction.pendingDecisions(bob).stream().noneMatch(x -> x.id() == p.id()), "no longer waits");
        // she proposes again, then takes it back herself (no reason needed)
        PendingDecision again = g.instruction.proposeDecision(ana, d.id(), grant(new BigDecimal("2900"), "Transport"));
        assertEquals("WITHDRAWN", g.instruction.rejectDecision(ana, again.id(), null).status());
        g.instruction.decide(ana, d.id(), grant(null, null)); // the rules' amount needs no second agent
        assertTrue(g.dossiers.get(ana, d.id()).state().decided());
    }

    @Test
    void anApprovalAndRejectionsAtOnceGiveOneOutcome() {
        Caller ana = g.agent("Nadia", VT);
        List<Caller> others = List.of(g.agent("Noe", VT), g.agent("Nils", VT), g.agent("Nora", VT),
                g.supervisor("Nestor", VT));
        Dossier d = g.takenDossier(g.applicant("Nina"), ana);
        PendingDecision p = g.instruction.proposeDecision(ana, d.id(), grant(new BigDecimal("2100"), "Formation"));
        var outcomes = TestPortal.race(others.size(), i -> i == 0 ? g.instruction.approveDecision(others.get(i), p.id())
                : g.instruction.rejectDecision(others.get(i), p.id(), "Non, montant des règles"));
        List<String> bad = outcomes.stream().filter(o -> !o.ok() && !(o.failure() instanceof GuichetException ge
                && Set.of("PROPOSAL_DONE", "PROPOSAL_STALE", "EDIT_CONFLICT").contains(ge.code())))
                .map(o -> o.failure().toString()).toList();
        assertEquals(List.of(), bad);
        assertEquals(1, outcomes.stream().filter(TestPortal.Outcome::ok).count(), "one outcome");
        long decisions = g.portal.queryLong("SELECT COUNT(*) FROM DECISION WHERE DOSSIER_ID = ?", d.id());
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM DECISION_PROPOSAL WHERE ID = ? AND STATUS = '"
                + (decisions == 1 ? "APPROVED" : "REJECTED") + "'", p.id()), "the status says the one outcome");
        assertEquals(decisions == 1 ? 1 : 0, g.portal.queryLong("SELECT COUNT(*) FROM DECISION_PROPOSAL WHERE ID = ? AND"
                + " DECISION_ID IS NOT NULL", p.id()), "a decision only with an approval");
    }
}
