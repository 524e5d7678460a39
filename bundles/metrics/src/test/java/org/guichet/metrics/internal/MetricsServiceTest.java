package org.guichet.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What operators read: the figures recorded, in the Prometheus text format. */
class MetricsServiceTest {
    @Test
    void requestsEvaluationsAndGaugesAreScraped() throws Exception {
        MetricsService m = new MetricsService();
        m.request("api", "POST", "/dossiers/{id}/submit", 200, 12_000_000L);
        m.request("api", "POST", "/dossiers/{id}/submit", 503, 3_000_000_000L);
        m.evaluation("vocational-training", "eligible", 400_000L);
        AtomicLong drafts = new AtomicLong(7);
        AutoCloseable g = m.gauge("guichet.dossiers", "Dossiers in each state", Map.of("state", "DRAFT"), drafts::get);
        String text = m.scrape();
        assertTrue(text.contains("guichet_http_requests_seconds_count{application=\"guichet\",kind=\"api\","
                + "method=\"POST\",outcome=\"SUCCESS\",route=\"/dossiers/{id}/submit\",status=\"200\"} 1"), text);
        assertTrue(text.contains("outcome=\"SERVER_ERROR\""), text);
        assertTrue(text.contains("guichet_http_requests_seconds_bucket{application=\"guichet\",kind=\"api\","
                + "method=\"POST\",outcome=\"SUCCESS\",route=\"/dossiers/{id}/submit\",status=\"200\",le=\"0.025\"} 1"),
                text);
        assertTrue(text.contains("guichet_rules_evaluations_seconds_count{application=\"guichet\",outcome=\"eligible\","
                + "scheme=\"vocational-training\"} 1"), text);
        assertTrue(text.contains("guichet_dossiers{application=\"guichet\",state=\"DRAFT\"} 7"), text);
        assertTrue(text.contains("jvm_memory_used_bytes"), text);
        // no pool outside Karaf: read as NaN, never an error
        assertTrue(text.contains("guichet_db_pool_active{application=\"guichet\"} NaN"), text);
        g.close();
        assertFalse(m.scrape().contains("state=\"DRAFT\""));
        m.deactivate();
    }
}
