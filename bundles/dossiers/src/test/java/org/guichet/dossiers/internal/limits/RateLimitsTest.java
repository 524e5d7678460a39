package org.guichet.dossiers.internal.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.guichet.api.accounts.Caller;
import org.guichet.api.error.GuichetException;
import org.guichet.api.limits.RateLimits;
import org.guichet.api.limits.RateLimits.Scope;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.Refusals;
import org.guichet.dossiers.testing.TestPortal;
import org.guichet.dossiers.testing.TestPortal.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rate limits (issue 14): counted in the database, atomically, so that requests sent at once are each counted and a
 * second portal node on the same database sees the same counts; a refusal is 429 RATE_LIMITED with retryAfterSeconds.
 * Runs on Derby here and on PostgreSQL in PostgresRateLimitsTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitsTest {
    static final String PASSWORD = "la mer est calme ce matin";
    Guichet g;

    protected TestPortal.Kind kind() {
        return TestPortal.Kind.DERBY;
    }

    @BeforeAll
    void start() {
        g = new Guichet(kind(), Map.of("link.per.ip", 10, "trusted.proxies", "10.0.0.1, 10.0.0.2"));
    }

    @AfterAll
    void stop() {
        g.close();
    }

    static long refused(List<? extends Outcome<?>> outcomes, String code) {
        return outcomes.stream().filter(o -> o.failure() instanceof GuichetException e && code.equals(e.code())).count();
    }

    @Test
    void twentyResetRequestsAtOnceToOneAddressSendFiveMailsAndRefuseTheRest() {
        String a = "flood@example.fr";
        g.accounts.signUp(a, PASSWORD, "Cible");
        var requests = TestPortal.race(20, i -> {
            g.accounts.requestPasswordReset(a);
            return null;
        });
        assertEquals(5, requests.stream().filter(Outcome::ok).count(), "the default: 5 per address per window");
        assertEquals(15, refused(requests, "RATE_LIMITED"));
        assertEquals(5, g.portal.mail().to(a, "PASSWORD_RESET").size());
        GuichetException e = assertThrows(GuichetException.class, () -> g.accounts.requestPasswordReset(a));
        assertEquals(GuichetException.Kind.TOO_MANY_ATTEMPTS, e.kind());
        long retry = ((Number) e.details().get("retryAfterSeconds")).longValue();
        assertTrue(retry >= 1 && retry <= 900, "within the window: " + retry);
        // an address without an account is limited the same way (nothing tells them apart)
        var unknown = TestPortal.race(8, i -> {
            g.accounts.requestPasswordReset("personne@example.fr");
            return null;
        });
        assertEquals(5, unknown.stream().filter(Outcome::ok).count());
        assertEquals(3, refused(unknown, "RATE_LIMITED"));
    }

    @Test
    void thirtyHitsAtOnceAreAllCountedAndTenPass() {
        var hits = TestPortal.race(30, i -> {
            g.limits.hit(RateLimits.LINK, Scope.IP, "192.0.2.30");
            return null;
        });
        assertEquals(10, hits.stream().filter(Outcome::ok).count());
        assertEquals(20, refused(hits, "RATE_LIMITED"));
        assertEquals(30, g.portal.queryLong("SELECT SUM(HITS) FROM RATE_BUCKET WHERE BUCKET_KEY = ?",
                "link:ip:" + org.guichet.dossiers.internal.accounts.Secrets.sha256("192.0.2.30")), "no address in clear");
    }

    @Test
    void aSecondNodeOnTheSameDatabaseSeesTheSameCounts() {
        RateLimitsImpl otherNode = new RateLimitsImpl(g.portal.emf(), TestPortal.config(RateLimitConfig.class,
                Map.of("link.per.ip", 10)), g.clock);
        for (int i = 0; i < 5; i++) {
            g.limits.hit(RateLimits.LINK, Scope.IP, "192.0.2.40");
            otherNode.hit(RateLimits.LINK, Scope.IP, "192.0.2.40");
        }
        assertEquals("RATE_LIMITED", Refusals.code(() -> otherNode.hit(RateLimits.LINK, Scope.IP, "192.0.2.40")));
        assertEquals("RATE_LIMITED", Refusals.code(() -> g.limits.hit(RateLimits.LINK, Scope.IP, "192.0.2.40")));
        // the next window starts afresh
        g.clock.advance(Duration.ofSeconds(901));
        g.limits.hit(RateLimits.LINK, Scope.IP, "192.0.2.40");
    }

    @Test
    void mandateRequestsOfOneMediatorAreLimited() {
        Caller mediator = g.mediator("Flot", g.organisation("Association du flot").id());
        var asked = TestPortal.race(40, i -> g.mandates.request(mediator, "personne" + i + "@example.fr", "Personne " + i));
        assertEquals(30, asked.stream().filter(Outcome::ok).count(), "30 per mediator per window by default");
        assertEquals(10, refused(asked, "RATE_LIMITED"));
    }

    @Test
    void signInsAndCodesAreLimitedPerAddress() {
        String a = "devine@example.fr";
        for (int i = 0; i < 30; i++) {
            Refusals.code(() -> g.accounts.signIn(a, "pas le bon mot de passe"));
        }
        assertEquals("RATE_LIMITED", Refusals.code(() -> g.accounts.signIn(a, PASSWORD)));
        for (int i = 0; i < 5; i++) {
            g.accounts.sendSignInCode(a);
        }
        assertEquals("RATE_LIMITED", Refusals.code(() -> g.accounts.sendSignInCode(a)));
    }

    @Test
    void theClientAddressComesFromXForwardedForOnlyThroughATrustedProxy() {
        assertEquals("203.0.113.7", g.limits.clientAddress("203.0.113.7", "198.51.100.1"), "not a proxy: ignored");
        assertEquals("198.51.100.1", g.limits.clientAddress("10.0.0.1", "198.51.100.1"));
        assertEquals("198.51.100.1", g.limits.clientAddress("10.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2"),
                "the right-most address no proxy of ours added; what the client wrote before it is not believed");
        assertEquals("10.0.0.1", g.limits.clientAddress("10.0.0.1", null));
    }
}
