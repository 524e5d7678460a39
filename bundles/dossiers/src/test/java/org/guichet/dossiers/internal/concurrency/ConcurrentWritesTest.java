package org.guichet.dossiers.internal.concurrency;

import static org.guichet.dossiers.testing.Guichet.VT;
import static org.guichet.dossiers.testing.Guichet.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.Receipt;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.Payee;
import org.guichet.api.partners.Organisation;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.TestPortal;
import org.guichet.dossiers.testing.TestPortal.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every write path people hit at the same moment, N threads at once, on embedded Derby (the default database) and
 * on PostgreSQL (PostgresConcurrentWritesTest):
 * each answer is a success or the documented refusal — never an unexpected failure — and the database holds exactly
 * what was acknowledged. Correctness only: no timing is asserted.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ConcurrentWritesTest {
    static final String PASSWORD = "la mer est calme ce matin";
    static final String IBAN = "FR76 3000 6000 0112 3456 7890 189";
    Guichet g;

    /** The database these run on; PostgresConcurrentWritesTest says PostgreSQL. */
    protected TestPortal.Kind kind() {
        return TestPortal.Kind.DERBY;
    }

    @BeforeAll
    void start() {
        // the rate limits (RateLimitsTest) are opened wide here: what is raced is the counting underneath them
        g = new Guichet(kind(), Map.of("sign.up.per.address", 1000, "code.sign.in.per.address", 1000,
                "mandate.code.per.account", 1000));
    }

    @AfterAll
    void stop() {
        g.close();
    }

    /** Fails listing every outcome that is neither a success nor one of the allowed refusal codes. */
    static <T> void onlyExpected(List<Outcome<T>> outcomes, Set<String> allowedCodes) {
        List<String> bad = outcomes.stream().filter(o -> !o.ok() && !(o.failure() instanceof GuichetException ge
                && allowedCodes.contains(ge.code()))).map(o -> o.failure().toString()).toList();
        if (!bad.isEmpty()) {
            fail(bad.size() + " unexpected failure(s):\n" + String.join("\n", bad));
        }
    }

    static long ok(List<? extends Outcome<?>> outcomes) {
        return outcomes.stream().filter(Outcome::ok).count();
    }

    @Test
    void sixteenSignUpsAtOnceAndTheSameAddressEightTimes() {
        var distinct = TestPortal.race(16, i -> g.accounts.signUp("signup" + i + "@example.fr", PASSWORD, "Personne " + i));
        onlyExpected(distinct, Set.of());
        assertEquals(16, g.portal.queryLong("SELECT COUNT(*) FROM ACCOUNT WHERE EMAIL LIKE 'signup%@example.fr'"));
        var same = TestPortal.race(8, i -> g.accounts.signUp("same@example.fr", PASSWORD, "Même personne"));
        onlyExpected(same, Set.of("ACCOUNT_EXISTS"));
        assertEquals(1, ok(same), "one account, the others are told it exists");
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM ACCOUNT WHERE EMAIL = 'same@example.fr'"));
        // and every activation link works, all at once
        var activated = TestPortal.race(16, i -> g.accounts.activate(g.portal.mail()
                .lastLinkParameter("signup" + i + "@example.fr", "jeton").orElseThrow(), PASSWORD));
        onlyExpected(activated, Set.of());
        assertEquals(16, g.portal.queryLong("SELECT COUNT(*) FROM ACCOUNT WHERE EMAIL LIKE 'signup%@example.fr'"
                + " AND STATE = 'ACTIVE'"));
    }

    @Test
    void wrongPasswordsSentAtOnceAreAllCountedAndLockTheAccount() {
        g.accounts.signUp("guess@example.fr", PASSWORD, "Cible");
        g.accounts.activate(g.portal.mail().lastLinkParameter("guess@example.fr", "jeton").orElseThrow(), PASSWORD);
        var guesses = TestPortal.race(12, i -> g.accounts.signIn("guess@example.fr", "mauvais mot de passe " + i));
        onlyExpected(guesses, Set.of("INVALID_CREDENTIALS", "ACCOUNT_LOCKED"));
        assertEquals(0, ok(guesses));
        long locked = guesses.stream().filter(o -> ((GuichetException) o.failure()).code().equals("ACCOUNT_LOCKED"))
                .count();
        assertTrue(locked >= 12 - 5, "at most 5 guesses compared, the rest refused as locked: " + locked);
        assertEquals("ACCOUNT_LOCKED", org.guichet.dossiers.testing.Refusals.code(
                () -> g.accounts.signIn("guess@example.fr", PASSWORD)), "even the right password waits out the lock");
    }

    @Test
    void wrongCodesSentAtOnceSpendTheCodeAndNoMore() {
        g.accounts.signUp("codes@example.fr", PASSWORD, "Codes");
        g.accounts.sendSignInCode("codes@example.fr");
        String right = g.portal.mail().lastCode("codes@example.fr").orElseThrow();
        var guesses = TestPortal.race(30, i -> g.accounts.signInWithCode("codes@example.fr",
                String.format("%06d", (Integer.parseInt(right) + 1 + i) % 1_000_000)));
        onlyExpected(guesses, Set.of("INVALID_CODE"));
        assertEquals(0, ok(guesses));
        assertEquals(5, g.portal.queryLong("SELECT ATTEMPTS FROM ACCOUNT_TOKEN WHERE PURPOSE = 'SIGN_IN_CODE' AND"
                + " ACCOUNT_ID = (SELECT ID FROM ACCOUNT WHERE EMAIL = 'codes@example.fr')"), "5 compared, no more");
        assertEquals("INVALID_CODE", org.guichet.dossiers.testing.Refusals.code(
                () -> g.accounts.signInWithCode("codes@example.fr", right)), "the code is spent: the right one is refused");
    }

    @Test
    void wrongMandateCodesSentAtOnceSpendTheCodeAndNoMore() {
        Caller mediator = g.mediator("Devineur", g.organisation("Association des devinettes").id());
        long mandate = g.mandates.request(mediator, "mandat.devine@example.fr", "Personne devinée").id();
        String right = g.portal.mail().lastCode("mandat.devine@example.fr").orElseThrow();
        var guesses = TestPortal.race(30, i -> g.mandates.acceptWithCode(mediator, mandate,
                String.format("%06d", (Integer.parseInt(right) + 1 + i) % 1_000_000)));
        onlyExpected(guesses, Set.of("INVALID_CODE"));
        assertEquals(0, ok(guesses));
        assertEquals(5, g.portal.queryLong("SELECT ATTEMPTS FROM ACCOUNT_TOKEN WHERE PURPOSE = 'MANDATE_CODE' AND"
                + " SUBJECT_ID = ?", mandate), "5 compared, no more");
        assertEquals("INVALID_CODE", org.guichet.dossiers.testing.Refusals.code(
                () -> g.mandates.acceptWithCode(mediator, mandate, right)), "the code is spent: the right one is refused");
    }

    @Test
    void sixteenFirstDossiersOfTheYearAtOnceGetSixteenReferences() {
        // a new database: no counter row for the scheme and the year yet, everyone races to create it
        try (Guichet fresh = new Guichet(kind())) {
            List<Caller> people = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                people.add(fresh.applicant("First" + i));
            }
            var opened = TestPortal.race(16, i -> fresh.dossiers.create(people.get(i), VT, null));
            onlyExpected(opened, Set.of());
            Set<String> references = opened.stream().map(o -> o.value().reference()).collect(Collectors.toSet());
            assertEquals(16, references.size(), "unique references: " + references);
            assertEquals(16, fresh.portal.queryLong("SELECT COUNT(DISTINCT REFERENCE) FROM DOSSIER"));
            assertEquals(16, fresh.portal.queryLong("SELECT MAX(LAST_VALUE) FROM REFERENCE_COUNTER"), "no gap here");
        }
    }

    @Test
    void eightApplicantsUploadTheSameFileAtOnceAndOneUploadsFourAtOnce() {
        List<Caller> people = new java.util.ArrayList<>();
        List<Long> dossiers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Caller c = g.applicant("Upload" + i);
            people.add(c);
            dossiers.add(g.dossiers.create(c, VT, null).id());
        }
        var uploads = TestPortal.race(8, i -> g.dossiers.addDocument(people.get(i), dossiers.get(i), "IDENTITY",
                "carte.pdf", pdf("la même carte"), null));
        onlyExpected(uploads, Set.of());
        assertEquals(1, uploads.stream().map(o -> o.value().sha256()).distinct().count());
        for (int i = 0; i < 8; i++) {
            assertEquals(1, g.dossiers.get(people.get(i), dossiers.get(i)).documents().size());
        }
        // one person sending four documents of one dossier at once (a phone sending its photos)
        List<String> types = List.of("BANK_DETAILS", "PROOF_OF_ADDRESS", "TAX_NOTICE", "FRANCE_TRAVAIL_CERTIFICATE");
        var mine = TestPortal.race(4, i -> g.dossiers.addDocument(people.get(0), dossiers.get(0), types.get(i),
                types.get(i) + ".pdf", pdf(types.get(i)), null));
        onlyExpected(mine, Set.of());
        assertEquals(5, g.dossiers.get(people.get(0), dossiers.get(0)).documents().size());
        // the stored file is still there for everyone, even after one person removes hers
        Dossier first = g.dossiers.get(people.get(1), dossiers.get(1));
        g.dossiers.deleteDocument(people.get(1), dossiers.get(1), first.documents().get(0).id());
        assertTrue(java.nio.file.Files.exists(g.dossiers.document(people.get(2), dossiers.get(2),
                g.dossiers.get(people.get(2), dossiers.get(2)).documents().get(0).id()).path()));
    }

    @Test
    void submissionsAtOnceAndTheSameDossierSubmittedEightTimes() {
        List<Caller> people = new java.util.ArrayList<>();
        List<Long> dossiers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Caller c = g.applicant("Submit" + i);
            people.add(c);
            dossiers.add(g.completeDraft(c, null).id());
        }
        var sent = TestPortal.race(8, i -> g.dossiers.submit(people.get(i), dossiers.get(i)));
        onlyExpected(sent, Set.of());
        Caller twice = g.applicant("Twice");
        long d = g.completeDraft(twice, null).id();
        g.portal.mail().clear();
        var again = TestPortal.race(8, i -> g.dossiers.submit(twice, d));
        onlyExpected(again, Set.of());
        assertEquals(1, again.stream().map(o -> o.value().number()).distinct().count(), "one receipt");
        assertEquals(1, g.portal.mail().to(twice.email(), "RECEIPT").size(), "one mail");
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE EVENT_TYPE = 'SUBMITTED' AND"
                + " DOSSIER_ID = ?", d));
    }

    @Test
    void complementsAnsweredAtOnce() {
        Caller agent = g.agent("Complements", VT);
        List<Caller> people = new java.util.ArrayList<>();
        List<Long> dossiers = new java.util.ArrayList<>();
        List<Long> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Caller c = g.applicant("Complement" + i);
            Dossier d = g.takenDossier(c, agent);
            requests.add(g.instruction.requestComplement(agent, d.id(), "Votre RIB est flou", List.of("BANK_DETAILS"),
                    List.of(), null, null).id());
            g.dossiers.addDocument(c, d.id(), "BANK_DETAILS", "rib.pdf", pdf("rib net " + i), null);
            people.add(c);
            dossiers.add(d.id());
        }
        // six people answer at once, and the first of them clicks four times
        var answered = TestPortal.race(6, i -> g.instruction.answerComplement(people.get(i), dossiers.get(i),
                requests.get(i), "Voici"));
        onlyExpected(answered, Set.of());
        var again = TestPortal.race(4, i -> g.instruction.answerComplement(people.get(0), dossiers.get(0),
                requests.get(0), "Voici encore"));
        onlyExpected(again, Set.of("COMPLEMENT_NOT_OPEN"));
        for (int i = 0; i < 6; i++) {
            assertEquals(org.guichet.api.dossiers.DossierState.IN_REVIEW, g.dossiers.get(people.get(i), dossiers.get(i))
                    .state());
        }
        assertEquals(6, g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE EVENT_TYPE = 'COMPLEMENT_ANSWERED'"
                + " AND DOSSIER_ID IN (" + dossiers.stream().map(String::valueOf).collect(Collectors.joining(","))
                + ")"), "each complement answered once");
    }

    @Test
    void agentsTakingOneDossierAtOnceOneWins() {
        Caller lea = g.applicant("Take");
        Dossier d = g.completeDraft(lea, null);
        g.dossiers.submit(lea, d.id());
        List<Caller> agents = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            agents.add(g.agent("Taker" + i, VT));
        }
        var taken = TestPortal.race(6, i -> g.instruction.take(agents.get(i), d.id(), null));
        onlyExpected(taken, Set.of("ALREADY_TAKEN"));
        assertEquals(1, ok(taken));
        Caller winner = agents.get(taken.indexOf(taken.stream().filter(Outcome::ok).findFirst().orElseThrow()));
        // the winner decides twice at once (a double click): one decision, the second is a correction refused
        var decided = TestPortal.race(2, i -> g.instruction.decide(winner, d.id(), new DecisionRequest("GRANTED", null,
                null, List.of(), new Payee("Take", IBAN, null), null)));
        onlyExpected(decided, Set.of("JUSTIFICATION_REQUIRED"));
        assertEquals(1, ok(decided));
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM DECISION WHERE DOSSIER_ID = ?", d.id()));
    }

    @Test
    void enrolmentsAndAttendanceFilesAtOnce() {
        Organisation school = g.organisation("Centre concurrent");
        var enrolled = TestPortal.race(8, i -> g.partners.submitEnrolments(school, List.of(
                Guichet.enrolment("class" + i + "a@example.fr"), Guichet.enrolment("class" + i + "b@example.fr"))));
        onlyExpected(enrolled, Set.of());
        assertEquals(16, g.portal.queryLong("SELECT COUNT(*) FROM ENROLMENT WHERE ORGANISATION_ID = ?", school.id()));

        Caller agent = g.agent("Payer", VT);
        Caller lea = g.portal.caller(g.portal.insertAccount("class0a@example.fr", "Classe", Set.of(
                org.guichet.api.accounts.Role.APPLICANT), Set.of(), null));
        Dossier d = g.takenDossier(lea, agent);
        g.instruction.decide(agent, d.id(), new DecisionRequest("GRANTED", null, null, List.of(),
                new Payee("Classe", IBAN, null), null));
        Map<String, Object> row = Map.of("traineeEmail", lea.email(), "month", "2026-09", "attendedHours", "100",
                "scheduledHours", "100");
        var reports = TestPortal.race(6, i -> g.payments.reportAttendance(school, List.of(row)));
        onlyExpected(reports, Set.of());
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM PAYMENT WHERE DOSSIER_ID = ? AND MONTH_KEY = '2026-09'"
                + " AND STATUS = 'PAYABLE'", d.id()));
    }

    /** Two colleagues (here eight) upload the same class's sheet at once: one enrolment per trainee, never two. */
    @Test
    void colleaguesUploadingTheSameClassAtOnceMakeNoDuplicateEnrolment() {
        Organisation school = g.organisation("Centre meme classe");
        StringBuilder csv = new StringBuilder("Nom;Prénom;Courriel;Début;Fin;Heures;Programme;Financement Région\r\n");
        for (int i = 0; i < 20; i++) {
            csv.append("Martin;Léa;same").append(i).append("@example.fr;14/09/2026;26/02/2027;600;QUALIF;oui\r\n");
        }
        byte[] file = csv.toString().getBytes(java.nio.charset.Charset.forName("windows-1252"));
        var uploads = TestPortal.race(8, i -> g.partners.importSpreadsheet(school, new java.io.ByteArrayInputStream(file)));
        onlyExpected(uploads, Set.of());
        assertEquals(20, g.portal.queryLong("SELECT COUNT(*) FROM ENROLMENT WHERE ORGANISATION_ID = ?", school.id()));
        assertEquals(1, uploads.stream().map(o -> o.value().enrolmentIds()).distinct().count(),
                "every upload names the same twenty enrolments");
    }

    /** Two colleagues rotate the key from the same page at once: one new key; the key in use keeps its grace. */
    @Test
    void twoRotationsOfAKeyAtOnceMakeOne() {
        var created = g.partners.createOrganisation(g.portal.caller(g.portal.insertAccount("admin.rot@region.example",
                "Admin", Set.of(org.guichet.api.accounts.Role.ADMIN), Set.of(), null)), "Centre rotation",
                "TRAINING_ORGANISATION");
        long id = created.organisation().id();
        Caller a = g.mediator("Rotation A", id);
        Caller b = g.mediator("Rotation B", id);
        String seen = g.partners.overview(a, id).key().version();
        var rotations = TestPortal.race(6, i -> g.partners.rotateKey(i % 2 == 0 ? a : b, id, seen));
        onlyExpected(rotations, Set.of("KEY_CHANGED_MEANWHILE"));
        assertEquals(1, ok(rotations));
        String fresh = rotations.stream().filter(Outcome::ok).findFirst().orElseThrow().value().apiKey();
        assertEquals(id, g.partners.authenticate(fresh).orElseThrow().id());
        assertEquals(id, g.partners.authenticate(created.apiKey()).orElseThrow().id(), "the old key in its grace");
    }

    @Test
    void agentsIssuingPaymentsAtOnceNeverPutAPaymentInTwoFiles() {
        var payments = new org.guichet.dossiers.internal.payments.PaymentServiceImpl(g.portal.emf(), g.portal.database(),
                g.dossiers, g.portal.registry(), g.portal.sepa(), g.portal.mail(), g.portal.paymentConfig(Map.of(
                        "debtor.name", "Region", "debtor.iban", IBAN, "debtor.bic", "AGRIFRPP")));
        Organisation school = g.organisation("Centre des virements");
        Caller agent = g.agent("Issuer", VT);
        for (int i = 0; i < 3; i++) {
            String email = "paid" + i + "@example.fr";
            g.partners.submitEnrolments(school, List.of(Guichet.enrolment(email)));
            Caller c = g.portal.caller(g.portal.insertAccount(email, "Payée " + i,
                    Set.of(org.guichet.api.accounts.Role.APPLICANT), Set.of(), null));
            Dossier d = g.takenDossier(c, agent);
            g.instruction.decide(agent, d.id(), new DecisionRequest("GRANTED", null, null, List.of(),
                    new Payee("Payée " + i, IBAN, null), null));
            payments.reportAttendance(school, List.of(Map.of("traineeEmail", email, "month", "2026-09",
                    "attendedHours", "100", "scheduledHours", "100")));
        }
        List<Caller> agents = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            agents.add(g.agent("Issuer" + i, VT));
        }
        java.time.LocalDate asOf = java.time.LocalDate.of(2027, 12, 31);
        java.time.LocalDate execution = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).plusDays(2);
        var issued = TestPortal.race(4, i -> payments.issue(agents.get(i), asOf, execution));
        onlyExpected(issued, Set.of("NOTHING_DUE"));
        assertTrue(ok(issued) >= 1);
        assertEquals(0, g.portal.queryLong("SELECT COUNT(*) FROM PAYMENT WHERE STATUS = 'PAYABLE'"), "all issued");
        long inBatches = issued.stream().filter(Outcome::ok).mapToLong(o -> o.value().paymentIds().size()).sum();
        assertEquals(g.portal.queryLong("SELECT COUNT(*) FROM PAYMENT WHERE STATUS = 'ISSUED'"), inBatches,
                "each issued payment is in exactly one file");
        assertEquals(inBatches, issued.stream().filter(Outcome::ok).flatMap(o -> o.value().paymentIds().stream())
                .distinct().count());
    }
}
