package org.guichet.dossiers.internal.dossiers;

import static org.guichet.dossiers.testing.Guichet.VT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.VerifiedIdentity;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The birth date FranceConnect verified becomes the dossier's answer (issue 16): on Derby with the real migrations and
 * the real vocational-training descriptor ({@code birthDate: source FRANCECONNECT, sourceDatum birthDate}). Sourced
 * and read-only for her; nothing for an email-only account; a draft opened before she signed in catches up.
 */
class VerifiedAnswersTest {
    Guichet g;

    @BeforeEach
    void start() {
        g = new Guichet(TestPortal.Kind.DERBY);
    }

    @AfterEach
    void stop() {
        g.close();
    }

    Caller franceConnect(String subject, String email) {
        VerifiedIdentity who = new VerifiedIdentity(VerifiedIdentity.FRANCECONNECT, subject, "Angela Claire Louise",
                "DUBOIS", LocalDate.of(2001, 8, 24), email, "eidas1");
        String token = g.accounts.signInWithVerifiedIdentity(who).grant().token();
        return g.accounts.authenticate(token).orElseThrow();
    }

    @Test
    void aFranceConnectAccountOpensADossierWithItsBirthDateSourcedAndReadOnly() {
        Caller angela = franceConnect("sub-1", "angela@example.fr");
        Dossier d = g.dossiers.create(angela, VT, null);
        assertEquals("2001-08-24", d.answers().get("birthDate"));
        AnswerSource.Origin origin = AnswerSource.Origin.parse(d.answerSources().get("birthDate")).orElseThrow();
        assertEquals(AnswerSource.FRANCECONNECT, origin.source());
        assertTrue(origin.fetchedAt() != null, d.answerSources().toString());
        assertTrue(d.history().stream().anyMatch(e -> e.type().equals("ANSWERS_FROM_ADMINISTRATION")));

        GuichetException refused = assertThrows(GuichetException.class, () -> g.dossiers.saveAnswers(angela, d.id(),
                Map.of("birthDate", "1990-01-01"), null));
        assertEquals("ANSWER_FROM_ADMINISTRATION", refused.code());
        assertEquals(GuichetException.Kind.CONFLICT, refused.kind(), "409");
        // the form posts it back unchanged with her other answers: fine, and it stays FranceConnect's
        Dossier saved = g.dossiers.saveAnswers(angela, d.id(), Map.of("birthDate", "2001-08-24", "trainingHours", 600),
                null);
        assertEquals("2001-08-24", saved.answers().get("birthDate"));
        assertEquals(d.answerSources().get("birthDate"), saved.answerSources().get("birthDate"));
    }

    @Test
    void anEmailOnlyAccountGetsNothingSourcedAndTypesItsBirthDate() {
        Caller lea = g.applicant("Lea");
        Dossier d = g.dossiers.create(lea, VT, null);
        assertNull(d.answers().get("birthDate"));
        assertTrue(d.answerSources().isEmpty(), d.answerSources().toString());
        Dossier saved = g.dossiers.saveAnswers(lea, d.id(), Map.of("birthDate", "1990-01-01"), null);
        assertEquals("1990-01-01", saved.answers().get("birthDate"));
        assertNull(saved.answerSources().get("birthDate"));
    }

    @Test
    void aDraftOpenedBeforeTheLinkTakesTheVerifiedBirthDateAtItsNextSave() {
        Caller lea = g.applicant("Lea");
        Dossier d = g.dossiers.create(lea, VT, null);
        g.dossiers.saveAnswers(lea, d.id(), Map.of("birthDate", "1990-01-01"), null);
        // she links FranceConnect to this very account (code sent to her mailbox), then saves something else
        VerifiedIdentity who = new VerifiedIdentity(VerifiedIdentity.FRANCECONNECT, "sub-lea", "Léa", "MARTIN",
                LocalDate.of(2001, 8, 24), "lea@example.fr", "eidas1");
        g.accounts.signInWithVerifiedIdentity(who);
        g.accounts.linkVerifiedIdentity(who, g.portal.mail().lastCode("lea@example.fr").orElseThrow());
        Dossier saved = g.dossiers.saveAnswers(lea, d.id(), Map.of("trainingHours", 600), null);
        assertEquals("2001-08-24", saved.answers().get("birthDate"), "what FranceConnect verified wins");
        assertEquals(AnswerSource.FRANCECONNECT,
                AnswerSource.Origin.parse(saved.answerSources().get("birthDate")).orElseThrow().source());
    }

    @Test
    void savesAtOnceOnADraftThatCatchesUpAllLandAndTheBirthDateIsPutOnce() throws Exception {
        Caller lea = g.applicant("Lea");
        Dossier d = g.dossiers.create(lea, VT, null);
        VerifiedIdentity who = new VerifiedIdentity(VerifiedIdentity.FRANCECONNECT, "sub-lea", "Léa", "MARTIN",
                LocalDate.of(2001, 8, 24), "lea@example.fr", "eidas1");
        g.accounts.signInWithVerifiedIdentity(who);
        g.accounts.linkVerifiedIdentity(who, g.portal.mail().lastCode("lea@example.fr").orElseThrow());
        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            java.util.List<java.util.concurrent.Future<Dossier>> saves = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int km = 10 + i;
                saves.add(pool.submit(() -> {
                    go.await();
                    return g.dossiers.saveAnswers(lea, d.id(), Map.of("homeToTrainingKm", km), null);
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<Dossier> f : saves) {
                f.get(); // each lands (Tx replays a conflict); none is refused
            }
        } finally {
            pool.shutdownNow();
        }
        Dossier now = g.dossiers.get(lea, d.id());
        assertEquals("2001-08-24", now.answers().get("birthDate"));
        assertEquals(AnswerSource.FRANCECONNECT,
                AnswerSource.Origin.parse(now.answerSources().get("birthDate")).orElseThrow().source());
        assertEquals(1, now.history().stream().filter(e -> e.type().equals("ANSWERS_FROM_ADMINISTRATION")).count(),
                "put once, not by every save");
    }
}
