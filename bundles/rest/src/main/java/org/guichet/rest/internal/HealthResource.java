package org.guichet.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.guichet.api.health.HealthIndicator;
import org.guichet.api.health.HealthStatus;

/**
 * Readiness: 200 {"status":"UP"} only when every required part answers. The REST part is "up" by the fact that
 * this resource answers at all, which is why readiness probes must call it rather than the bare HTTP port.
 */
@Path("/health")
public class HealthResource {
    private final Supplier<List<HealthIndicator>> indicators;
    private final Supplier<List<String>> required;

    HealthResource(Supplier<List<HealthIndicator>> indicators, Supplier<List<String>> required) {
        this.indicators = indicators;
        this.required = required;
    }

    public record Check(String status, String detail) { }

    public record Health(String status, Map<String, Check> checks) { }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
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
        return Response.status(up ? 200 : 503).entity(new Health(up ? "UP" : "DOWN", checks)).build();
    }

    private static HealthStatus safeCheck(HealthIndicator i) {
        try {
            return i.check();
        } catch (RuntimeException e) {
            return HealthStatus.down(e.toString());
        }
    }
}
