package org.guichet.rest.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.limits.RateLimits;
import org.guichet.api.connectors.AdministrationData;
import org.guichet.api.dossiers.DossierService;
import org.guichet.api.events.SchemeEventStore;
import org.guichet.api.instruction.InstructionService;
import org.guichet.api.mandates.MandateService;
import org.guichet.api.observatory.ObservatoryService;
import org.guichet.api.payments.PaymentService;
import org.guichet.api.metrics.Metrics;
import org.guichet.api.partners.PartnerService;
import org.guichet.api.health.HealthIndicator;
import org.guichet.api.health.HealthStatus;
import org.guichet.api.impact.ImpactService;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.SchemeDeployment;
import org.guichet.api.scheme.SchemeRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the JSON API on CXF's servlet (context {@code /api}, see etc/org.apache.cxf.osgi.cfg) at {@code /v1}.
 * Domain services are dynamic and optional: the API comes up first and says 503 for what is not ready yet, so
 * that health can tell an operator exactly what is missing.
 */
@Component(immediate = true, configurationPid = "org.guichet.api", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ApiServer.Config.class)
public class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    @ObjectClassDefinition(name = "Guichet API", description = "The REST API under /api/v1")
    public @interface Config {
        @AttributeDefinition(description = "Health indicators that must be UP for /api/v1/health to answer 200")
        String[] health_required() default {"database", "rules-engine", "services"};
    }

    private final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();
    private volatile List<String> requiredIndicators;
    private volatile SchemeRegistry registry;
    private volatile EvaluationService evaluation;
    private volatile SchemeDeployment deployment;
    private volatile SchemeEventStore events;
    private volatile AccountService accounts;
    private volatile DossierService dossiers;
    private volatile MandateService mandates;
    private volatile PartnerService partners;
    private volatile InstructionService instruction;
    private volatile PaymentService payments;
    private volatile ObservatoryService observatory;
    private volatile ImpactService impact;
    private volatile Metrics metrics;
    private volatile RateLimits limits;
    private volatile AdministrationData connectors;
    private Server server;
    /** the largest upload CXF reads at all (a scheme may allow up to this per document) */
    static final long MAX_UPLOAD_BYTES = 50L * 1024 * 1024;

    @Activate
    public ApiServer(Config config) {
        modified(config);
        start();
    }

    private void start() {
        Authenticator auth = new Authenticator(() -> accounts, () -> partners, () -> instruction);
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setAddress("/v1");
        factory.setServiceBeans(List.of(
                new HealthResource(this::healthIndicators, () -> requiredIndicators, auth),
                new SchemeResource(() -> registry, () -> evaluation, () -> events, () -> deployment, auth, () -> observatory),
                new OpenApiResource(),
                new AccountResource(() -> accounts, () -> partners, auth),
                new DossierResource(() -> dossiers, () -> instruction, () -> payments, auth),
                new MandateResource(() -> mandates, auth),
                new PartnerResource(() -> partners, () -> payments, auth),
                new InstructionResource(() -> instruction, auth),
                new PaymentResource(() -> payments, auth),
                new SourceResource(() -> connectors, auth),
                new ObservatoryResource(() -> observatory, auth),

                new ImpactResource(() -> impact, auth)));
        // uploads beyond this are cut by CXF itself; each document type's own (smaller) limit is checked while
        // the file streams in, with a clear 413
        factory.setProperties(Map.of("attachment-max-size", String.valueOf(MAX_UPLOAD_BYTES),
                "attachment-memory-threshold", String.valueOf(256 * 1024)));
        List<Object> providers = new ArrayList<>();
        providers.add(new JacksonJsonProvider(objectMapper()));
        providers.addAll(ErrorMappers.all());
        providers.add(new ApiRequestMetrics(() -> metrics));
        providers.add(new ApiRateLimits(() -> limits));
        factory.setProviders(providers);
        // no WADL: CXF's generator answers ?_wadl before any filter of ours; this interceptor answers 404 first
        factory.getInInterceptors().add(new NoWadl());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            // CXF looks up its extensions through the context classloader when it builds the endpoint
            Thread.currentThread().setContextClassLoader(JAXRSServerFactoryBean.class.getClassLoader());
            // CXF's default bus: its HTTP transport is the one behind CXF's OSGi servlet (context /api), which
            // publishes every endpoint created on it; CXF registers no Bus service to inject
            factory.setBus(BusFactory.getDefaultBus(true));
            server = factory.create();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        LOG.info("Guichet API published at /api/v1");
    }

    /** The registered indicators, and "services": the domain services this API calls are all there. */
    private List<HealthIndicator> healthIndicators() {
        List<HealthIndicator> all = new ArrayList<>(indicators);
        all.add(new HealthIndicator() {
            @Override
            public String name() {
                return "services";
            }

            @Override
            public HealthStatus check() {
                List<String> missing = new ArrayList<>();
                if (accounts == null) {
                    missing.add("accounts");
                }
                if (dossiers == null) {
                    missing.add("dossiers");
                }
                if (mandates == null) {
                    missing.add("mandates");
                }
                if (partners == null) {
                    missing.add("partners");
                }
                if (instruction == null) {
                    missing.add("instruction");
                }
                if (payments == null) {
                    missing.add("payments");
                }
                return missing.isEmpty() ? HealthStatus.up("accounts, dossiers, mandates, partners, instruction,"
                        + " payments") : HealthStatus.down("not started yet: " + String.join(", ", missing));
            }
        });
        return all;
    }

    @Modified
    void modified(Config config) {
        // a .cfg file gives one comma-separated string; metatype gives an array: accept both
        requiredIndicators = Arrays.stream(config.health_required()).flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
    }

    @Deactivate
    void stop() {
        if (server != null) {
            server.destroy();
            server = null;
        }
    }

    static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addIndicator(HealthIndicator indicator) { indicators.add(indicator); }

    void removeIndicator(HealthIndicator indicator) { indicators.remove(indicator); }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setLimits(RateLimits l) { limits = l; }

    void unsetLimits(RateLimits l) { if (limits == l) { limits = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRegistry(SchemeRegistry r) { registry = r; }

    void unsetRegistry(SchemeRegistry r) { if (registry == r) { registry = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEvaluation(EvaluationService e) { evaluation = e; }

    void unsetEvaluation(EvaluationService e) { if (evaluation == e) { evaluation = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setDeployment(SchemeDeployment d) { deployment = d; }

    void unsetDeployment(SchemeDeployment d) { if (deployment == d) { deployment = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEvents(SchemeEventStore s) { events = s; }

    void unsetEvents(SchemeEventStore s) { if (events == s) { events = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setAccounts(AccountService s) { accounts = s; }

    void unsetAccounts(AccountService s) { if (accounts == s) { accounts = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setDossiers(DossierService s) { dossiers = s; }

    void unsetDossiers(DossierService s) { if (dossiers == s) { dossiers = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setMandates(MandateService s) { mandates = s; }

    void unsetMandates(MandateService s) { if (mandates == s) { mandates = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPartners(PartnerService s) { partners = s; }

    void unsetPartners(PartnerService s) { if (partners == s) { partners = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setInstruction(InstructionService s) { instruction = s; }

    void unsetInstruction(InstructionService s) { if (instruction == s) { instruction = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPayments(PaymentService s) { payments = s; }

    void unsetPayments(PaymentService s) { if (payments == s) { payments = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setConnectors(AdministrationData s) { connectors = s; }

    void unsetConnectors(AdministrationData s) { if (connectors == s) { connectors = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setObservatory(ObservatoryService s) { observatory = s; }

    void unsetObservatory(ObservatoryService s) { if (observatory == s) { observatory = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setImpact(ImpactService s) { impact = s; }

    void unsetImpact(ImpactService s) { if (impact == s) { impact = null; } }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setMetrics(Metrics m) { metrics = m; }

    void unsetMetrics(Metrics m) { if (metrics == m) { metrics = null; } }
}
