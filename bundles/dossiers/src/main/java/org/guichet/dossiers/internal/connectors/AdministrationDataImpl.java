package org.guichet.dossiers.internal.connectors;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import org.guichet.api.accounts.Caller;
import org.guichet.api.connectors.AdministrationData;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.limits.RateLimits;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.dossiers.DossierViews;
import org.guichet.dossiers.internal.shared.Schemes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors to the administrations, configured in etc/org.guichet.connectors.cfg and reloaded live: a thin
 * component over {@link AdministrationFetch} and {@link ApiParticulierClient}.
 */
@Component(service = AdministrationData.class, configurationPid = ConnectorsConfig.PID)
@Designate(ocd = ConnectorsConfig.class)
public class AdministrationDataImpl implements AdministrationData {
    private static final Logger LOG = LoggerFactory.getLogger(AdministrationDataImpl.class);

    private final AdministrationFetch fetch;
    private volatile Map<AnswerSource, AdministrationFetch.Provider> providers = Map.of();

    @Activate
    public AdministrationDataImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference SchemeRegistry registry, @Reference EvaluationService evaluation,
            @Reference RateLimits limits, ConnectorsConfig config) {
        this(emf, registry, evaluation, limits, config, Clock.systemUTC());
    }

    /** For tests: the same with a clock of one's own. */
    public AdministrationDataImpl(EntityManagerFactory emf, SchemeRegistry registry, EvaluationService evaluation,
            RateLimits limits, ConnectorsConfig config, Clock clock) {
        Schemes schemes = new Schemes(registry);
        this.fetch = new AdministrationFetch(new Tx(emf), schemes, new DossierAccess(schemes, clock),
                new DossierViews(schemes, evaluation), limits, clock);
        modified(config);
    }

    @Modified
    void modified(ConnectorsConfig c) {
        providers = providers(c);
        LOG.info("Connectors to the administrations: {}", providers.isEmpty() ? "switched off" : providers.keySet());
    }

    /** The providers switched on by that configuration: none without a base URL and a key. */
    static Map<AnswerSource, AdministrationFetch.Provider> providers(ConnectorsConfig c) {
        String base = c.base_url() == null ? "" : c.base_url().strip();
        String key = c.api_key() == null ? "" : c.api_key().strip();
        if (base.isEmpty() || key.isEmpty()) {
            return Map.of();
        }
        ApiParticulierClient client = new ApiParticulierClient(URI.create(base), key,
                Duration.ofMillis(Math.max(100, c.connect_timeout_ms())),
                Duration.ofMillis(Math.max(100, c.read_timeout_ms())));
        Map<AnswerSource, AdministrationFetch.Provider> out = new EnumMap<>(AnswerSource.class);
        if (c.dgfip_enabled()) {
            out.put(AnswerSource.DGFIP, (ids, today) -> client.taxNotice(ids.get(TAX_NUMBER), ids.get(NOTICE_REFERENCE)));
        }
        if (c.france_travail_enabled()) {
            out.put(AnswerSource.FRANCE_TRAVAIL, (ids, today) -> client.jobSeeker(ids.get(JOB_SEEKER_ID), today));
        }
        return Map.copyOf(out);
    }

    @Override
    public Set<AnswerSource> available() {
        return providers.keySet();
    }

    @Override
    public Dossier fetch(Caller caller, long dossierId, AnswerSource source, Map<String, String> identifiers,
            boolean consent) {
        return fetch.fetch(caller, dossierId, source, identifiers, consent, source == null ? null
                : providers.get(source));
    }
}
