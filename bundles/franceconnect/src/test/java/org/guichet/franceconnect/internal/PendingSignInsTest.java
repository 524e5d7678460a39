package org.guichet.franceconnect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.guichet.api.error.GuichetException;
import org.junit.jupiter.api.Test;

/** Started sign-ins: single use, in the browser that started them, for a while, and never without bound. */
class PendingSignInsTest {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    final PendingSignIns pending = new PendingSignIns(Duration.ofMinutes(10), clock);

    @Test
    void aStateIsTakenOnceInTheBrowserThatStartedIt() {
        String binding = pending.put("s1", "n1", "v1");
        assertNull(pending.take("s1", "another browser"), "another browser");
        assertNull(pending.take("s1", binding), "and the state is spent by that try");
        String b2 = pending.put("s2", "n2", "v2");
        PendingSignIns.Pending p = pending.take("s2", b2);
        assertNotNull(p);
        assertEquals("n2", p.nonce());
        assertEquals("v2", p.verifier());
        assertNull(pending.take("s2", b2), "replayed");
        assertNull(pending.take(null, b2));
        assertNull(pending.take("s3", null));
    }

    @Test
    void aStateOlderThanItsLifetimeIsRefused() {
        String binding = pending.put("old", "n", "v");
        now.set(now.get().plus(Duration.ofMinutes(10)));
        assertNull(pending.take("old", binding));
        String fresh = pending.put("fresh", "n", "v");
        now.set(now.get().plus(Duration.ofMinutes(9)));
        assertNotNull(pending.take("fresh", fresh));
    }

    @Test
    void startingWithoutEndFillsNoMemory() {
        for (int i = 0; i < PendingSignIns.MAX; i++) {
            pending.put("s" + i, "n", "v");
        }
        assertEquals("OIDC_UNAVAILABLE", assertThrows(GuichetException.class, () -> pending.put("one more", "n", "v"))
                .code());
        now.set(now.get().plus(Duration.ofMinutes(11)));
        pending.put("after", "n", "v");
        assertEquals(1, pending.size(), "the expired ones were dropped");
    }
}
