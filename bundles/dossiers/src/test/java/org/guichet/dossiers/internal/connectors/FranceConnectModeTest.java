package org.guichet.dossiers.internal.connectors;

import static org.guichet.dossiers.testing.Guichet.VT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.VerifiedIdentity;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.dossiers.testing.FakeApiParticulier;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API Particulier's FranceConnect mode on Derby with the real migrations: her FranceConnect access token names her,
 * no identifier is sent; the subject that came back must be the one linked to the dossier's applicant; a token the
 * provider calls inactive, one without the data's scope, a person the administration does not know, or a provider
 * that does not answer leave the dossier as it was, with the same plain-words refusals as the identifiers' mode.
 */
class FranceConnectModeTest {
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
        connectors = connectors(Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
        g.close();
    }

    AdministrationDataImpl connectors(Map<String, Object> more) {
        Map<String, Object> cfg = new LinkedHashMap<>(Map.of("base.url", server.baseUrl(), "api.key",
                FakeApiParticulier.KEY, "read.timeout.ms", 5000));
        cfg.putAll(more);
        return new AdministrationDataImpl(g.portal.emf(), g.portal.registry(), g.portal.evaluation(), g.limits,
                TestPortal.config(ConnectorsConfig.class, cfg), g.clock);
    }

    Caller franceConnect(String subject, String email) {
        VerifiedIdentity who = new VerifiedIdentity(VerifiedIdentity.FRANCECONNECT, subject, "Léa", "MARTIN",
                LocalDate.of(2001, 3, 10), email, "eidas1");
        return g.accounts.authenticate(g.accounts.signInWithVerifiedIdentity(who).grant().token()).orElseThrow();
    }

    Dossier typed(Caller who) {
        Dossier d = g.dossiers.create(who, VT, null);
        Map<String, Object> answers = new LinkedHashMap<>(Guichet.vocationalTrainingAnswers());
        answers.putAll(Guichet.trainingAnswers());
        answers.remove("birthDate"); // given by FranceConnect
        return g.dossiers.saveAnswers(who, d.id(), answers, null);
    }

    static String refusal(Runnable r) {
        return assertThrows(GuichetException.class, r::run).code();
    }

    @Test
    void theScopesOfEachSourceAreConfiguredAndTheModeCanBeSwitchedOff() {
        assertEquals(Map.of(AnswerSource.DGFIP, List.of("dgfip_rfr", "dgfip_nbpart"), AnswerSource.FRANCE_TRAVAIL,
                List.of("statut_demandeur_emploi")), connectors.franceConnectScopes());
        assertEquals(Map.of(), connectors(Map.of("franceconnect.enabled", false)).franceConnectScopes());
        assertEquals(Map.of(AnswerSource.FRANCE_TRAVAIL, List.of("statut_demandeur_emploi")),
                connectors(Map.of("dgfip.enabled", false)).franceConnectScopes(), "only the sources switched on");
    }

    @Test
    void herAccessTokenNamesHerAndNoIdentifierIsSent() {
        Caller lea = franceConnect(FakeApiParticulier.SUBJECT, "lea@example.fr");
        Dossier d = typed(lea);
        Dossier after = connectors.fetchWithFranceConnect(lea, d.id(), AnswerSource.DGFIP, FakeApiParticulier.SUBJECT,
                server.issue(FakeApiParticulier.SUBJECT, FakeApiParticulier.TAX_SCOPES), true);
        assertEquals(13200, ((Number) after.answers().get("referenceTaxIncome")).intValue());
        assertEquals(AnswerSource.DGFIP, AnswerSource.Origin.parse(after.answerSources().get("referenceTaxIncome"))
                .orElseThrow().source());
        after = connectors.fetchWithFranceConnect(lea, d.id(), AnswerSource.FRANCE_TRAVAIL, FakeApiParticulier.SUBJECT,
                server.issue(FakeApiParticulier.SUBJECT, FakeApiParticulier.JOB_SEEKER_SCOPES), true);
        assertEquals(Boolean.TRUE, after.answers().get("franceTravailRegistered"));
        assertEquals(List.of("GET /api/v2/avis-imposition bearer", "GET /api/v2/situations-pole-emploi bearer"),
                server.requests, "no identifier, no key: the token names her");
        assertEquals(2, server.introspections.get(), "each token checked at the provider");
        List<String> events = after.history().stream().map(e -> e.type()).toList();
        assertEquals(2, events.stream().filter("ADMINISTRATION_CONSENT"::equals).count(), events.toString());
        assertTrue(after.history().stream().anyMatch(h -> h.type().equals("ADMINISTRATION_CONSENT")
                && String.valueOf(h.detail()).contains("avec son compte FranceConnect")), "the agent reads how");
    }

