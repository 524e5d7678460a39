package org.guichet.dossiers.internal.connectors;

import static org.guichet.dossiers.testing.Guichet.VT;
import static org.guichet.dossiers.testing.Guichet.pdf;
import static org.guichet.dossiers.testing.Refusals.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.guichet.api.accounts.Caller;
import org.guichet.api.activity.ActivityEvent;
import org.guichet.api.connectors.AdministrationData;
import org.guichet.api.dossiers.ChecklistItem;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.error.GuichetException;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.dossiers.testing.FakeApiParticulier;
import org.guichet.dossiers.testing.FakeApiParticulier.Mode;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Data from the administrations on Derby with the real migrations, against a local API Particulier: with consent the
 * answers arrive tagged with their source and time, read-only for the applicant, and the documents they replace leave
 * the checklist; without consent, for someone else, or when the administration fails, nothing changes and she goes on
 * the old way.
 */
class AdministrationDataTest {
    static final Map<String, String> TAX = Map.of(AdministrationData.TAX_NUMBER, FakeApiParticulier.TAX_NUMBER,
            AdministrationData.NOTICE_REFERENCE, FakeApiParticulier.NOTICE_REFERENCE);
    static final Map<String, String> JOB = Map.of(AdministrationData.JOB_SEEKER_ID, FakeApiParticulier.JOB_SEEKER);

    Guichet g;
    FakeApiParticulier server;
    AdministrationDataImpl connectors;

    TestPortal.Kind kind() {
        return TestPortal.Kind.DERBY;
    }

    @BeforeEach
    void start() {
        g = new Guichet(kind(), Map.of("administration.per.account", 100));
        server = new FakeApiParticulier();
        connectors = connectors(server.baseUrl(), 5000);
    }

    @AfterEach
    void stop() {
        server.close();
        g.close();
    }

    AdministrationDataImpl connectors(String base, int readMillis) {
        return new AdministrationDataImpl(g.portal.emf(), g.portal.registry(), g.portal.evaluation(), g.limits,
                TestPortal.config(ConnectorsConfig.class, Map.of("base.url", base, "api.key", FakeApiParticulier.KEY,
                        "read.timeout.ms", readMillis)), g.clock);
    }

    /** Her dossier with every answer typed (the old way). */
    Dossier typed(Caller who, Long applicantId) {
        Dossier d = g.dossiers.create(who, VT, applicantId);
        Map<String, Object> answers = new LinkedHashMap<>(Guichet.vocationalTrainingAnswers());
        answers.putAll(Guichet.trainingAnswers());
        return g.dossiers.saveAnswers(who, d.id(), answers, null);
    }

    static List<String> checklist(Dossier d) {
        return d.live().checklist().stream().map(ChecklistItem::documentType).toList();
    }

    static List<String> events(Dossier d) {
        return d.history().stream().map(ActivityEvent::type).toList();
    }

