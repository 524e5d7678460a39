package org.guichet.dossiers.internal.delegation;

import static org.guichet.dossiers.testing.Guichet.VT;
import static org.guichet.dossiers.testing.Guichet.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.guichet.api.accounts.Caller;
import org.guichet.api.activity.ActivityEvent;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.dossiers.EnrolmentOffer;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.Payee;
import org.guichet.api.instruction.PhoneCall;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.partners.EnrolmentReport;
import org.guichet.api.partners.Organisation;
import org.guichet.api.payments.AttendanceReport;
import org.guichet.dossiers.testing.Guichet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Delegated access reaches exactly what was consented: phone calls (one dossier, for a while), mandates (only what
 * was filed under them, only once the applicant confirmed), organisations' keys (only the dossiers that name them).
 * Each test here is one finding of the review that opened issue 10, played through the real services on Derby.
 */
class DelegatedAccessTest {
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

    // ---- phone calls

    @Test
    void aCallAboutTheAccountReachesNoDossierEvenOfAnotherScheme() {
        Caller lea = g.applicant("Lea1");
        Dossier draft = g.dossiers.create(lea, VT, null);
        Caller dlAgent = g.agent("Dlagent1", Guichet.DL);
        // the finding: a call opened without a dossier, then X-Phone-Call on a vocational-training draft
        PhoneCall call = g.instruction.startCall(dlAgent, lea.accountId(), null, "Ne retrouve pas son mot de passe");
        Caller onCall = g.instruction.assisted(dlAgent, call.id());
        assertEquals(List.of(), g.dossiers.list(onCall), "the account call lists no dossier");
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.get(onCall, draft.id())));
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.saveAnswers(onCall, draft.id(),
                Map.of("birthDate", "1990-01-01"), null)));
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.addDocument(onCall, draft.id(), "IDENTITY", "x.pdf",
                pdf("x"), null)));
        assertEquals("CALL_SCOPE", code(() -> g.dossiers.create(onCall, VT, null)));
        // and a call cannot be opened on a dossier of a scheme the agent does not instruct
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.instruction.startCall(dlAgent, lea.accountId(), draft.id(),
                "aide")));
        assertTrue(g.dossiers.get(lea, draft.id()).answers().isEmpty(), "nothing was changed");
    }

    @Test
    void aCallOnADossierReachesThatDossierOnlyAndEnds() {
        Caller lea = g.applicant("Lea2");
        Dossier first = g.dossiers.create(lea, VT, null);
        Dossier second = g.dossiers.create(lea, VT, null);
        Caller agent = g.agent("Vtagent2", VT);
        PhoneCall call = g.instruction.startCall(agent, lea.accountId(), first.id(), "Bloquée à l'étape des revenus :"
                + " ne comprend pas l'avis d'impôt");
        Caller onCall = g.instruction.assisted(agent, call.id());
        g.dossiers.saveAnswers(onCall, first.id(), Map.of("taxShares", 1), null);
        assertEquals(List.of(first.id()), g.dossiers.list(onCall).stream().map(s -> s.id()).toList());
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.get(onCall, second.id())));
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.saveAnswers(onCall, second.id(),
                Map.of("taxShares", 2), null)));

        // 30 minutes (phone.call.minutes) later the call gives nothing any more
        g.clock.advance(Duration.ofMinutes(31));
        assertEquals("CALL_ENDED", code(() -> g.instruction.assisted(agent, call.id())));
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.get(onCall, first.id())),
                "a caller made during the call stops working when the call's time is over");

        // the applicant sees that an agent acted for her during a call, not the agent's words
        List<ActivityEvent> history = g.dossiers.get(lea, first.id()).history();
        String shown = history.stream().map(e -> e.type() + ": " + e.detail()).collect(Collectors.joining("\n"));
        assertFalse(shown.contains("avis d'impôt"), shown);
        assertTrue(shown.contains("PHONE_CALL_STARTED: Appel avec un agent de la Région"), shown);
        assertTrue(shown.contains("ANSWERS_SAVED: Pendant un appel, un agent de la Région a fait pour vous"), shown);
        g.clock.advance(Duration.ofMinutes(-31));
    }

    // ---- mandates

    @Test
    void aSignedConsentWaitsForTheApplicantAndReachesOnlyWhatIsFiledUnderIt() {
        Caller lea = g.applicant("Lea3");
        Dossier own = g.dossiers.create(lea, VT, null);
        Caller mediator = g.mediator("Camille3", g.organisation("Mission locale 3").id());
        Mandate m = g.mandates.recordSignedConsent(mediator, lea.email(), "Léa", "consentement.pdf", pdf("consent"));
        assertEquals("PENDING", m.state(), "any image is not a consent: it waits for her or an agent");
        assertEquals("MANDATE_REQUIRED", code(() -> g.dossiers.create(mediator, VT, lea.accountId())));
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.get(mediator, own.id())));

        // she confirms with the code mailed to her
        String code = g.portal.mail().lastCode(lea.email()).orElseThrow();
        assertEquals("ACTIVE", g.mandates.acceptWithCode(lea, m.id(), code).state());
        // a mandate reaches the dossiers filed under it, never the ones she opened alone
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.get(mediator, own.id())));
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.saveAnswers(mediator, own.id(),
                Map.of("taxShares", 2), null)));
        Dossier filed = g.dossiers.create(mediator, VT, lea.accountId());
        assertEquals(filed.id(), g.dossiers.get(mediator, filed.id()).id());
        assertEquals(List.of(filed.id()), g.dossiers.list(mediator).stream().map(s -> s.id()).toList());
        // unless she shares one herself
        assertEquals("APPLICANT_ONLY", code(() -> g.dossiers.share(mediator, filed.id(), m.id())));
        g.dossiers.share(lea, own.id(), m.id());
        assertEquals(own.id(), g.dossiers.get(mediator, own.id()).id());

        // revoked: nothing any more, and a new "consent" does not bring him back
        g.mandates.revoke(lea, m.id());
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.get(mediator, filed.id())));
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.get(mediator, own.id())));
        Mandate again = g.mandates.recordSignedConsent(mediator, lea.email(), "Léa", "encore.pdf", pdf("again"));
        assertEquals("PENDING", again.state());
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.get(mediator, filed.id())));
        assertEquals("INVALID_CODE", code(() -> g.mandates.acceptWithCode(mediator, again.id(), code)),
                "the old code died with the old mandate");
    }

    @Test
    void anAgentChecksASignedConsentForm() {
        Caller lea = g.applicant("Lea4");
        Caller mediator = g.mediator("Camille4", g.organisation("Mission locale 4").id());
        Caller agent = g.agent("Vtagent4", VT);
        Mandate m = g.mandates.recordSignedConsent(mediator, lea.email(), "Léa", "consentement.pdf", pdf("consent"));
        assertEquals("AGENT_ONLY", code(() -> g.mandates.consentsToCheck(mediator)));
        assertTrue(g.mandates.consentsToCheck(agent).stream().anyMatch(x -> x.id() == m.id()));
        assertNotNull(g.mandates.consentForm(agent, m.id()).path());
        assertEquals("COMMENT_REQUIRED", code(() -> g.mandates.checkConsent(agent, m.id(), false, " ")));
        assertEquals("ACTIVE", g.mandates.checkConsent(agent, m.id(), true, null).state());
        assertEquals("MANDATE_NOT_PENDING", code(() -> g.mandates.checkConsent(agent, m.id(), true, null)));
        assertTrue(g.mailTopics(lea.email()).contains("MANDATE_RECORDED"), "she is told, and can revoke it");

        Caller nina = g.applicant("Nina4");
        Mandate bad = g.mandates.recordSignedConsent(mediator, nina.email(), "Nina", "blanc.pdf", pdf("blank"));
        assertEquals("REFUSED", g.mandates.checkConsent(agent, bad.id(), false, "Le formulaire n'est pas signé").state());
        assertEquals("MANDATE_REQUIRED", code(() -> g.dossiers.create(mediator, VT, nina.accountId())));
    }

    @Test
    void mandateRequestsToOnePersonAreLimited() {
        Caller mediator = g.mediator("Camille5", g.organisation("Mission locale 5").id());
        Caller lea = g.applicant("Lea5");
        for (int i = 0; i < 3; i++) {
            g.mandates.request(mediator, lea.email(), "Léa");
        }
        GuichetException e = assertThrows(GuichetException.class, () -> g.mandates.request(mediator, lea.email(), "Léa"));
        assertEquals("MANDATE_REQUESTS_LIMIT", e.code());
        assertEquals(429, e.kind().status());
        assertTrue(((Number) e.details().get("retryAfterSeconds")).longValue() > 0);
        assertEquals(1, g.mandates.list(lea).size(), "one pending mandate, asked again, not three");
    }

    // ---- organisations

    @Test
    void anOrganisationsDataNeverEntersADraftOpenedBeforeWithoutHerAcceptance() {
        Caller lea = g.applicant("Lea6");
        Dossier draft = g.dossiers.create(lea, VT, null);
        Organisation intruder = g.organisation("Organisme 6");
        EnrolmentReport r = g.partners.submitEnrolments(intruder, List.of(Guichet.enrolment(lea.email())));
        g.partners.attachCertificate(intruder, r.enrolmentIds().get(0), "attestation.pdf", pdf("cert"));
        Dossier after = g.dossiers.get(lea, draft.id());
        assertTrue(after.documents().isEmpty(), "the certificate is not attached to her existing draft");
        assertTrue(after.answerSources().isEmpty());
        List<EnrolmentOffer> offers = g.dossiers.offers(lea, draft.id());
        assertEquals(1, offers.size());
        assertTrue(offers.get(0).certificate());
        assertEquals("DOSSIER_NOT_FOUND", code(() -> g.dossiers.offers(g.applicant("Nina6"), draft.id())));
        Dossier accepted = g.dossiers.acceptOffer(lea, draft.id(), offers.get(0).enrolmentId());
        assertEquals("ORGANISATION:" + intruder.id(), accepted.answerSources().get("trainingHours"));
        assertEquals(1, accepted.documents().size());
        assertTrue(g.dossiers.offers(lea, draft.id()).isEmpty(), "accepted once");
    }

    @Test
    void attendanceAndComplementsOnlyForTheDossiersThatNameTheOrganisation() {
        Caller lea = g.applicant("Lea7");
        Caller agent = g.agent("Vtagent7", VT);
        Organisation school = g.organisation("Centre 7");
        Organisation other = g.organisation("Autre 7");
        g.partners.submitEnrolments(school, List.of(Guichet.enrolment(lea.email())));
        Dossier d = g.takenDossier(lea, agent);
        // another organisation enrols the same address afterwards
        EnrolmentReport foreign = g.partners.submitEnrolments(other, List.of(Guichet.enrolment(lea.email())));

        // a complement addressed to the school: the other organisation's certificate does not answer it
        ComplementRequest asked = g.instruction.requestComplement(agent, d.id(), "Merci d'envoyer l'attestation",
                List.of("TRAINING_ENTRY_CERTIFICATE"), List.of(), null, "ORGANISATION");
        g.partners.attachCertificate(other, foreign.enrolmentIds().get(0), "a.pdf", pdf("other"));
        assertEquals(DossierState.WAITING_COMPLEMENT, g.dossiers.get(lea, d.id()).state());
        assertEquals("OPEN", g.instruction.complements(lea, d.id()).get(0).state());
        // the school's does, exactly as when the applicant answers: back to the agent, new deadline, agent told
        long schoolEnrolment = g.portal.queryLong("SELECT MIN(ID) FROM ENROLMENT WHERE ORGANISATION_ID = ?", school.id());
        g.portal.mail().clear();
        g.partners.attachCertificate(school, schoolEnrolment, "b.pdf", pdf("school"));
        assertEquals(DossierState.IN_REVIEW, g.dossiers.get(lea, d.id()).state());
        var file = g.instruction.caseFile(agent, d.id());
        assertEquals("ANSWERED", file.complements().get(0).state());
        assertEquals("AGENT", file.waitingOn());
        assertEquals(g.clock.instant().atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate().plusDays(15),
                file.deadline());
        assertTrue(g.mailTopics(agent.email()).contains("COMPLEMENT_ANSWERED"), "the agent is told");
        assertNotNull(asked);

        // granted; attendance from the other organisation changes nothing
        g.instruction.decide(agent, d.id(), new DecisionRequest("GRANTED", null, null, List.of(),
                new Payee("Léa Martin", IBAN, null), null));
        Map<String, Object> row = Map.of("traineeEmail", lea.email(), "month", "2026-09", "attendedHours", "10",
                "scheduledHours", "100");
        AttendanceReport refused = g.payments.reportAttendance(other, List.of(row));
        assertEquals(0, refused.accepted());
        assertEquals("NO_PAYMENT_FOR_MONTH", refused.rejected().get(0).code());
        AttendanceReport ok = g.payments.reportAttendance(school, List.of(Map.of("traineeEmail", lea.email(),
                "month", "2026-09", "attendedHours", "100", "scheduledHours", "100")));
        assertEquals(1, ok.accepted());
        var september = g.payments.payments(lea, d.id()).stream().filter(p -> p.month().equals("2026-09")).findFirst()
                .orElseThrow();
        assertEquals(0, september.payableAmount().compareTo(september.promisedAmount()));
        assertTrue(september.payableAmount().compareTo(BigDecimal.ZERO) > 0);
    }
}
