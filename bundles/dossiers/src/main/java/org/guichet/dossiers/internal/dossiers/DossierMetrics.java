package org.guichet.dossiers.internal.dossiers;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.metrics.Metrics;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Tx;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dossiers per state, for operators (/metrics): one short grouped count, run at most every 15 seconds whatever the
 * number of scrapes (the same figure for every state's gauge in between).
 */
@Component(immediate = true)
public class DossierMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(DossierMetrics.class);
    static final long FRESH_NANOS = 15_000_000_000L;

    private final Tx tx;
    private final List<AutoCloseable> gauges = new ArrayList<>();
    private volatile Map<DossierState, Long> counts = Map.of();
    private volatile long countedAt = Long.MIN_VALUE / 2;

    @Activate
    public DossierMetrics(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference Metrics metrics) {
        this.tx = new Tx(emf);
        for (DossierState s : DossierState.values()) {
            gauges.add(metrics.gauge("guichet.dossiers", "Dossiers in each state", Map.of("state", s.name()),
                    () -> counts().getOrDefault(s, 0L)));
        }
    }

    private Map<DossierState, Long> counts() {
        long now = System.nanoTime();
        if (now - countedAt > FRESH_NANOS) {
            synchronized (this) {
                if (now - countedAt > FRESH_NANOS) {
                    try {
                        Map<DossierState, Long> fresh = new EnumMap<>(DossierState.class);
                        tx.run(em -> em.createQuery("select d.state, count(d) from DossierEntity d where d.testDossier = 0"
                                + " group by d.state",
                                Object[].class).getResultList().forEach(r -> fresh.put((DossierState) r[0],
                                ((Number) r[1]).longValue())));
                        counts = fresh;
                    } catch (RuntimeException e) {
                        LOG.debug("dossiers per state not counted: {}", e.toString());
                    }
                    countedAt = now;
                }
            }
        }
        return counts;
    }

    @Deactivate
    void deactivate() {
        for (AutoCloseable g : gauges) {
            try {
                g.close();
            } catch (Exception e) {
                LOG.debug("gauge not removed: {}", e.toString());
            }
        }
    }
}