    @Test
    void withConsentTheAnswersComeTaggedAndTheirDocumentsLeaveTheChecklist() {
        Caller lea = g.applicant("Lea");
        Dossier d = typed(lea, null);
        assertTrue(checklist(d).containsAll(List.of("TAX_NOTICE", "FRANCE_TRAVAIL_CERTIFICATE")), checklist(d).toString());
        assertEquals(Set.of(AnswerSource.DGFIP, AnswerSource.FRANCE_TRAVAIL), connectors.available());

        java.time.Instant before = g.clock.instant();
        Dossier after = connectors.fetch(lea, d.id(), AnswerSource.DGFIP, TAX, true);
        assertEquals(13200, ((Number) after.answers().get("referenceTaxIncome")).intValue(), "the notice's, not the typed 14400");
        assertEquals(0, new BigDecimal("1.5").compareTo(new BigDecimal(after.answers().get("taxShares").toString())));
        assertEquals(Boolean.TRUE, after.answers().get("taxNoticeProvided"));
        String tag = after.answerSources().get("referenceTaxIncome");
        AnswerSource.Origin origin = AnswerSource.Origin.parse(tag).orElseThrow();
        assertEquals(AnswerSource.DGFIP, origin.source());
        assertFalse(origin.fetchedAt().isBefore(before) || origin.fetchedAt().isAfter(g.clock.instant()), tag);
        assertFalse(checklist(after).contains("TAX_NOTICE"), checklist(after).toString());
        assertTrue(checklist(after).contains("FRANCE_TRAVAIL_CERTIFICATE"));

        after = connectors.fetch(lea, d.id(), AnswerSource.FRANCE_TRAVAIL, JOB, true);
        assertEquals(Boolean.TRUE, after.answers().get("franceTravailRegistered"));
        assertFalse(checklist(after).contains("FRANCE_TRAVAIL_CERTIFICATE"), checklist(after).toString());
        assertEquals(checklist(d).size() - 2, checklist(after).size());
        assertTrue(after.live().eligible(), after.live().toString());
        // consent before each call, the answers after: both kept in the history the agent reads
        List<String> events = events(after);
        assertEquals(2, events.stream().filter("ADMINISTRATION_CONSENT"::equals).count(), events.toString());
        assertEquals(2, events.stream().filter("ANSWERS_FROM_ADMINISTRATION"::equals).count(), events.toString());
        assertEquals(2, server.hits.get());

        // the agent sees the same answers with their source once it is sent
        for (ChecklistItem item : after.live().checklist()) {
            g.dossiers.addDocument(lea, d.id(), item.documentType(), item.documentType() + ".pdf",
                    pdf(item.documentType()), null);
        }
        g.dossiers.submit(lea, d.id());
        Dossier seen = g.dossiers.get(g.agent("Agent", VT), d.id());
        assertEquals(tag, seen.answerSources().get("referenceTaxIncome"));
        assertFalse(seen.submitted().requiredDocuments().stream().anyMatch(r -> r.id().equals("TAX_NOTICE")),
                "the evaluation kept at submission does not ask for it either");
    }

    @Test
    void anAnswerFromAnAdministrationCannotBeChangedByHer() {
        Caller lea = g.applicant("Lea");
        Dossier d = typed(lea, null);
        connectors.fetch(lea, d.id(), AnswerSource.DGFIP, TAX, true);
        GuichetException e = assertThrows(GuichetException.class, () -> g.dossiers.saveAnswers(lea, d.id(),
                Map.of("referenceTaxIncome", 9000), null));
        assertEquals("ANSWER_FROM_ADMINISTRATION", e.code());
        assertEquals(409, e.kind().status());
        assertEquals("referenceTaxIncome", e.field());
        assertTrue(e.getMessage().contains("vient de l'administration des impôts"), e.getMessage());
        Map<String, Object> blank = new HashMap<>();
        blank.put("taxShares", null);
        assertEquals("ANSWER_FROM_ADMINISTRATION", code(() -> g.dossiers.saveAnswers(lea, d.id(), blank, null)),
                "nor removed");
        // sent back unchanged (a form posts every field), in any shape: nothing changes, the source stays
        Dossier same = g.dossiers.saveAnswers(lea, d.id(), Map.of("referenceTaxIncome", "13200", "taxShares", "1,5",
                "homeToTrainingKm", 30), null);
        assertEquals(30, ((Number) same.answers().get("homeToTrainingKm")).intValue());
        assertTrue(same.answerSources().get("referenceTaxIncome").startsWith("DGFIP:"));
        assertTrue(same.answerSources().get("taxShares").startsWith("DGFIP:"));
    }

    @Test
    void withoutConsentNothingIsAsked() {
        Caller lea = g.applicant("Lea");
        Dossier d = typed(lea, null);
        assertEquals("CONSENT_REQUIRED", code(() -> connectors.fetch(lea, d.id(), AnswerSource.DGFIP, TAX, false)));
        assertEquals("IDENTIFIER_REQUIRED", code(() -> connectors.fetch(lea, d.id(), AnswerSource.DGFIP,
                Map.of(AdministrationData.TAX_NUMBER, FakeApiParticulier.TAX_NUMBER), true)));
        assertEquals("IDENTIFIER_INVALID", code(() -> connectors.fetch(lea, d.id(), AnswerSource.FRANCE_TRAVAIL,
                Map.of(AdministrationData.JOB_SEEKER_ID, "lea&x=1"), true)));
        assertEquals(0, server.hits.get());
        assertFalse(events(g.dossiers.get(lea, d.id())).contains("ADMINISTRATION_CONSENT"));
    }

