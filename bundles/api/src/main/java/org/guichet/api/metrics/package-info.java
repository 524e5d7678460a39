/** Operators' figures: what the bundles record (requests, rules evaluations, gauges), scraped at /metrics. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.guichet.api.metrics;
