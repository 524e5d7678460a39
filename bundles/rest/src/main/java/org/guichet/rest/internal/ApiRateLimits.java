package org.guichet.rest.internal;

import java.util.function.Supplier;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;
import javax.ws.rs.ext.Provider;
import org.guichet.api.error.GuichetException;
import org.guichet.api.limits.RateLimits;
import org.guichet.api.limits.RateLimits.Scope;

/**
 * Counts the requests that cost mail, hashing or guesses per client address (the connection's, or X-Forwarded-For
 * from a trusted proxy: etc/org.guichet.ratelimits.cfg), and partner calls per key too, before any work is done;
 * over the limit the answer is 429 RATE_LIMITED with Retry-After. The services count per mail address and account.
 */
@Provider
@PreMatching
public class ApiRateLimits implements ContainerRequestFilter {
    private final Supplier<RateLimits> limits;

    @Context
    private HttpServletRequest http;

    ApiRateLimits(Supplier<RateLimits> limits) {
        this.limits = limits;
    }

    /** The action a request is counted as, null for none; {@code path} is relative to /v1, without slashes around. */
    static String action(String method, String path, boolean partnerKey) {
        if (partnerKey || path.startsWith("partners/") || path.equals("partners")) {
            return RateLimits.PARTNER;
        }
        if (!"POST".equals(method)) {
            return null;
        }
        return switch (path) {
            case "accounts" -> RateLimits.SIGN_UP;
            case "sessions" -> RateLimits.SIGN_IN;
            case "sessions/code-requests" -> RateLimits.CODE_REQUEST;
            case "sessions/code", "sessions/second-factor", "sessions/second-factor/enrolment" -> RateLimits.CODE_SIGN_IN;
            case "accounts/password-reset" -> RateLimits.RESET_REQUEST;
            case "accounts/activation", "accounts/password-reset/confirmation", "mandates/acceptance" -> RateLimits.LINK;
            case "mandates", "mandates/signed-consent" -> RateLimits.MANDATE_REQUEST;
            default -> path.matches("mandates/\\d+/acceptance") ? RateLimits.MANDATE_CODE : null;
        };
    }

    @Override
    public void filter(ContainerRequestContext request) {
        RateLimits l = limits.get();
        if (l == null) {
            return;
        }
        String key = request.getHeaderString("X-Api-Key");
        // relative to the endpoint's address (/v1); stripped too in case a container gives it
        String path = request.getUriInfo().getPath().replaceAll("^/+|/+$", "").replaceFirst("^v1/", "");
        String action = action(request.getMethod(), path, key != null && !key.isBlank());
        if (action == null) {
            return;
        }
        try {
            String client = l.clientAddress(http == null ? null : http.getRemoteAddr(),
                    request.getHeaderString("X-Forwarded-For"));
            l.hit(action, Scope.IP, client);
            if (RateLimits.PARTNER.equals(action) && key != null) {
                l.hit(action, Scope.ACCOUNT, "key:" + key.strip());
            }
        } catch (GuichetException refused) {
            request.abortWith(new ErrorMappers.Refused().toResponse(refused));
        }
    }
}