    @Test
    void anotherPersonsFranceConnectSessionIsRefusedAndNothingIsAsked() {
        Caller lea = franceConnect(FakeApiParticulier.SUBJECT, "lea@example.fr");
        franceConnect("sub-nina", "nina@example.fr");
        Dossier d = typed(lea);
        // Léa's dossier, Nina's token (her session at the provider in Léa's browser)
        GuichetException e = assertThrows(GuichetException.class, () -> connectors.fetchWithFranceConnect(lea, d.id(),
                AnswerSource.DGFIP, "sub-nina", server.issue("sub-nina", FakeApiParticulier.TAX_SCOPES), true));
        assertEquals("FRANCECONNECT_OTHER_PERSON", e.code());
        assertEquals(GuichetException.Kind.FORBIDDEN, e.kind());
        assertEquals(0, server.hits.get(), "nothing asked of the administration");
        Dossier now = g.dossiers.get(lea, d.id(), java.util.Locale.FRENCH);
        assertEquals(d.answers(), now.answers());
        assertFalse(now.history().stream().anyMatch(h -> h.type().equals("ADMINISTRATION_CONSENT")), "no consent used");
        // an account signed up by email has no FranceConnect identity: no subject matches it
        Caller mail = g.applicant("Mona");
        Dossier m = typed(mail);
        assertEquals("FRANCECONNECT_OTHER_PERSON", refusal(() -> connectors.fetchWithFranceConnect(mail, m.id(),
                AnswerSource.DGFIP, FakeApiParticulier.SUBJECT, "x", true)));
        // and Nina cannot use her own session on Léa's dossier at all: not hers
        Caller nina = franceConnect("sub-nina", "nina@example.fr");
        GuichetException notHers = assertThrows(GuichetException.class, () -> connectors.fetchWithFranceConnect(nina,
                d.id(), AnswerSource.DGFIP, "sub-nina", server.issue("sub-nina", FakeApiParticulier.TAX_SCOPES), true));
        assertTrue(notHers.kind() == GuichetException.Kind.NOT_FOUND || notHers.kind() == GuichetException.Kind.FORBIDDEN,
                notHers.code());
        assertEquals(0, server.hits.get());
    }

    @Test
    void withoutTheTickNothingIsAsked() {
        Caller lea = franceConnect(FakeApiParticulier.SUBJECT, "lea@example.fr");
        Dossier d = typed(lea);
        assertEquals("CONSENT_REQUIRED", refusal(() -> connectors.fetchWithFranceConnect(lea, d.id(),
                AnswerSource.DGFIP, null, null, false)));
        assertEquals(0, server.hits.get());
    }

    @Test
    void aRefusedTokenAnUnknownPersonOrAProviderDownLeaveTheDossierAsItWas() {
        Caller lea = franceConnect(FakeApiParticulier.SUBJECT, "lea@example.fr");
        Dossier d = typed(lea);
        // a token without the tax notice's scopes (403)
        assertEquals("ADMINISTRATION_UNAVAILABLE", refusal(() -> connectors.fetchWithFranceConnect(lea, d.id(),
                AnswerSource.DGFIP, FakeApiParticulier.SUBJECT, server.issue(FakeApiParticulier.SUBJECT,
                        FakeApiParticulier.JOB_SEEKER_SCOPES), true)));
        // a token the provider does not know or no longer holds active (401)
        assertEquals("ADMINISTRATION_UNAVAILABLE", refusal(() -> connectors.fetchWithFranceConnect(lea, d.id(),
                AnswerSource.DGFIP, FakeApiParticulier.SUBJECT, "at-never-issued", true)));
        // the provider cannot be asked about the token
        server.introspectionAt("http://127.0.0.1:9/introspect");
        assertEquals("ADMINISTRATION_UNAVAILABLE", refusal(() -> connectors.fetchWithFranceConnect(lea, d.id(),
                AnswerSource.FRANCE_TRAVAIL, FakeApiParticulier.SUBJECT, server.issue(FakeApiParticulier.SUBJECT,
                        FakeApiParticulier.JOB_SEEKER_SCOPES), true)));
        assertEquals(d.answers(), g.dossiers.get(lea, d.id(), java.util.Locale.FRENCH).answers());
    }

    @Test
    void aPersonTheAdministrationDoesNotKnowIsToldSoInPlainWords() {
        Caller zoe = franceConnect("sub-zoe", "zoe@example.fr");
        Dossier d = typed(zoe);
        GuichetException e = assertThrows(GuichetException.class, () -> connectors.fetchWithFranceConnect(zoe, d.id(),
                AnswerSource.DGFIP, "sub-zoe", server.issue("sub-zoe", FakeApiParticulier.TAX_SCOPES), true));
        assertEquals("ADMINISTRATION_NOT_FOUND", e.code());
        assertTrue(e.getMessage().contains("répondez aux questions et donnez le document"), e.getMessage());
        assertEquals(d.answers(), g.dossiers.get(zoe, d.id(), java.util.Locale.FRENCH).answers());
    }

    @Test
    void fetchesAtOnceWithHerTokensEndInOneConsistentResult() throws Exception {
        Caller lea = franceConnect(FakeApiParticulier.SUBJECT, "lea@example.fr");
        Dossier d = typed(lea);
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Dossier>> results = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            AnswerSource s = i % 2 == 0 ? AnswerSource.DGFIP : AnswerSource.FRANCE_TRAVAIL;
            String token = server.issue(FakeApiParticulier.SUBJECT, s == AnswerSource.DGFIP
                    ? FakeApiParticulier.TAX_SCOPES : FakeApiParticulier.JOB_SEEKER_SCOPES);
            results.add(pool.submit(() -> {
                go.await();
                return connectors.fetchWithFranceConnect(lea, d.id(), s, FakeApiParticulier.SUBJECT, token, true);
            }));
        }
        go.countDown();
        for (java.util.concurrent.Future<Dossier> f : results) {
            f.get(); // none fails: a lost race is replayed on the winner's result
        }
        pool.shutdown();
        Dossier now = g.dossiers.get(lea, d.id(), java.util.Locale.FRENCH);
        assertEquals(13200, ((Number) now.answers().get("referenceTaxIncome")).intValue());
        assertEquals(Boolean.TRUE, now.answers().get("franceTravailRegistered"));
        // one answer event each, besides the one of the birth date FranceConnect gave when the dossier was opened
        long before = d.history().stream().filter(h -> h.type().equals("ANSWERS_FROM_ADMINISTRATION")).count();
        assertEquals(before + threads, now.history().stream().filter(h -> h.type().equals("ANSWERS_FROM_ADMINISTRATION"))
                .count());
    }
}