    @Test
    void onlyWhoMayEditTheDossierMayFetchForIt() {
        Caller lea = g.applicant("Lea");
        Dossier d = typed(lea, null);
        assertEquals("DOSSIER_NOT_FOUND", code(() -> connectors.fetch(g.applicant("Nina"), d.id(),
                AnswerSource.DGFIP, TAX, true)), "another applicant does not even see it");
        GuichetException agent = assertThrows(GuichetException.class, () -> connectors.fetch(g.agent("Agent", VT),
                d.id(), AnswerSource.DGFIP, TAX, true));
        assertTrue(agent.kind().status() == 403 || agent.kind().status() == 404, agent.code());
        Caller mediator = g.mediator("Camille", g.organisation("Mission locale").id());
        assertEquals("DOSSIER_NOT_FOUND", code(() -> connectors.fetch(mediator, d.id(), AnswerSource.DGFIP, TAX,
                true)), "a mediator without mandate");
        assertEquals(0, server.hits.get(), "nobody without the right reached the administration");

        // a mediator with her mandate files for her, and may fetch with her consent
        Mandate m = g.mandates.recordSignedConsent(mediator, lea.email(), "Léa", "consentement.pdf", pdf("consent"));
        g.mandates.acceptWithCode(lea, m.id(), g.portal.mail().lastCode(lea.email()).orElseThrow());
        Dossier filed = typed(mediator, lea.accountId());
        Dossier after = connectors.fetch(mediator, filed.id(), AnswerSource.FRANCE_TRAVAIL, JOB, true);
        assertTrue(after.answerSources().get("franceTravailRegistered").startsWith("FRANCE_TRAVAIL:"));
    }

    @Test
    void whenTheAdministrationFailsSheIsToldAndGoesOnTheOldWay() {
        Caller lea = g.applicant("Lea");
        Dossier d = typed(lea, null);
        Map<Mode, String> expected = new LinkedHashMap<>();
        expected.put(Mode.SERVER_ERROR, "ADMINISTRATION_UNAVAILABLE");
        expected.put(Mode.GARBAGE, "ADMINISTRATION_UNAVAILABLE");
        for (Map.Entry<Mode, String> c : expected.entrySet()) {
            server.mode(c.getKey());
            GuichetException e = assertThrows(GuichetException.class, () -> connectors.fetch(lea, d.id(),
                    AnswerSource.DGFIP, TAX, true));
            assertEquals(c.getValue(), e.code(), c.getKey().toString());
            assertEquals(503, e.kind().status());
            assertTrue(e.getMessage().contains("Vous pouvez continuer sans"), e.getMessage());
        }
        server.mode(Mode.NORMAL);
        GuichetException notFound = assertThrows(GuichetException.class, () -> connectors.fetch(lea, d.id(),
                AnswerSource.FRANCE_TRAVAIL, Map.of(AdministrationData.JOB_SEEKER_ID, "inconnu"), true));
        assertEquals("ADMINISTRATION_NOT_FOUND", notFound.code());
        assertTrue(notFound.getMessage().startsWith("France Travail ne trouve personne"), notFound.getMessage());

        server.mode(Mode.SLOW).slowMillis(3000);
        long t0 = System.nanoTime();
        assertEquals("ADMINISTRATION_UNAVAILABLE", code(() -> connectors(server.baseUrl(), 300).fetch(lea, d.id(),
                AnswerSource.DGFIP, TAX, true)));
        System.out.printf("slow administration: she was answered after %d ms (read timeout 300 ms)%n",
                (System.nanoTime() - t0) / 1_000_000);

        server.close();
        assertEquals("ADMINISTRATION_UNAVAILABLE", code(() -> connectors.fetch(lea, d.id(), AnswerSource.DGFIP, TAX,
                true)), "down");

        // nothing changed: her typed answers stand, the checklist still asks the documents, and she goes on
        Dossier now = g.dossiers.get(lea, d.id());
        assertEquals(d.answers(), now.answers());
        assertTrue(now.answerSources().isEmpty(), now.answerSources().toString());
        assertTrue(checklist(now).contains("TAX_NOTICE"));
        assertTrue(events(now).contains("ADMINISTRATION_FAILED"));
        assertEquals(14000, ((Number) g.dossiers.saveAnswers(lea, d.id(), Map.of("referenceTaxIncome", 14000), null)
                .answers().get("referenceTaxIncome")).intValue());
    }

