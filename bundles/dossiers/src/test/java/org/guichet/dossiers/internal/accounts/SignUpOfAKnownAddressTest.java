package org.guichet.dossiers.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.guichet.api.accounts.AccountState;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.Refusals;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The public sign-up does not tell which addresses have an account (issue 14: "sign-up says ACCOUNT_EXISTS"): a known
 * address is answered like a new one, and only the mailbox's owner learns, by mail, that someone asked. The password
 * given with a known address is never kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignUpOfAKnownAddressTest {
    static final String HERS = "jardin violet sous la pluie fine";
    static final String HIS = "le chat du voisin dort au soleil";
    Guichet g;

    @BeforeAll
    void start() {
        g = new Guichet(TestPortal.Kind.DERBY, java.util.Map.of("sign.up.per.address", 100));
    }

    @AfterAll
    void stop() {
        g.close();
    }

    @Test
    void aKnownAddressIsAnsweredLikeANewOneAndOnlyItsOwnerLearnsWhy() {
        String owner = "titulaire@example.fr";
        g.accounts.signUp(owner, HERS, "Titulaire");
        g.accounts.activate(g.portal.mail().lastLinkParameter(owner, "jeton").orElseThrow(), HERS);
        long accountId = g.accounts.findByEmail(owner).orElseThrow().id();

        // both return normally with nothing: the API answers 202 CHECK_YOUR_MAILBOX to both
        g.accounts.applyForAccount(owner.toUpperCase(), HIS, "Quelqu'un", "fr");
        g.accounts.applyForAccount("nouvelle@example.fr", HIS, "Nouvelle", "fr");

        assertEquals(List.of("ACTIVATION", "ACCOUNT_EXISTS"), g.mailTopics(owner), "the owner is told, by mail");
        String told = g.portal.mail().to(owner).get(1).text();
        assertTrue(told.contains("/compte/connexion") && told.contains("/compte/mot-de-passe-oublie"), told);
        assertEquals(List.of("ACTIVATION"), g.mailTopics("nouvelle@example.fr"));
        assertEquals(accountId, g.accounts.findByEmail(owner).orElseThrow().id(), "no other account");
        assertEquals(AccountState.ACTIVE, g.accounts.findByEmail(owner).orElseThrow().state());
        assertNotNull(g.accounts.signIn(owner, HERS).token(), "her password unchanged");
        assertEquals("INVALID_CREDENTIALS", Refusals.code(() -> g.accounts.signIn(owner, HIS)),
                "the password given with her address is not kept");
    }

    @Test
    void aPendingAccountGetsAFreshActivationLinkAndTheOlderOneStopsWorking() {
        String pending = "en.attente@example.fr";
        g.accounts.signUp(pending, HIS, "Attaquant");
        String first = g.portal.mail().lastLinkParameter(pending, "jeton").orElseThrow();
        g.accounts.applyForAccount(pending, HERS, "Elle", "en");
        String second = g.portal.mail().lastLinkParameter(pending, "jeton").orElseThrow();
        assertNotEquals(first, second);
        assertEquals(List.of("ACTIVATION", "ACTIVATION"), g.mailTopics(pending));
        assertEquals("LINK_INVALID", Refusals.code(() -> g.accounts.activate(first, HIS)), "only the latest link works");
        g.accounts.activate(second, HERS);
        assertEquals("INVALID_CREDENTIALS", Refusals.code(() -> g.accounts.signIn(pending, HIS)));
        assertNotNull(g.accounts.signIn(pending, HERS).token());
    }

    @Test
    void theFormIsStillCheckedAsBefore() {
        assertEquals("PASSWORD_COMMON",
                Refusals.code(() -> g.accounts.applyForAccount("forme@example.fr", "password1234", "Forme", "fr")));
        assertEquals("EMAIL_INVALID", Refusals.code(() -> g.accounts.applyForAccount("forme at example", HERS, "F", "fr")));
        assertTrue(g.accounts.findByEmail("forme@example.fr").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(TestPortal.Kind.class)
    void eightRequestsAtOnceForOneNewAddressAllAnswerAlikeAndMakeOneAccount(TestPortal.Kind kind) throws Exception {
        assumeTrue(kind == TestPortal.Kind.DERBY || TestPortal.postgresAvailable(), "GUICHET_TEST_POSTGRES_URL unset");
        try (Guichet h = new Guichet(kind, java.util.Map.of("sign.up.per.address", 100))) {
            String address = "meme.adresse@example.fr";
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit((Callable<Object>) () -> {
                    go.await();
                    h.accounts.applyForAccount(address, HERS, "Même", "fr");
                    return null;
                }));
            }
            go.countDown();
            for (Future<Object> f : answers) {
                f.get(); // none refused: the same answer eight times
            }
            pool.shutdown();
            assertEquals(1, h.accounts.findByEmail(address).stream().count());
            assertTrue(h.mailTopics(address).stream().allMatch("ACTIVATION"::equals), h.mailTopics(address).toString());
            // each answer voided the links before it: whatever the order the mails left in, exactly one link works
            int opened = 0;
            for (var m : h.portal.mail().to(address)) {
                java.util.regex.Matcher token = java.util.regex.Pattern.compile("jeton=([A-Za-z0-9_%-]+)").matcher(m.text());
                assertTrue(token.find(), m.text());
                String t = java.net.URLDecoder.decode(token.group(1), java.nio.charset.StandardCharsets.UTF_8);
                try {
                    h.accounts.activate(t, HERS);
                    opened++;
                } catch (org.guichet.api.error.GuichetException voided) {
                    assertEquals("LINK_INVALID", voided.code());
                }
            }
            assertEquals(1, opened, "one link of " + h.mailTopics(address).size() + " opens the one account");
            assertNotNull(h.accounts.signIn(address, HERS).token());
        }
    }
}
