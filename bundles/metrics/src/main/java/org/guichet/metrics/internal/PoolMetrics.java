package org.guichet.metrics.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The JDBC connection pool's use and waits, read from the JMX beans that pax-jdbc's DBCP2 pool registers
 * ({@code org.ops4j.pax.jdbc.pool.dbcp2:type=GenericObjectPool,name=…}): so no bundle has to hand its pool over.
 * Read at each scrape; a pool that is not there yet (or any more) reads as NaN.
 */
final class PoolMetrics implements MeterBinder {
    static final String PATTERN = "org.ops4j.pax.jdbc.pool.dbcp2:type=GenericObjectPool,*";
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "guichet.db.pool.active", "Connections in use", "NumActive");
        gauge(registry, "guichet.db.pool.idle", "Connections idle in the pool", "NumIdle");
        gauge(registry, "guichet.db.pool.waiting", "Requests waiting for a connection now", "NumWaiters");
        gauge(registry, "guichet.db.pool.max", "The pool's maximum size", "MaxTotal");
        gauge(registry, "guichet.db.pool.wait.mean.ms", "Mean wait for a connection (last 100 borrows)",
                "MeanBorrowWaitTimeMillis");
        gauge(registry, "guichet.db.pool.wait.max.ms", "Longest wait for a connection", "MaxBorrowWaitTimeMillis");
        FunctionCounter.builder("guichet.db.pool.borrowed", this, value("BorrowedCount"))
                .description("Connections handed out since start").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String attribute) {
        Gauge.builder(name, this, value(attribute)).description(description).register(registry);
    }

    /** The attribute summed over the pools there are (Guichet has one). */
    ToDoubleFunction<PoolMetrics> value(String attribute) {
        return self -> {
            try {
                Set<ObjectName> pools = server.queryNames(new ObjectName(PATTERN), null);
                if (pools.isEmpty()) {
                    return Double.NaN;
                }
                double sum = 0;
                for (ObjectName pool : pools) {
                    sum += ((Number) server.getAttribute(pool, attribute)).doubleValue();
                }
                return sum;
            } catch (Exception e) {
                return Double.NaN;
            }
        };
    }
}
