package org.guichet.rest.internal;

import java.lang.reflect.Method;
import java.util.function.Supplier;
import javax.ws.rs.Path;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.ext.Provider;
import org.guichet.api.metrics.Metrics;

/**
 * Times every API request by its route template ({@code /dossiers/{id}/answers}, from the resource's {@code @Path}
 * annotations: never an id), method and status, for operators (/metrics). Unmatched addresses are one series.
 */
@Provider
@PreMatching
public class ApiRequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {
    static final String START = ApiRequestMetrics.class.getName() + ".start";
    private final Supplier<Metrics> metrics;

    @Context
    private ResourceInfo resource;

    ApiRequestMetrics(Supplier<Metrics> metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Metrics m = metrics.get();
        Object start = request.getProperty(START);
        if (m == null || !(start instanceof Long s)) {
            return;
        }
        m.request("api", request.getMethod(), route(), response.getStatus(), System.nanoTime() - s);
    }

    private String route() {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return "UNMATCHED";
        }
        return template(resource.getResourceClass().getAnnotation(Path.class), method.getAnnotation(Path.class));
    }

    static String template(Path type, Path method) {
        String t = (type == null ? "" : "/" + type.value()) + (method == null ? "" : "/" + method.value());
        t = t.replaceAll("/+", "/");
        return t.length() > 1 && t.endsWith("/") ? t.substring(0, t.length() - 1) : t.isEmpty() ? "/" : t;
    }
}
