package org.guichet.dossiers.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.guichet.api.accounts.AccountState;
import org.guichet.api.accounts.Caller;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.Refusals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Account pre-takeover (issue 14): someone signs up with another person's address and a password of his choosing.
 * Whatever way she then proves the mailbox (sign-in code, activation link, mandate, reset), his password is gone and
 * older mailed secrets of the same purpose are void.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailboxProofTest {
    static final String HIS = "le chat du voisin dort au soleil";
    static final String HERS = "jardin violet sous la pluie fine";
    Guichet g;

    @BeforeAll
    void start() {
        g = new Guichet();
    }

    @AfterAll
    void stop() {
        g.close();
    }

    @Test
    void signingInByCodeDiscardsThePasswordSetBeforeTheAddressWasProven() {
        String victim = "victime.code@example.fr";
        g.accounts.signUp(victim, HIS, "Attaquant");
        g.accounts.sendSignInCode(victim);
        assertNotNull(g.accounts.signInWithCode(victim, g.portal.mail().lastCode(victim).orElseThrow()).token());
        assertEquals(AccountState.ACTIVE, g.accounts.findByEmail(victim).orElseThrow().state());
        assertEquals("INVALID_CREDENTIALS", Refusals.code(() -> g.accounts.signIn(victim, HIS)),
                "his password no longer opens her account");
    }

    @Test
    void theActivationLinkAsksForHerPasswordAndDiscardsHis() {
        String victim = "victime.lien@example.fr";
        g.accounts.signUp(victim, HIS, "Attaquant");
        String link = g.portal.mail().lastLinkParameter(victim, "jeton").orElseThrow();
        assertEquals("PASSWORD_REQUIRED", Refusals.code(() -> g.accounts.activate(link, null)),
                "the link alone does not adopt a password someone else may have chosen");
        g.accounts.activate(link, HERS);
        assertEquals("INVALID_CREDENTIALS", Refusals.code(() -> g.accounts.signIn(victim, HIS)));
        assertNotNull(g.accounts.signIn(victim, HERS).token());
    }

    @Test
    void acceptingAMandateDiscardsThePasswordSetBeforeTheAddressWasProven() {
        String victim = "victime.mandat@example.fr";
        g.accounts.signUp(victim, HIS, "Attaquant");
        Caller mediator = g.mediator("Mediatrice", g.organisation("Mission locale").id());
        g.mandates.request(mediator, victim, "Victime");
        g.mandates.acceptWithToken(g.portal.mail().lastLinkParameter(victim, "jeton").orElseThrow());
        assertEquals(AccountState.ACTIVE, g.accounts.findByEmail(victim).orElseThrow().state());
        assertEquals("INVALID_CREDENTIALS", Refusals.code(() -> g.accounts.signIn(victim, HIS)));
    }

    @Test
    void aNewResetLinkVoidsTheOlderOnes() {
        String a = "reset.deux@example.fr";
        g.accounts.signUp(a, HERS, "Deux liens");
        g.accounts.sendSignInCode(a);
        g.accounts.signInWithCode(a, g.portal.mail().lastCode(a).orElseThrow());
        g.accounts.requestPasswordReset(a);
        String older = g.portal.mail().lastLinkParameter(a, "jeton").orElseThrow();
        g.accounts.requestPasswordReset(a);
        String newer = g.portal.mail().lastLinkParameter(a, "jeton").orElseThrow();
        assertEquals("LINK_INVALID", Refusals.code(() -> g.accounts.resetPassword(older, HIS)),
                "only the latest link works");
        g.accounts.resetPassword(newer, HIS);
        assertNotNull(g.accounts.signIn(a, HIS).token());
    }

    @Test
    void aResetEndsEveryOpenSessionAndVoidsEveryOtherResetLink() {
        String a = "reset.sessions@example.fr";
        g.accounts.signUp(a, HIS, "Attaquant");
        g.accounts.requestPasswordReset(a);
        String link = g.portal.mail().lastLinkParameter(a, "jeton").orElseThrow();
        g.accounts.resetPassword(link, HERS);
        assertEquals(AccountState.ACTIVE, g.accounts.findByEmail(a).orElseThrow().state());
        assertEquals("INVALID_CREDENTIALS", Refusals.code(() -> g.accounts.signIn(a, HIS)));
        String session = g.accounts.signIn(a, HERS).token();
        g.accounts.requestPasswordReset(a);
        g.accounts.resetPassword(g.portal.mail().lastLinkParameter(a, "jeton").orElseThrow(), HIS + " encore");
        assertEquals(java.util.Optional.empty(), g.accounts.authenticate(session));
        assertEquals(0, g.portal.queryLong("SELECT COUNT(*) FROM ACCOUNT_TOKEN WHERE USED_AT IS NULL AND ACCOUNT_ID ="
                + " (SELECT ID FROM ACCOUNT WHERE EMAIL = ?)", a), "no mailed secret left open");
    }

    @Test
    void aBogusActivationOrResetTokenIsRefusedBeforeAnyPasswordHashing() {
        long before = PasswordHasher.HASHES.get();
        assertEquals("LINK_INVALID", Refusals.code(() -> g.accounts.activate("bogus-token-000", HERS)));
        assertEquals("LINK_INVALID", Refusals.code(() -> g.accounts.resetPassword("bogus-token-000", HERS)));
        assertEquals(before, PasswordHasher.HASHES.get(), "no argon2id work for a token that does not exist");
    }
}
