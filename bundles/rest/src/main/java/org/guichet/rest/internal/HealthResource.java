package org.guichet.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.guichet.api.health.HealthIndicator;
import org.guichet.api.health.HealthStatus;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness: 200 {"status":"UP"} only when every required part answers. The REST part is "up" by the fact that
 * this resource answers at all, which is why readiness probes must call it rather than the bare HTTP port.
 * <p>
 * Anyone (a probe) gets the status only; the checks and their details (versions, what is missing, why a part is
 * down) only an admin signed in ({@code Authorization: Bearer}): they tell an attacker what runs and what fails.
 * A check that throws is logged; its detail never carries the exception's text.
 */
@Path("/health")
public class HealthResource {
    private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);
    private final Supplier<List<HealthIndicator>> indicators;
    private final Supplier<List<String>> required;
    private final Authenticator auth;

    HealthResource(Supplier<List<HealthIndicator>> indicators, Supplier<List<String>> required, Authenticator auth) {
        this.indicators = indicators;
        this.required = required;
        this.auth = auth;
    }

    public record Check(String status, String detail) { }

    public record Health(String status, Map<String, Check> checks) { }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("rest", new Check("UP", "API published"));
        boolean up = true;
        List<HealthIndicator> present = indicators.get();
        for (String name : required.get()) {
            HealthIndicator indicator = present.stream().filter(i -> name.equals(i.name())).findFirst().orElse(null);
            HealthStatus s = indicator == null ? HealthStatus.down("not started yet") : safeCheck(indicator);
            checks.put(name, new Check(s.up() ? "UP" : "DOWN", s.detail()));
            up &= s.up();
        }
        for (HealthIndicator i : present) {
            if (!checks.containsKey(i.name())) {
                HealthStatus s = safeCheck(i);
                checks.put(i.name(), new Check(s.up() ? "UP" : "DOWN", s.detail()));
            }
        }
        return Response.status(up ? 200 : 503).entity(new Health(up ? "UP" : "DOWN",
                admin(authorization) ? checks : Map.of())).build();
    }

    /** An admin's session: anything else (none, expired, accounts not started, another role) sees the status only. */
    private boolean admin(String authorization) {
        if (authorization == null || auth == null) {
            return false;
        }
        try {
            Caller c = auth.caller(authorization);
            return c.has(Role.ADMIN) && c.assistance() == null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static HealthStatus safeCheck(HealthIndicator i) {
        try {
            return i.check();
        } catch (RuntimeException e) {
            LOG.warn("Health check {} failed", i.name(), e);
            return HealthStatus.down("the check failed (see the portal's log)");
        }
    }
}
