package org.guichet.dossiers.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The TOTP codes against RFC 6238's own test vectors (SHA-1), and base32 against RFC 4648's. */
class TotpTest {
    /** RFC 6238 appendix B: the key is "12345678901234567890"; 8-digit values, of which we show the last 6. */
    @Test
    void rfc6238Vectors() {
        String secret = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", secret);
        assertEquals("287082", Totp.code(secret, Totp.step(Instant.ofEpochSecond(59))));
        assertEquals("081804", Totp.code(secret, Totp.step(Instant.ofEpochSecond(1111111109))));
        assertEquals("050471", Totp.code(secret, Totp.step(Instant.ofEpochSecond(1111111111))));
        assertEquals("005924", Totp.code(secret, Totp.step(Instant.ofEpochSecond(1234567890))));
        assertEquals("279037", Totp.code(secret, Totp.step(Instant.ofEpochSecond(2000000000))));
    }

    @Test
    void oneStepOfDriftEitherWayAndNoMore() {
        String secret = Totp.newSecret();
        Instant now = Instant.ofEpochSecond(1_800_000_015L);
        long step = Totp.step(now);
        assertEquals(step, Totp.match(secret, Totp.code(secret, step), now));
        assertEquals(step - 1, Totp.match(secret, Totp.code(secret, step - 1), now));
        assertEquals(step + 1, Totp.match(secret, Totp.code(secret, step + 1), now));
        assertEquals(-1, Totp.match(secret, Totp.code(secret, step - 2), now));
        assertEquals(-1, Totp.match(secret, Totp.code(secret, step + 2), now));
        assertEquals(-1, Totp.match(secret, "12345", now));
        assertEquals(-1, Totp.match(secret, null, now));
    }

    @Test
    void base32RoundTripsAndIgnoresSpacesAndCase() {
        assertEquals("MZXW6YTBOI", Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Totp.base32Decode("mzxw 6ytb oi"));
        String s = Totp.newSecret();
        assertEquals(s, Totp.base32(Totp.base32Decode(Totp.grouped(s))));
    }
}
