package org.guichet.dossiers.internal.dossiers;

import static org.guichet.dossiers.testing.Guichet.DE;
import static org.guichet.dossiers.testing.Guichet.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.ChecklistItem;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.Receipt;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.Payee;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.Reason;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Portal facts: the person's past decisions reach the rules when the portal evaluates her dossier, never in the
 * simulator. With digital-equipment, a person granted the aid is refused ALREADY_RECEIVED when she applies again
 * through the portal, while the simulator (which knows no person) answers from receivedBefore alone.
 */
class PastDecisionsTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    Guichet g;

    TestPortal.Kind kind() {
        return TestPortal.Kind.DERBY;
    }

    @BeforeEach
    void start() {
        g = new Guichet(kind());
    }

    @AfterEach
    void stop() {
        g.close();
    }

    static Map<String, Object> answers(LocalDate applied, LocalDate start) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("applicationDate", applied.toString());
        a.put("trainingStartDate", start.toString());
        a.put("trainingHours", 600);
        a.put("regionFunded", true);
        a.put("trainingMode", "ON_SITE");
        a.put("equipmentKind", "LAPTOP");
        a.put("quoteAmount", "689.90");
        a.put("taxNoticeProvided", true);
        a.put("referenceTaxIncome", 9000);
        a.put("taxShares", 1);
        a.put("receivedBefore", false);
        return a;
    }

    Dossier draft(Caller who, Map<String, Object> answers) {
        Dossier d = g.dossiers.create(who, DE, null);
        d = g.dossiers.saveAnswers(who, d.id(), answers, null);
        for (ChecklistItem item : d.live().checklist()) {
            g.dossiers.addDocument(who, d.id(), item.documentType(), item.documentType() + ".pdf",
                    pdf(item.documentType()), null);
        }
        return g.dossiers.get(who, d.id());
    }

    static List<String> reasons(Evaluation e) {
        return e.reasons().stream().map(Reason::code).toList();
    }

    @Test
    void aPersonGrantedTheAidIsRefusedAlreadyReceivedWhenSheAppliesAgainButTheSimulatorDoesNotKnowHer()
            throws Exception {
        LocalDate today = LocalDate.ofInstant(g.clock.instant(), PARIS);
        Caller lea = g.applicant("Lea40");
        Caller agent = g.agent("Deagent40", DE);

        Map<String, Object> first = answers(today.minusDays(10), today);
        Dossier granted = draft(lea, first);
        assertTrue(granted.live().eligible(), "first application: " + granted.live());
        g.dossiers.submit(lea, granted.id());
        g.instruction.take(agent, granted.id(), null);
        g.instruction.decide(agent, granted.id(), new DecisionRequest("GRANTED", null, null, List.of(),
                new Payee("Léa Martin", "FR76 3000 6000 0112 3456 7890 189", null), null));

        // she applies again a month later, for another training, and says she never received it
        Map<String, Object> again = answers(today.plusDays(30), today.plusDays(40));
        Dossier second = draft(lea, again);
        assertEquals(Boolean.FALSE, second.live().eligible(), "the portal knows her grant: " + second.live());
        assertEquals(List.of("ALREADY_RECEIVED"), reasons(second.live().evaluation()));
        Receipt receipt = g.dossiers.submit(lea, second.id());
        assertFalse(receipt.eligible(), "the receipt says the same");
        assertEquals(List.of("ALREADY_RECEIVED"), reasons(g.dossiers.get(lea, second.id()).submitted()),
                "the evaluation kept at submission has the reason");

        // the simulator passes no portal fact: the same answers are eligible there
        Evaluation simulated = g.portal.evaluation().evaluate(DE, null, again, Locale.FRENCH);
        assertTrue(simulated.eligible(), "the simulator knows no person: " + reasons(simulated));
        // … where only her own answer counts
        Map<String, Object> says = new LinkedHashMap<>(again);
        says.put("receivedBefore", true);
        assertEquals(List.of("ALREADY_RECEIVED"), reasons(g.portal.evaluation().evaluate(DE, null, says,
                Locale.FRENCH)));

        // another person with the same answers is eligible: the facts are the dossier's person's
        Dossier nina = draft(g.applicant("Nina40"), again);
        assertTrue(nina.live().eligible(), "Nina received nothing: " + nina.live());

        // a grant corrected into a refusal is no grant any more: the decision in force counts
        Caller zoe = g.applicant("Zoe40");
        Dossier corrected = draft(zoe, first);
        g.dossiers.submit(zoe, corrected.id());
        g.instruction.take(agent, corrected.id(), null);
        g.instruction.decide(agent, corrected.id(), new DecisionRequest("GRANTED", null, null, List.of(),
                new Payee("Zoé Petit", "FR76 3000 6000 0112 3456 7890 189", null), null));
        // a correction that touches money is approved by a second agent (four eyes)
        var proposal = g.instruction.proposeDecision(agent, corrected.id(), new DecisionRequest("REFUSED", null,
                "Formation annulée", List.of("La formation n'a pas lieu"), null, null));
        g.instruction.approveDecision(g.agent("Deagent41", DE), proposal.id());
        assertTrue(draft(zoe, again).live().eligible(), "her grant was corrected into a refusal");

        // the granted dossier is not refused for its own decision when an agent re-evaluates it
        assertTrue(g.instruction.reevaluate(agent, granted.id(), granted.schemeVersion()).after().eligible(),
                "a dossier's own decision is not a past decision");
    }
}
