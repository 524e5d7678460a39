package org.guichet.dossiers.internal.connectors;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
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
    private volatile FranceConnectMode franceConnect = FranceConnectMode.OFF;

    /**
     * API Particulier's FranceConnect mode as configured: per source, the data scopes and the call made with her
     * access token (the token is the call's argument, never kept).
     */
    record FranceConnectMode(Map<AnswerSource, List<String>> scopes, Map<AnswerSource, BearerCall> calls) {
        static final FranceConnectMode OFF = new FranceConnectMode(Map.of(), Map.of());
    }

    /** One FranceConnect-mode call. */
    @FunctionalInterface
    interface BearerCall {
        Map<String, Object> fetch(String accessToken, java.time.LocalDate today) throws ProviderException;
    }

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
        franceConnect = franceConnect(c, providers.keySet());
        LOG.info("Connectors to the administrations: {}{}", providers.isEmpty() ? "switched off" : providers.keySet(),
                franceConnect.scopes().isEmpty() ? "" : "; FranceConnect mode for " + franceConnect.scopes().keySet());
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

    /** The FranceConnect mode of the sources switched on, unless switched off or without scopes. */
    static FranceConnectMode franceConnect(ConnectorsConfig c, Set<AnswerSource> on) {
        if (!c.franceconnect_enabled() || on.isEmpty()) {
            return FranceConnectMode.OFF;
        }
        ApiParticulierClient client = new ApiParticulierClient(URI.create(c.base_url().strip()), c.api_key().strip(),
                Duration.ofMillis(Math.max(100, c.connect_timeout_ms())),
                Duration.ofMillis(Math.max(100, c.read_timeout_ms())));
        String recipient = c.recipient() == null ? "" : c.recipient().strip();
        Map<AnswerSource, List<String>> scopes = new EnumMap<>(AnswerSource.class);
        Map<AnswerSource, BearerCall> calls = new EnumMap<>(AnswerSource.class);
        List<String> dgfip = scopes(c.franceconnect_dgfip_scopes());
        if (on.contains(AnswerSource.DGFIP) && !dgfip.isEmpty()) {
            scopes.put(AnswerSource.DGFIP, dgfip);
            String path = c.franceconnect_dgfip_path().strip();
            calls.put(AnswerSource.DGFIP, (token, today) -> client.taxNoticeWithFranceConnect(path, token, recipient));
        }
        List<String> ft = scopes(c.franceconnect_france_travail_scopes());
        if (on.contains(AnswerSource.FRANCE_TRAVAIL) && !ft.isEmpty()) {
            scopes.put(AnswerSource.FRANCE_TRAVAIL, ft);
            String path = c.franceconnect_france_travail_path().strip();
            calls.put(AnswerSource.FRANCE_TRAVAIL, (token, today) -> client.jobSeekerWithFranceConnect(path, token,
                    recipient, today));
        }
        return new FranceConnectMode(Map.copyOf(scopes), Map.copyOf(calls));
    }

    private static List<String> scopes(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }

    @Override
    public Map<AnswerSource, List<String>> franceConnectScopes() {
        return franceConnect.scopes();
    }

    @Override
    public Dossier fetchWithFranceConnect(Caller caller, long dossierId, AnswerSource source, String subject,
            String accessToken, boolean consent) {
        BearerCall call = source == null ? null : franceConnect.calls().get(source);
        return fetch.fetchWithFranceConnect(caller, dossierId, source, subject, consent, call == null ? null
                : (ids, today) -> call.fetch(accessToken, today));
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