    @Test
    void switchedOffWithoutConfiguration() {
        AdministrationDataImpl off = connectors("", 5000);
        assertTrue(off.available().isEmpty());
        Caller lea = g.applicant("Lea");
        Dossier d = typed(lea, null);
        assertEquals("SOURCE_OFF", code(() -> off.fetch(lea, d.id(), AnswerSource.DGFIP, TAX, true)));
        assertEquals("SOURCE_OFF", code(() -> connectors.fetch(lea, d.id(), AnswerSource.FRANCECONNECT, Map.of(),
                true)), "FranceConnect is the sign-in's, never fetched here");
        assertEquals(0, server.hits.get());
    }

    @Test
    void fetchesAreLimitedPerDossier() {
        g.close();
        g = new Guichet(kind(), Map.of("administration.per.account", 2));
        connectors = connectors(server.baseUrl(), 5000);
        Caller lea = g.applicant("Lea");
        Dossier d = typed(lea, null);
        connectors.fetch(lea, d.id(), AnswerSource.FRANCE_TRAVAIL, JOB, true);
        connectors.fetch(lea, d.id(), AnswerSource.FRANCE_TRAVAIL, JOB, true);
        assertEquals("RATE_LIMITED", code(() -> connectors.fetch(lea, d.id(), AnswerSource.FRANCE_TRAVAIL, JOB, true)));
        assertEquals(2, server.hits.get());
        // another dossier has its own count
        Caller nina = g.applicant("Nina");
        Dossier other = typed(nina, null);
        assertTrue(connectors.fetch(nina, other.id(), AnswerSource.FRANCE_TRAVAIL, JOB, true).answerSources()
                .containsKey("franceTravailRegistered"));
    }

    @Test
    void fetchesAtOnceForOneDossierEndInOneConsistentResult() throws Exception {
        Caller lea = g.applicant("Lea");
        Dossier d = typed(lea, null);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Dossier>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            AnswerSource s = i % 2 == 0 ? AnswerSource.DGFIP : AnswerSource.FRANCE_TRAVAIL;
            Callable<Dossier> call = () -> {
                go.await();
                return connectors.fetch(lea, d.id(), s, s == AnswerSource.DGFIP ? TAX : JOB, true);
            };
            results.add(pool.submit(call));
        }
        long t0 = System.nanoTime();
        go.countDown();
        for (Future<Dossier> f : results) {
            f.get(); // none fails: a lost race is replayed on the winner's result
        }
        System.out.printf("%d fetches at once for one dossier: %d ms%n", threads, (System.nanoTime() - t0) / 1_000_000);
        pool.shutdown();
        Dossier now = g.dossiers.get(lea, d.id());
        for (String f : List.of("taxNoticeProvided", "referenceTaxIncome", "taxShares", "franceTravailRegistered")) {
            assertNotNull(AnswerSource.Origin.parse(now.answerSources().get(f)).orElse(null), f + ": " + now.answerSources());
        }
        assertEquals(13200, ((Number) now.answers().get("referenceTaxIncome")).intValue());
        assertEquals(Boolean.TRUE, now.answers().get("franceTravailRegistered"));
        assertFalse(checklist(now).contains("TAX_NOTICE"));
        assertFalse(checklist(now).contains("FRANCE_TRAVAIL_CERTIFICATE"));
        assertEquals(threads, events(now).stream().filter("ANSWERS_FROM_ADMINISTRATION"::equals).count());
    }
}
