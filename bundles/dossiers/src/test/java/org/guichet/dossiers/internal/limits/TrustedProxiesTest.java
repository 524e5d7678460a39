package org.guichet.dossiers.internal.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Map;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.Test;

/** The one list of trusted proxies: numeric addresses and CIDR blocks, for X-Forwarded-For and X-Forwarded-Proto. */
class TrustedProxiesTest {
    @Test
    void proxyListsAreNumericAndPrefixesMatch() {
        TrustedProxies p = TrustedProxies.parse("192.168.1.0/24", "::1", "2001:db8::/32");
        assertTrue(p.trusts("192.168.1.200"));
        assertFalse(p.trusts("192.168.2.1"));
        assertTrue(p.trusts("0:0:0:0:0:0:0:1"));
        assertTrue(p.trusts("2001:db8:1::5"));
        assertFalse(p.trusts("2001:db9::1"));
        assertFalse(p.trusts("proxy.example.org"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("proxy.example.org"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
    }

    @Test
    void theRateLimitsBelieveTheForwardedAddressOfABlockOnly() {
        try (TestPortal portal = new TestPortal()) {
            RateLimitsImpl limits = new RateLimitsImpl(portal.emf(), TestPortal.config(RateLimitConfig.class,
                    Map.of("trusted.proxies", "10.0.0.0/8, ::1")), Clock.systemUTC());
            assertTrue(limits.fromTrustedProxy("10.20.30.40"));
            assertFalse(limits.fromTrustedProxy("192.0.2.7"));
            assertEquals("198.51.100.9", limits.clientAddress("10.20.30.40", "198.51.100.9, 10.1.1.1"),
                    "the right-most hop that is not ours");
            assertEquals("192.0.2.7", limits.clientAddress("192.0.2.7", "198.51.100.9"), "a client cannot choose");
        }
    }
}
