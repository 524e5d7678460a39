package org.guichet.metrics.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.guichet.api.metrics.Metrics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * {@link Metrics} on Micrometer's Prometheus registry: the only place that knows the metrics library. The registry
 * also holds the JVM's and the connection pool's figures; /metrics scrapes it.
 */
@Component(service = {Metrics.class, MetricsService.class})
public class MetricsService implements Metrics {
    /** the buckets the p50/p95/p99 of requests are read from (the targets are 150 and 200 ms) */
    static final Duration[] REQUEST_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofMillis(200), Duration.ofMillis(300),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Activate
    public MetricsService() {
        registry.config().commonTags("application", "guichet");
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new PoolMetrics().bindTo(registry);
    }

    @Deactivate
    void deactivate() {
        registry.close();
    }

    /** Everything, in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void request(String kind, String method, String route, int status, long nanos) {
        Timer.builder("guichet.http.requests").description("HTTP requests, by kind (api, web), method, route and status")
                .tags("kind", kind, "method", method, "route", route, "status", Integer.toString(status),
                        "outcome", status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "SUCCESS")
                .serviceLevelObjectives(REQUEST_BUCKETS).register(registry).record(Duration.ofNanos(nanos));
    }

    @Override
    public void evaluation(String schemeId, String outcome, long nanos) {
        Timer.builder("guichet.rules.evaluations").description("Evaluations of a scheme's rules, by outcome")
                .tags("scheme", schemeId, "outcome", outcome).register(registry).record(Duration.ofNanos(nanos));
    }

    @Override
    public AutoCloseable gauge(String name, String description, Map<String, String> tags, Supplier<Number> value) {
        Tags t = Tags.empty();
        for (Map.Entry<String, String> e : tags.entrySet()) {
            t = t.and(e.getKey(), e.getValue());
        }
        Gauge g = Gauge.builder(name, () -> value.get()).description(description).tags(t).strongReference(true)
                .register(registry);
        return () -> registry.remove(g);
    }
}
