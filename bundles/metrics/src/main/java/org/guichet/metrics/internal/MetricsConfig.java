package org.guichet.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.guichet.metrics.cfg */
@ObjectClassDefinition(name = "Guichet metrics")
public @interface MetricsConfig {
    String PID = "org.guichet.metrics";

    @AttributeDefinition(description = "A secret a scraper sends as 'Authorization: Bearer <token>' to read /metrics;"
            + " empty: only clients on this machine (loopback, not through a proxy) may read it")
    String token() default "";
}
