package org.guichet.dossiers.internal.observatory;

import static org.guichet.dossiers.testing.Guichet.VT;
import static org.guichet.dossiers.testing.Guichet.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.Payee;
import org.guichet.api.observatory.Summary;
import org.guichet.api.partners.Organisation;
import org.guichet.dossiers.internal.payments.PaymentServiceImpl;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A known population played through the real services (issue 15, point 6): some alone, some with a mediator, one helped
 * by phone, one pre-filled by its training organisation and paid, some abandoning at answers, documents, complements
 * and decision. Every figure of the summary is checked against numbers the scenario counts itself as it plays.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservatoryScenarioTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String IBAN = "FR76 3000 6000 0112 3456 7890 189";
    static final String PASSWORD = "la mer est calme ce matin";

    Guichet g;
    ObservatoryServiceImpl open;
    ObservatoryServiceImpl guarded;
    Caller directorate;
    Organisation missionLocale;
    Organisation school;
    LocalDate from;
    LocalDate to;

    // what the scenario did, counted by the scenario
    int simulations;
    int signUps;
    int activations;
    int opened;
    int answersComplete;
    int documentsComplete;
    final Map<String, Integer> channels = new LinkedHashMap<>();
    final Map<String, Integer> stops = new LinkedHashMap<>();
    int decided;
    int granted;
    int refused;
    int paid;
    int phoneCalls;
    long phoneSeconds;
    int mediated;
    final List<Double> toDecisionDays = new ArrayList<>();
    final List<Double> waitApplicantDays = new ArrayList<>();
    int refusedAtUpload;
    int rejectedByAgent;
    int askedAgain;
    final Map<String, Integer> answeredBy = new LinkedHashMap<>();
    int attendanceLines;

    protected TestPortal.Kind kind() {
        return TestPortal.Kind.DERBY;
    }

    @BeforeAll
    void play() {
        g = new Guichet(kind());
        open = new ObservatoryServiceImpl(g.portal.emf(), g.portal.registry(),
                TestPortal.config(ObservatoryConfig.class, Map.of("minimumCell", 1)), g.clock);
        guarded = new ObservatoryServiceImpl(g.portal.emf(), g.portal.registry(),
                TestPortal.config(ObservatoryConfig.class, Map.of()), g.clock);
        directorate = g.portal.caller(g.portal.insertAccount("direction@region.example", "Direction",
                Set.of(Role.DIRECTORATE), Set.of(), null));
        LocalDate today = LocalDate.ofInstant(g.clock.instant(), PARIS);
        from = today.minusDays(1);
        to = today.plusDays(60);

        // 7 anonymous simulations, one of an unknown scheme (not counted)
        for (int i = 0; i < 7; i++) {
            open.simulated(VT);
            simulations++;
        }
        open.simulated("no-such-scheme");
        // 3 sign-ups, 2 activated
        for (int i = 0; i < 3; i++) {
            g.accounts.signUp("inscrit" + i + "@example.fr", PASSWORD, "Inscrit " + i);
            signUps++;
        }
        for (int i = 0; i < 2; i++) {
            g.accounts.activate(g.portal.mail().lastLinkParameter("inscrit" + i + "@example.fr", "jeton").orElseThrow(),
                    PASSWORD);
            activations++;
        }

        Caller ana = g.agent("Ana", VT);
        Caller bob = g.agent("Bob", VT);
        missionLocale = g.organisation("Mission locale du Port");
        Caller camille = g.mediator("Camille", missionLocale.id());
        school = g.organisation("Centre de formation Horizon");

        // --- submitted: 3 alone, 2 by the mediator, 1 by phone, 1 pre-filled by the school
        List<Dossier> alone = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Caller a = g.applicant("Seule" + i);
            alone.add(submitAlone(a));
        }
        List<Dossier> byMediator = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Caller a = g.applicant("Aidee" + i);
            var m = g.mandates.recordSignedConsent(camille, a.email(), "Aidée " + i, "consentement.pdf", pdf("c"));
            g.mandates.acceptWithCode(a, m.id(), g.portal.mail().lastCode(a.email()).orElseThrow());
            Dossier d = g.completeDraft(camille, a.accountId());
            g.dossiers.submit(camille, d.id());
            count(d);
            channels.merge("MEDIATOR", 1, Integer::sum);
            mediated++;
            byMediator.add(d);
        }
        Caller phoned = g.applicant("Appelee");
        Dossier onPhone = g.dossiers.create(phoned, VT, null);
        opened++;
        var call = g.instruction.startCall(bob, phoned.accountId(), onPhone.id(), "Ne trouve pas le bouton d'envoi");
        Caller helped = g.instruction.assisted(bob, call.id());
        Dossier filled = fill(helped, onPhone);
        g.dossiers.submit(helped, filled.id());
        channels.merge("PHONE", 1, Integer::sum);
        g.clock.advance(Duration.ofMinutes(12));
        g.instruction.endCall(bob, call.id(), "Envoyée");
        phoneCalls++;
        phoneSeconds += 12 * 60;

        String traineeEmail = "stagiaire.horizon@example.fr";
        g.partners.submitEnrolments(school, List.of(Guichet.enrolment(traineeEmail)));
        Caller trainee = g.portal.caller(g.portal.insertAccount(traineeEmail, "Stagiaire", Set.of(Role.APPLICANT),
                Set.of(), null));
        Dossier prefilled = submitAlone(trainee);
        channels.merge("ONLINE", -1, Integer::sum);
        channels.merge("PARTNER", 1, Integer::sum);

        // --- abandoned before submission: 1 just opened, 1 with some answers, 2 at the documents
        g.dossiers.create(g.applicant("Ouverte"), VT, null);
        opened++;
        stops.merge("DOSSIER_OPENED", 1, Integer::sum);
        Caller partial = g.applicant("Partielle");
        Dossier p = g.dossiers.create(partial, VT, null);
        g.dossiers.saveAnswers(partial, p.id(), Map.of("taxShares", 1), null);
        opened++;
        stops.merge("ANSWERS_SAVED", 1, Integer::sum);
        for (int i = 0; i < 2; i++) {
            Caller a = g.applicant("SansPieces" + i);
            Dossier d = g.dossiers.create(a, VT, null);
            Map<String, Object> answers = new LinkedHashMap<>(Guichet.vocationalTrainingAnswers());
            answers.putAll(Guichet.trainingAnswers());
            d = g.dossiers.saveAnswers(a, d.id(), answers, null);
            opened++;
            answersComplete++;
            // a text file where a PDF is asked: refused by the checks at upload
            String type = d.live().checklist().get(0).documentType();
            assertThrows(GuichetException.class, () -> g.dossiers.addDocument(a, dossierOf(a), type, "note.txt",
                    new ByteArrayInputStream("pas un pdf".getBytes(StandardCharsets.UTF_8)), null));
            refusedAtUpload++;
            stops.merge("ANSWERS_COMPLETE", 1, Integer::sum);
        }

        // --- instruction, all submitted at T0. Two days later: two alone granted, one mediated refused
        List<Dossier> submitted = new ArrayList<>(alone);
        submitted.addAll(byMediator);
        submitted.add(filled);
        submitted.add(prefilled);
        for (Dossier d : submitted) {
            g.instruction.take(ana, d.id(), null);
        }
        g.clock.advance(Duration.ofDays(2));
        decide(ana, alone.get(0), true, 2);
        decide(ana, alone.get(1), true, 2);
        decide(ana, byMediator.get(0), false, 2);
        // an agent rejects a document of the prefilled dossier and asks it again: the school... the trainee answers
        long docId = g.dossiers.get(trainee, prefilled.id()).documents().get(0).id();
        String docType = g.dossiers.get(trainee, prefilled.id()).documents().get(0).documentType();
        g.instruction.checkDocument(ana, prefilled.id(), docId, "REJECTED", "ILLEGIBLE", null);
        rejectedByAgent++;
        var asked = g.instruction.requestComplement(ana, prefilled.id(), "Renvoyez un document lisible", List.of(docType),
                List.of(), null, null);
        askedAgain++;
        // the phoned dossier gets a complement too, never answered (abandon at complements)
        g.instruction.requestComplement(ana, filled.id(), "Il manque une précision", List.of(docType), List.of(),
                null, null);
        askedAgain++;
        g.clock.advance(Duration.ofDays(3));
        g.dossiers.addDocument(trainee, prefilled.id(), docType, "lisible.pdf", pdf("lisible"), null);
        g.instruction.answerComplement(trainee, prefilled.id(), asked.id(), "Voici");
        answeredBy.merge("ONLINE", 1, Integer::sum);
        waitApplicantDays.add(3.0);
        // the second mediated dossier (still waiting for its decision): a question, answered by the mediator for her
        var question = g.instruction.requestComplement(ana, byMediator.get(1).id(), "Confirmez la date de fin",
                List.of(), List.of("trainingEndDate"), null, null);
        g.instruction.answerComplement(camille, byMediator.get(1).id(), question.id(), "Date confirmée");
        answeredBy.merge("MEDIATOR", 1, Integer::sum);
        // five days after T0: the prefilled dossier granted; the third alone dossier and the second mediated one wait
        decide(ana, prefilled, true, 5);
        for (double w : List.of(0.0, 0.0, 0.0)) {
            waitApplicantDays.add(0, w);
        }

        // --- the prefilled one is paid 4 days after its decision, against attendance the school reported
        PaymentServiceImpl payments = new PaymentServiceImpl(g.portal.emf(), g.portal.database(), g.dossiers,
                g.portal.registry(), g.portal.sepa(), g.portal.mail(), g.portal.paymentConfig(Map.of(
                        "debtor.name", "Region", "debtor.iban", IBAN, "debtor.bic", "AGRIFRPP")));
        payments.reportAttendance(school, List.of(Map.of("traineeEmail", traineeEmail, "month", "2026-09",
                "attendedHours", "100", "scheduledHours", "100")));
        attendanceLines++;
        LocalDate decidedDay = LocalDate.ofInstant(g.clock.instant(), PARIS);
        var batch = payments.issue(ana, LocalDate.of(2027, 12, 31), decidedDay.plusDays(2));
        payments.confirmPaid(bob, batch.id(), decidedDay.plusDays(4));
        paid++;
    }

    Dossier submitAlone(Caller a) {
        Dossier d = g.completeDraft(a, null);
        g.dossiers.submit(a, d.id());
        count(d);
        channels.merge("ONLINE", 1, Integer::sum);
        return d;
    }

    void count(Dossier d) {
        opened++;
        answersComplete++;
        documentsComplete++;
    }

    Dossier fill(Caller who, Dossier d) {
        Map<String, Object> answers = new LinkedHashMap<>(Guichet.vocationalTrainingAnswers());
        answers.putAll(Guichet.trainingAnswers());
        d = g.dossiers.saveAnswers(who, d.id(), answers, null);
        answersComplete++;
        for (var item : d.live().checklist()) {
            g.dossiers.addDocument(who, d.id(), item.documentType(), item.documentType() + ".pdf",
                    pdf(item.documentType()), null);
        }
        documentsComplete++;
        return g.dossiers.get(who, d.id());
    }

    long dossierOf(Caller a) {
        return g.dossiers.list(a).get(0).id();
    }

    void decide(Caller agent, Dossier d, boolean grant, double days) {
        g.instruction.decide(agent, d.id(), grant
                ? new DecisionRequest("GRANTED", null, null, List.of(), new Payee("Léa", IBAN, null), null)
                : new DecisionRequest("REFUSED", null, null, List.of("Formation hors de la région"), null, null));
        decided++;
        if (grant) {
            granted++;
        } else {
            refused++;
        }
        toDecisionDays.add(days);
    }

    @AfterAll
    void stop() {
        g.close();
    }

    static Long countOf(List<Summary.Count> cells, String key) {
        return cells.stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow().count();
    }

    static Long step(Summary s, String step) {
        return s.funnel().stream().filter(x -> x.step().equals(step)).findFirst().orElseThrow().count();
    }

    static Summary.Delay delay(Summary s, String name) {
        return s.delays().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    /** Nearest-rank percentile of what the scenario did, computed here independently. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }

    @Test
    void theFunnelCountsWhatThePopulationDid() {
        Summary s = open.summary(directorate, VT, from, to, null);
        assertEquals(List.of("SIMULATED", "ACCOUNT_CREATED", "ACCOUNT_ACTIVATED", "DOSSIER_OPENED", "ANSWERS_COMPLETE",
                "DOCUMENTS_COMPLETE", "SUBMITTED", "DECIDED", "FIRST_PAYMENT"), s.funnel().stream().map(x -> x.step())
                .toList());
        assertEquals(simulations, step(s, "SIMULATED"));
        assertEquals(signUps, step(s, "ACCOUNT_CREATED"));
        assertEquals(activations, step(s, "ACCOUNT_ACTIVATED"));
        assertEquals(opened, step(s, "DOSSIER_OPENED"));
        assertEquals(answersComplete, step(s, "ANSWERS_COMPLETE"));
        assertEquals(documentsComplete, step(s, "DOCUMENTS_COMPLETE"));
        assertEquals(channels.values().stream().mapToInt(i -> i).sum(), step(s, "SUBMITTED"));
        assertEquals(decided, step(s, "DECIDED"));
        assertEquals(paid, step(s, "FIRST_PAYMENT"));
        assertEquals("dossiers", s.funnel().get(3).unit());
        assertEquals("simulations", s.funnel().get(0).unit());
        for (String stop : ObservatoryServiceImpl.STOPS) {
            assertEquals((long) stops.getOrDefault(stop, 0), countOf(s.stops(), stop), stop);
        }
    }

    @Test
    void channelsAssistanceAndOutcomes() {
        Summary s = open.summary(directorate, VT, from, to, null);
        for (String c : ObservatoryServiceImpl.CHANNELS) {
            assertEquals((long) channels.getOrDefault(c, 0), countOf(s.channels(), c), c);
        }
        assertEquals(phoneCalls, s.assistance().phoneCallsOnDossiers().count());
        assertEquals(Math.round(phoneSeconds / 60.0), s.assistance().phoneMinutesOnDossiers().count());
        assertEquals(12.0, s.assistance().phoneMinutesPerDossier().median());
        assertEquals(mediated, s.assistance().mediatedDossiers().count());
        assertEquals(granted, s.outcomes().granted().count());
        assertEquals(refused, s.outcomes().refused().count());
        assertEquals(refused, countOf(s.outcomes().refusedReasons(), "OTHER"));
        // the school: one pre-filled dossier, its answers and its certificate; the mission locale: two mediated
        var school = s.assistance().organisations().stream().filter(o -> o.organisationId() == this.school.id())
                .findFirst().orElseThrow();
        assertEquals(1, school.prefilledDossiers());
        assertTrue(school.answersSupplied() > 0, school.toString());
        var ml = s.assistance().organisations().stream().filter(o -> o.organisationId() == missionLocale.id())
                .findFirst().orElseThrow();
        assertEquals(mediated, ml.mediatedDossiers());
        assertEquals("Mission locale du Port", ml.name());
        // what the organisations did: the school's month of attendance, counted and in its minutes
        assertEquals(attendanceLines, s.assistance().organisationAttendance().count());
        assertEquals(attendanceLines, school.attendanceReported());
        assertEquals(0, ml.attendanceReported());
        // its estimated minutes by the method written in docs/observatory.md, with the defaults (no mediator of its own)
        assertEquals(school.answersSupplied() * 1 + school.documentsSupplied() * 5 + attendanceLines * 2,
                school.estimatedMinutes());
        // who answered the complements
        for (String c : ObservatoryServiceImpl.CHANNELS) {
            assertEquals((long) answeredBy.getOrDefault(c, 0), countOf(s.complementsAnsweredBy(), c), c);
        }
        // agent time: every decided dossier had at least one action of an agent (a session counts 5 minutes at least)
        assertTrue(s.assistance().agentMinutesPerDossier().median() >= 5.0, s.assistance().toString());
    }

    @Test
    void delaysAreMediansAndNinetiethPercentilesOfTheScenario() {
        Summary s = open.summary(directorate, VT, from, to, null);
        Summary.Delay d = delay(s, "SUBMISSION_TO_DECISION");
        assertEquals(toDecisionDays.size(), d.count());
        assertEquals(percentile(toDecisionDays, 0.5), d.median(), 0.05);
        assertEquals(percentile(toDecisionDays, 0.9), d.p90(), 0.05);
        Summary.Delay w = delay(s, "WAITING_ON_APPLICANT");
        assertEquals(percentile(waitApplicantDays, 0.9), w.p90(), 0.05);
        assertEquals(percentile(waitApplicantDays, 0.5), w.median(), 0.05);
        // the prefilled dossier waited 5 days, 3 on the trainee: 2 on the region
        Summary.Delay agent = delay(s, "WAITING_ON_AGENT");
        assertEquals(2.0, agent.p90(), 0.05);
        Summary.Delay pay = delay(s, "DECISION_TO_FIRST_PAYMENT");
        assertEquals(1, pay.count());
        assertEquals(4.0, pay.median());
    }

    /** The start's warm-up computes every scheme's year and keeps nothing: no row written, the same figures after. */
    @Test
    void theWarmUpOnlyReads() {
        Summary before = open.summary(directorate, VT, from, to, null);
        String tables = "SELECT (SELECT COUNT(*) FROM OBSERVATORY_DOSSIER) + (SELECT COUNT(*) FROM OBSERVATORY_DAY)"
                + " + (SELECT COUNT(*) FROM OBSERVATORY_DOCUMENT) + (SELECT COUNT(*) FROM ACTIVITY_EVENT) FROM"
                + " OBSERVATORY_DAY FETCH FIRST 1 ROWS ONLY";
        long rows = g.portal.queryLong(tables);
        assertTrue(open.warmUp() >= 0);
        assertEquals(rows, g.portal.queryLong(tables));
        Summary after = open.summary(directorate, VT, from, to, null);
        assertEquals(before.funnel(), after.funnel());
        assertEquals(before.assistance(), after.assistance());
    }

    @Test
    void documentsRefusedAtUploadRejectedAndAskedAgain() {
        Summary s = open.summary(directorate, VT, from, to, null);
        assertEquals(refusedAtUpload, s.refusedAtUpload().stream().mapToLong(x -> x.count()).sum());
        assertTrue(s.refusedAtUpload().stream().allMatch(x -> x.reason() != null), s.refusedAtUpload().toString());
        assertEquals(rejectedByAgent, s.complements().stream().filter(x -> "REJECTED".equals(x.outcome())
                && "ILLEGIBLE".equals(x.reason())).mapToLong(x -> x.count()).sum());
        assertEquals(askedAgain, s.complements().stream().filter(x -> "ASKED_AGAIN".equals(x.outcome()))
                .mapToLong(x -> x.count()).sum());
    }

    @Test
    void smallCountsAreSuppressedWithTheirComplement() {
        Summary s = guarded.summary(directorate, VT, from, to, null);
        assertEquals(5, s.minimumCell());
        // 7 simulations are shown, 3 sign-ups are not
        assertEquals(simulations, step(s, "SIMULATED"));
        assertNull(step(s, "ACCOUNT_CREATED"));
        assertTrue(s.funnel().get(1).suppressed());
        // channels: ONLINE 3, MEDIATOR 2, PHONE 1, PARTNER 1 → all below 5 are hidden, none can be recomputed
        for (var c : s.channels()) {
            long truth = channels.getOrDefault(c.key(), 0);
            if (truth > 0 && truth < 5) {
                assertTrue(c.suppressed() && c.count() == null, c.toString());
            }
        }
        assertTrue(s.delays().stream().allMatch(x -> x.suppressed() == (x.count() == null)));
        assertTrue(delay(s, "DECISION_TO_FIRST_PAYMENT").suppressed(), "one payment: one person");
    }

    @Test
    void onlyTheDirectorateSupervisorsOfTheSchemeAndOrganisationsForTheirOwn() {
        String code = assertThrows(GuichetException.class, () -> open.summary(g.applicant("Curieuse"), VT, from, to,
                null)).code();
        assertEquals("OBSERVATORY_FORBIDDEN", code);
        assertEquals("OBSERVATORY_FORBIDDEN", assertThrows(GuichetException.class, () -> open.summary(
                g.agent("Agent", VT), VT, from, to, null)).code());
        assertEquals("OBSERVATORY_FORBIDDEN", assertThrows(GuichetException.class, () -> open.summary(
                g.supervisor("Autre", Guichet.DL), VT, from, to, null)).code(), "a supervisor of another scheme");
        assertEquals(opened, step(open.summary(g.supervisor("Sue", VT), VT, from, to, null), "DOSSIER_OPENED"));
        // a mediator asking for the whole scheme gets her organisation's trainees only
        Caller camille2 = g.mediator("Camille2", missionLocale.id());
        Summary mine = open.summary(camille2, VT, from, to, null);
        assertEquals(missionLocale.id(), mine.organisationId());
        assertEquals(mediated, step(mine, "DOSSIER_OPENED"));
        assertEquals(school.id(), open.summary(school, VT, from, to).organisationId());
        assertEquals(1L, step(open.summary(school, VT, from, to), "SUBMITTED"));
    }

    @Test
    void theDirectorateReachesNoDossier() {
        long any = g.portal.queryLong("SELECT MIN(ID) FROM DOSSIER");
        assertEquals("DOSSIER_NOT_FOUND", assertThrows(GuichetException.class, () -> g.dossiers.get(directorate, any))
                .code());
        assertThrows(GuichetException.class, () -> g.instruction.caseFile(directorate, any));
    }

    @Test
    void badPeriodsAndUnknownSchemes() {
        var e = assertThrows(GuichetException.class, () -> open.summary(directorate, VT, to, from, null));
        assertEquals("PERIOD_INVALID", e.code());
        assertEquals("to", e.field());
        assertEquals("from", assertThrows(GuichetException.class, () -> open.summary(directorate, VT, null, to, null))
                .field());
        assertEquals(GuichetException.Kind.NOT_FOUND, assertThrows(GuichetException.class,
                () -> open.summary(directorate, "no-such-scheme", from, to, null)).kind());
    }
}
