package org.guichet.dossiers.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.Refusals;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Changing one's password asks the current one again (ASVS 6.2.2, 7.5.1): a session left open is not enough, guesses
 * through it are counted to the lockout, other sessions end, the owner is told.
 */
class ChangePasswordTest {
    static final String OLD = "jardin violet sous la pluie fine";
    static final String NEW = "un phare blanc au bout de la digue";

    static String account(Guichet g, String email) {
        g.accounts.signUp(email, OLD, "Claire");
        g.accounts.activate(g.portal.mail().lastLinkParameter(email, "jeton").orElseThrow(), OLD);
        return g.accounts.signIn(email, OLD).token();
    }

    @ParameterizedTest
    @EnumSource(TestPortal.Kind.class)
    void theCurrentPasswordIsAskedOtherSessionsEndAndTheOwnerIsTold(TestPortal.Kind kind) {
        assumeTrue(kind == TestPortal.Kind.DERBY || TestPortal.postgresAvailable(), "GUICHET_TEST_POSTGRES_URL unset");
        try (Guichet g = new Guichet(kind)) {
            String email = "claire@example.fr";
            String mine = account(g, email);
            String elsewhere = g.accounts.signIn(email, OLD).token();
            assertEquals("CURRENT_PASSWORD_REQUIRED", Refusals.code(() -> g.accounts.changePassword(mine, null, NEW)));
            assertEquals("CURRENT_PASSWORD_WRONG",
                    Refusals.code(() -> g.accounts.changePassword(mine, "pas le mot de passe actuel", NEW)));
            GuichetException weak = org.junit.jupiter.api.Assertions.assertThrows(GuichetException.class,
                    () -> g.accounts.changePassword(mine, OLD, "password1234"));
            assertEquals("PASSWORD_COMMON", weak.code());
            assertEquals("newPassword", weak.field(), "the error at the new password's field");
            g.accounts.changePassword(mine, OLD, NEW);
            assertTrue(g.accounts.authenticate(mine).isPresent(), "this session stays");
            assertTrue(g.accounts.authenticate(elsewhere).isEmpty(), "the other one ends");
            assertEquals("INVALID_CREDENTIALS", Refusals.code(() -> g.accounts.signIn(email, OLD)));
            assertNotNull(g.accounts.signIn(email, NEW).token());
            assertEquals("PASSWORD_CHANGED", g.mailTopics(email).get(g.mailTopics(email).size() - 1));
            assertEquals("SESSION_ENDED", Refusals.code(() -> g.accounts.changePassword(elsewhere, NEW, OLD)));
        }
    }

    @ParameterizedTest
    @EnumSource(TestPortal.Kind.class)
    void guessesThroughAnOpenSessionAreCountedEvenSentAtOnceAndLockOut(TestPortal.Kind kind) {
        assumeTrue(kind == TestPortal.Kind.DERBY || TestPortal.postgresAvailable(), "GUICHET_TEST_POSTGRES_URL unset");
        try (Guichet g = new Guichet(kind)) {
            String email = "devine@example.fr";
            String session = account(g, email);
            var outcomes = TestPortal.race(12, i -> {
                g.accounts.changePassword(session, "essai numero " + i + " du voleur", NEW);
                return null;
            });
            List<String> codes = outcomes.stream().map(o -> o.failure() instanceof GuichetException e ? e.code()
                    : String.valueOf(o.failure())).toList();
            assertTrue(codes.stream().allMatch(c -> c.equals("CURRENT_PASSWORD_WRONG") || c.equals("ACCOUNT_LOCKED")),
                    codes.toString());
            assertTrue(codes.stream().filter("CURRENT_PASSWORD_WRONG"::equals).count() <= 5,
                    "at most 5 guesses compared: " + codes);
            assertEquals("ACCOUNT_LOCKED", Refusals.code(() -> g.accounts.changePassword(session, OLD, NEW)),
                    "locked: even the right password waits");
            assertEquals("ACCOUNT_LOCKED", Refusals.code(() -> g.accounts.signIn(email, OLD)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestPortal.Kind.class, names = "DERBY")
    void anAccountWithoutAPasswordIsSentToTheMailedLink(TestPortal.Kind kind) {
        try (Guichet g = new Guichet(kind, Map.of())) {
            var c = g.applicant("Sanspass");
            g.accounts.sendSignInCode(c.email());
            String token = g.accounts.signInWithCode(c.email(), g.portal.mail().lastCode(c.email()).orElseThrow()).token();
            assertEquals("NO_PASSWORD_YET", Refusals.code(() -> g.accounts.changePassword(token, "quoi que ce soit", NEW)));
        }
    }
}
