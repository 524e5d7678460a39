package org.guichet.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import javax.ws.rs.core.Response;
import org.guichet.api.error.GuichetException;
import org.guichet.api.limits.RateLimits;
import org.junit.jupiter.api.Test;

/** Which API requests are counted per client address, and how a refusal goes out (429, Retry-After). */
class ApiRateLimitsTest {
    @Test
    void requestsThatCostMailHashingOrGuessesAreCounted() {
        assertEquals(RateLimits.SIGN_UP, ApiRateLimits.action("POST", "accounts", false));
        assertEquals(RateLimits.SIGN_IN, ApiRateLimits.action("POST", "sessions", false));
        assertEquals(RateLimits.CODE_REQUEST, ApiRateLimits.action("POST", "sessions/code-requests", false));
        assertEquals(RateLimits.CODE_SIGN_IN, ApiRateLimits.action("POST", "sessions/code", false));
        assertEquals(RateLimits.CODE_SIGN_IN, ApiRateLimits.action("POST", "sessions/second-factor", false));
        assertEquals(RateLimits.CODE_SIGN_IN, ApiRateLimits.action("POST", "sessions/second-factor/enrolment", false));
        assertEquals(RateLimits.RESET_REQUEST, ApiRateLimits.action("POST", "accounts/password-reset", false));
        assertEquals(RateLimits.LINK, ApiRateLimits.action("POST", "accounts/password-reset/confirmation", false));
        assertEquals(RateLimits.LINK, ApiRateLimits.action("POST", "accounts/activation", false));
        assertEquals(RateLimits.LINK, ApiRateLimits.action("POST", "mandates/acceptance", false));
        assertEquals(RateLimits.MANDATE_REQUEST, ApiRateLimits.action("POST", "mandates", false));
        assertEquals(RateLimits.MANDATE_REQUEST, ApiRateLimits.action("POST", "mandates/signed-consent", false));
        assertEquals(RateLimits.MANDATE_CODE, ApiRateLimits.action("POST", "mandates/12/acceptance", false));
        assertEquals(RateLimits.PARTNER, ApiRateLimits.action("GET", "partners/me", false));
        assertEquals(RateLimits.PARTNER, ApiRateLimits.action("GET", "dossiers", true), "any call with a key");
        assertNull(ApiRateLimits.action("GET", "dossiers", false));
        assertNull(ApiRateLimits.action("GET", "accounts/me", false));
    }

    @Test
    void aRateLimitRefusalIs429WithRetryAfter() {
        Response r = new ErrorMappers.Refused().toResponse(new GuichetException(GuichetException.Kind.TOO_MANY_ATTEMPTS,
                "RATE_LIMITED", null, "Trop de demandes", null, Map.of("retryAfterSeconds", 120L)));
        assertEquals(429, r.getStatus());
        assertEquals("120", String.valueOf(r.getHeaderString("Retry-After")));
    }
}
