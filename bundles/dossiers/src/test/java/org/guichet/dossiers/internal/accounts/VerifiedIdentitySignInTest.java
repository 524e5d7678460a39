package org.guichet.dossiers.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.guichet.api.accounts.AccountState;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.IdentitySignIn;
import org.guichet.api.accounts.IdentitySignIn.Outcome;
import org.guichet.api.accounts.Role;
import org.guichet.api.accounts.SessionGrant;
import org.guichet.api.accounts.VerifiedIdentity;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signing in with an identity FranceConnect vouched for (issue 16, point 1): a first sign-in creates an ACTIVE
 * applicant with the verified birth date and no activation mail; an account with the same address is never merged
 * without the mailed code; staff never sign in that way; twenty first sign-ins at once make one account and one link.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifiedIdentitySignInTest {
    Guichet g;

    protected TestPortal.Kind kind() {
        return TestPortal.Kind.DERBY;
    }

    @BeforeAll
    void start() {
        g = new Guichet(kind());
    }

    @AfterAll
    void stop() {
        g.close();
    }

    static VerifiedIdentity angela(String subject, String email) {
        return new VerifiedIdentity(VerifiedIdentity.FRANCECONNECT, subject, "Angela Claire Louise", "DUBOIS",
                LocalDate.of(1962, 8, 24), email, "eidas1");
    }

    static String code(Runnable r) {
        return assertThrows(GuichetException.class, r::run).code();
    }

    long count(String sql, Object... params) {
        return g.portal.queryLong(sql, params);
    }

    @Test
    void aFirstSignInCreatesAnActiveApplicantWithTheVerifiedBirthDateAndNoMail() {
        IdentitySignIn first = g.accounts.signInWithVerifiedIdentity(angela("sub-first", "Angela.Dubois@Example.fr"));
        assertEquals(Outcome.CREATED, first.outcome());
        assertEquals(AccountState.ACTIVE, first.grant().account().state());
        assertEquals(Set.of(Role.APPLICANT), first.grant().account().roles());
        assertEquals("angela.dubois@example.fr", first.grant().account().email());
        assertEquals("Angela Claire Louise DUBOIS", first.grant().account().displayName());
        assertEquals(List.of(), g.mailTopics("angela.dubois@example.fr"), "no activation mail: the provider vouched");
        Caller caller = g.accounts.authenticate(first.grant().token()).orElseThrow();
        assertTrue(!caller.secondFactor());
        VerifiedIdentity kept = g.accounts.verifiedIdentity(caller.accountId()).orElseThrow();
        assertEquals(LocalDate.of(1962, 8, 24), kept.birthDate());
        assertEquals("sub-first", kept.subject());
        assertEquals("eidas1", kept.acr());

        IdentitySignIn again = g.accounts.signInWithVerifiedIdentity(angela("sub-first", "angela.dubois@example.fr"));
        assertEquals(Outcome.SIGNED_IN, again.outcome());
        assertEquals(caller.accountId(), again.grant().account().id());
        assertEquals(1, count("SELECT COUNT(*) FROM IDENTITY_LINK WHERE ACCOUNT_ID = ?", caller.accountId()));
        assertEquals(2, count("SELECT COUNT(*) FROM AUTH_SESSION WHERE ACCOUNT_ID = ? AND METHOD = 'FRANCECONNECT'",
                caller.accountId()));
        assertTrue(g.accounts.verifiedIdentity(g.applicant("Sans").accountId()).isEmpty(),
                "an account never verified has no identity");
    }

    @Test
    void anAccountWithTheSameAddressIsLinkedOnlyOnceTheMailboxIsProven() {
        Caller paul = g.applicant("Paul");
        VerifiedIdentity claimed = angela("sub-paul", paul.email());
        IdentitySignIn asked = g.accounts.signInWithVerifiedIdentity(claimed);
        assertEquals(Outcome.LINK_NEEDED, asked.outcome());
        assertNull(asked.grant(), "no session before the mailbox is proven");
        assertTrue(asked.maskedEmail().endsWith("@example.fr") && !asked.maskedEmail().startsWith("paul@"));
        assertEquals(0, count("SELECT COUNT(*) FROM IDENTITY_LINK WHERE ACCOUNT_ID = ?", paul.accountId()),
                "never merged on the provider's word");
        assertNull(g.accounts.verifiedIdentity(paul.accountId()).orElse(null));
        String right = g.portal.mail().lastCode(paul.email()).orElseThrow();
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);
        assertEquals("INVALID_CODE", code(() -> g.accounts.linkVerifiedIdentity(claimed, wrong)));
        assertEquals(0, count("SELECT COUNT(*) FROM IDENTITY_LINK WHERE ACCOUNT_ID = ?", paul.accountId()));

        SessionGrant linked = g.accounts.linkVerifiedIdentity(claimed, right);
        assertEquals(paul.accountId(), linked.account().id());
        assertEquals(LocalDate.of(1962, 8, 24),
                g.accounts.verifiedIdentity(paul.accountId()).orElseThrow().birthDate());
        assertEquals("INVALID_CODE", code(() -> g.accounts.linkVerifiedIdentity(claimed, right)), "the code is spent");
        IdentitySignIn next = g.accounts.signInWithVerifiedIdentity(claimed);
        assertEquals(Outcome.SIGNED_IN, next.outcome());
        assertEquals(paul.accountId(), next.grant().account().id());
        assertEquals(1, count("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE EVENT_TYPE = 'IDENTITY_LINKED' AND ACTOR_ID = ?",
                paul.accountId()));
        // another FranceConnect identity with Paul's address: the account is one person at the provider
        VerifiedIdentity other = angela("sub-someone-else", paul.email());
        assertEquals(Outcome.LINK_NEEDED, g.accounts.signInWithVerifiedIdentity(other).outcome());
        assertEquals("ACCOUNT_LINKED_TO_ANOTHER_IDENTITY", code(() -> g.accounts.linkVerifiedIdentity(other,
                g.portal.mail().lastCode(paul.email()).orElseThrow())));
    }

    @Test
    void aCodeForAnotherAddressDoesNotLink() {
        Caller rita = g.applicant("Rita");
        Caller eve = g.applicant("Eve");
        g.accounts.signInWithVerifiedIdentity(angela("sub-rita", rita.email()));
        g.accounts.sendSignInCode(eve.email());
        String evesCode = g.portal.mail().lastCode(eve.email()).orElseThrow();
        assertEquals("INVALID_CODE", code(() -> g.accounts.linkVerifiedIdentity(angela("sub-rita", rita.email()),
                evesCode)));
        assertEquals(0, count("SELECT COUNT(*) FROM IDENTITY_LINK WHERE SUBJECT = 'sub-rita'"));
    }

    @Test
    void staffAndDisabledAccountsNeverSignInThisWay() {
        Caller agent = g.agent("Agnes", Guichet.VT);
        assertEquals("IDENTITY_NOT_FOR_STAFF", code(() -> g.accounts.signInWithVerifiedIdentity(
                angela("sub-agent", agent.email()))));
        Caller mediator = g.mediator("Medi", g.organisation("Mission locale").id());
        assertEquals("IDENTITY_NOT_FOR_STAFF", code(() -> g.accounts.signInWithVerifiedIdentity(
                angela("sub-mediator", mediator.email()))));
        assertEquals(List.of(), g.mailTopics(agent.email()), "no code mailed to staff for this");

        IdentitySignIn created = g.accounts.signInWithVerifiedIdentity(angela("sub-disabled", "disabled@example.fr"));
        Caller admin = g.portal.caller(g.portal.insertAccount("adm@region.example", "Adm", Set.of(Role.ADMIN), Set.of(),
                null));
        g.accounts.disable(admin, created.grant().account().id(), null);
        assertEquals("ACCOUNT_DISABLED", code(() -> g.accounts.signInWithVerifiedIdentity(
                angela("sub-disabled", "disabled@example.fr"))));
        assertEquals("IDENTITY_EMAIL_MISSING", code(() -> g.accounts.signInWithVerifiedIdentity(
                angela("sub-no-mail", null))));
    }

    @Test
    void twentyFirstSignInsOfOnePersonAtOnceMakeOneAccountAndOneLink() {
        long t0 = System.nanoTime();
        var outcomes = TestPortal.race(20, i -> g.accounts.signInWithVerifiedIdentity(
                angela("sub-race", "race@example.fr")));
        System.out.printf("%s: 20 first sign-ins of one identity at once took %d ms%n", kind(),
                (System.nanoTime() - t0) / 1_000_000);
        for (var o : outcomes) {
            if (!o.ok()) {
                throw new AssertionError("every one signs in", o.failure());
            }
        }
        assertEquals(1, outcomes.stream().filter(o -> o.value().outcome() == Outcome.CREATED).count());
        assertEquals(19, outcomes.stream().filter(o -> o.value().outcome() == Outcome.SIGNED_IN).count());
        assertEquals(1, outcomes.stream().map(o -> o.value().grant().account().id()).distinct().count());
        assertEquals(1, count("SELECT COUNT(*) FROM ACCOUNT WHERE EMAIL = 'race@example.fr'"));
        assertEquals(1, count("SELECT COUNT(*) FROM IDENTITY_LINK WHERE SUBJECT = 'sub-race'"));
        assertNotNull(g.accounts.verifiedIdentity(outcomes.get(0).value().grant().account().id()).orElse(null));
    }

    @Test
    void twentyLinksOfOneProvenAccountAtOnceMakeOneLink() {
        Caller zoe = g.applicant("Zoe");
        VerifiedIdentity claimed = angela("sub-zoe", zoe.email());
        g.accounts.signInWithVerifiedIdentity(claimed);
        String right = g.portal.mail().lastCode(zoe.email()).orElseThrow();
        var outcomes = TestPortal.race(20, i -> g.accounts.linkVerifiedIdentity(claimed, right));
        assertEquals(1, outcomes.stream().filter(TestPortal.Outcome::ok).count(), "the code is used once");
        outcomes.stream().filter(o -> !o.ok()).forEach(o -> assertEquals("INVALID_CODE",
                ((GuichetException) o.failure()).code(), String.valueOf(o.failure())));
        assertEquals(1, count("SELECT COUNT(*) FROM IDENTITY_LINK WHERE SUBJECT = 'sub-zoe'"));
    }
}
