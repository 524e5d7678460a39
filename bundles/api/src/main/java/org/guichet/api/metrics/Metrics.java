package org.guichet.api.metrics;

import java.util.Map;
import java.util.function.Supplier;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the bundles record the figures operators read (Prometheus text format at /metrics, bundle guichet-metrics).
 * Callers keep labels few and bounded: route templates, never ids or addresses.
 */
@ProviderType
public interface Metrics {
    /**
     * One HTTP request.
     *
     * @param kind  "api" or "web"
     * @param route the route template ({@code /dossiers/{id}/answers}), never an actual id
     */
    void request(String kind, String method, String route, int status, long nanos);

    /**
     * One evaluation of a scheme's rules.
     *
     * @param outcome "eligible", "ineligible" or "invalid" (answers refused before the rules)
     */
    void evaluation(String schemeId, String outcome, long nanos);

    /** A figure read at each scrape (e.g. dossiers in a state); close the result to remove it. */
    AutoCloseable gauge(String name, String description, Map<String, String> tags, Supplier<Number> value);
}
