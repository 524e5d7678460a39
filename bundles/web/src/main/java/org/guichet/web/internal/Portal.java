package org.guichet.web.internal;

import org.guichet.api.accounts.AccountService;
import org.guichet.api.limits.RateLimits;
import org.guichet.api.connectors.AdministrationData;
import org.guichet.api.dossiers.DossierService;
import org.guichet.api.instruction.InstructionService;
import org.guichet.api.mandates.MandateService;
import org.guichet.api.partners.PartnerService;
import org.guichet.api.payments.PaymentService;
import org.guichet.api.observatory.ObservatoryService;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.SchemeDeployment;
import org.guichet.api.scheme.SchemeRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The pages' one gate to the domain services. Each is optional and dynamic (the portal keeps serving while a service
 * restarts); asking for one that is not there throws {@link Unavailable}, which the pipeline turns into a 503 page
 * saying that nothing saved is lost.
 */
@Component(service = Portal.class)
public class Portal {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AccountService accounts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DossierService dossiers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SchemeRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EvaluationService evaluation;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SchemeDeployment deployment;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MandateService mandates;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InstructionService instruction;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PaymentService payments;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PartnerService partners;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SchemeTrust schemeTrust;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RateLimits limits;

    /** Sign in with FranceConnect: present only while etc/org.guichet.franceconnect.cfg names a provider. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.guichet.api.accounts.IdentityProvider franceConnect;

    /** Data from the administrations (API Particulier): present only while etc/org.guichet.connectors.cfg names a provider. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AdministrationData connectors;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ObservatoryService observatory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.guichet.api.impact.ImpactService impact;

    private volatile BundleContext context;

    /** Thrown when a service the page needs is not (yet, or no longer) there. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String what) {
            super(what + " is not available");
        }
    }

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    private static <T> T present(T service, String name) {
        if (service == null) {
            throw new Unavailable(name);
        }
        return service;
    }

    /**
     * Counts this request against its client address's limit for the action (the connection's address, or the
     * X-Forwarded-For a trusted proxy added: etc/org.guichet.ratelimits.cfg); over the limit, a TOO_MANY_ATTEMPTS
     * refusal that the servlet answers 429 with Retry-After. Called before any work, so a flood costs no hashing and
     * no mail.
     */
    void limit(javax.servlet.http.HttpServletRequest req, String action) {
        RateLimits l = limits;
        if (l != null) {
            l.hit(action, RateLimits.Scope.IP, l.clientAddress(req.getRemoteAddr(), req.getHeader("X-Forwarded-For")));
        }
    }

    /** Whether the connection comes from one of the portal's trusted proxies; none while the limits are away. */
    boolean fromTrustedProxy(String remoteAddr) {
        RateLimits l = limits;
        return l != null && l.fromTrustedProxy(remoteAddr);
    }

    /** For tests: the rate limits service, as DS would bind it. */
    void bindLimitsForTest(RateLimits l) {
        this.limits = l;
    }

    public AccountService accounts() {
        return present(accounts, "AccountService");
    }

    /** FranceConnect if it is configured, else null (then the sign-in page shows no button). */
    org.guichet.api.accounts.IdentityProvider franceConnectOrNull() {
        return franceConnect;
    }

    /** For tests: FranceConnect as DS would bind it. */
    void bindFranceConnectForTest(org.guichet.api.accounts.IdentityProvider provider) {
        this.franceConnect = provider;
    }

    /** The account service if present (the pipeline uses it to know the caller without failing the page). */
    AccountService accountsOrNull() {
        return accounts;
    }

    /** The connectors to the administrations, or null while absent (then the pages offer no "fetch" block). */
    public AdministrationData connectorsOrNull() {
        return connectors;
    }

    /** For tests: the connectors, as DS would bind them. */
    void bindConnectorsForTest(AdministrationData c) {
        this.connectors = c;
    }

    public DossierService dossiers() {
        return present(dossiers, "DossierService");
    }

    public SchemeRegistry registry() {
        return present(registry, "SchemeRegistry");
    }

    public EvaluationService evaluation() {
        return present(evaluation, "EvaluationService");
    }

    /** Zip deployments and promotions of previews (the rules engine). */
    public SchemeDeployment deployment() {
        return present(deployment, "SchemeDeployment");
    }

    public MandateService mandates() {
        return present(mandates, "MandateService");
    }

    public InstructionService instruction() {
        return present(instruction, "InstructionService");
    }

    public PaymentService payments() {
        return present(payments, "PaymentService");
    }

    /** Organisations, their keys, enrolments (the organisation's space, the admins' organisations page). */
    public PartnerService partners() {
        return present(partners, "PartnerService");
    }

    /** The observatory's figures (issue 15). */
    public ObservatoryService observatory() {
        return present(observatory, "ObservatoryService");
    }

    /** The observatory if it is there, else null: counting a simulation never stops the simulator. */
    public ObservatoryService observatoryOrNull() {
        return observatory;
    }

    /** Which scheme jars the web page may deploy (etc/org.guichet.schemes.cfg). */
    public SchemeTrust schemeTrust() {
        return present(schemeTrust, "SchemeTrust");
    }

    /** Impact runs of candidate scheme versions (the impact page). */
    public org.guichet.api.impact.ImpactService impact() {
        return present(impact, "ImpactService");
    }

    /** This bundle's context (scheme deployment installs bundles through it). */
    public BundleContext bundleContext() {
        return present(context, "BundleContext");
    }
}
