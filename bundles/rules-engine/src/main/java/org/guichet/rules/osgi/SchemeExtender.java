package org.guichet.rules.osgi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.guichet.api.events.SchemeEvent;
import org.guichet.api.events.SchemeEventStore;
import org.guichet.api.health.HealthIndicator;
import org.guichet.api.health.HealthStatus;
import java.io.InputStream;
import java.time.LocalDate;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.NoVersionInForceException;
import org.guichet.api.scheme.SchemeDeployment;
import org.guichet.api.scheme.SchemeRef;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.Scheme;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeState;
import org.guichet.api.scheme.SchemeUnavailableException;
import org.guichet.api.scheme.TestCaseResult;
import org.guichet.rules.engine.CompilationResult;
import org.guichet.rules.engine.CompiledScheme;
import org.guichet.rules.engine.SchemeCompiler;
import org.guichet.rules.engine.TestPackRunner;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.guichet.api.metrics.Metrics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheme extender: tracks started bundles carrying the {@code Guichet-Scheme} header, compiles their rules,
 * runs their test pack, and only then registers them as an ACTIVE {@link Scheme} service. Everything about a
 * scheme that fails stays in its entry (FAILED, with every problem) and never reaches the other schemes.
 *
 * <p>Compilation runs on one background thread, never on the framework's event thread, so that a slow or
 * broken scheme cannot hold up the bundle lifecycle of the portal.
 */
@Component(immediate = true, service = {SchemeRegistry.class, EvaluationService.class, SchemeDeployment.class,
        HealthIndicator.class})
public class SchemeExtender implements SchemeRegistry, EvaluationService, SchemeDeployment, HealthIndicator {
    public static final String HEADER = "Guichet-Scheme";
    private static final Logger LOG = LoggerFactory.getLogger(SchemeExtender.class);

    private final BundleContext context;
    private final SchemeCompiler compiler = new SchemeCompiler();
    private final Map<Long, SchemeEntry> entries = new ConcurrentHashMap<>();
    private final Map<Long, ServiceRegistration<Scheme>> registrations = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Map<Long, Long> generations = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<SchemeEvent> unsavedEvents = new ConcurrentLinkedQueue<>();
    private final ExecutorService worker;
    private final BundleTracker<Bundle> tracker;
    private volatile SchemeEventStore eventStore;
    private final Promotions promotions;
    private final SchemePackages packages;

    @Activate
    public SchemeExtender(BundleContext context) {
        this.context = context;
        java.io.File data = context.getDataFile("promotions.properties");
        this.promotions = new Promotions(data == null ? null : data.toPath());
        this.packages = new SchemePackages(context);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "guichet-scheme-extender");
            t.setDaemon(true);
            return t;
        });
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, new Customizer());
        this.tracker.open();
        LOG.info("Guichet scheme extender started");
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Long id : List.copyOf(entries.keySet())) {
            remove(id, false);
        }
    }

    private final class Customizer implements BundleTrackerCustomizer<Bundle> {
        @Override
        public Bundle addingBundle(Bundle bundle, BundleEvent event) {
            String schemeId = bundle.getHeaders("").get(HEADER);
            if (schemeId == null || schemeId.isBlank()) {
                return null;
            }
            discover(bundle, schemeId.trim());
            return bundle;
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event, Bundle object) {
            // STARTING -> ACTIVE: nothing to do
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
            remove(bundle.getBundleId(), true);
        }
    }

    private void discover(Bundle bundle, String schemeId) {
        SchemeEntry entry = SchemeEntry.discovered(bundle, schemeId);
        long gen = generation.incrementAndGet();
        generations.put(bundle.getBundleId(), gen);
        entries.put(bundle.getBundleId(), entry);
        event(entry, "DISCOVERED", bundle.getLocation());
        worker.execute(() -> process(bundle, gen));
    }

    private boolean current(Bundle bundle, long gen) {
        return Long.valueOf(gen).equals(generations.get(bundle.getBundleId()));
    }

    private void process(Bundle bundle, long gen) {
        long bundleId = bundle.getBundleId();
        SchemeEntry entry = entries.get(bundleId);
        if (entry == null || !current(bundle, gen)) {
            return;
        }
        entry = entry.to(SchemeState.COMPILING);
        entries.put(bundleId, entry);
        CompiledScheme compiled = null;
        try {
            BundleSchemeSource source = new BundleSchemeSource(bundle);
            CompilationResult result = withEngineClassLoader(() -> compiler.compile(source, engineClassLoader()));
            SchemeDescriptor d = result.descriptor();
            if (d != null) {
                entry = new SchemeEntry(bundle, entry.id(), d.version(), entry.state(), d.title(), entry.since(),
                        result.compileMillis(), List.of(), List.of(), null);
            }
            List<SchemeProblem> problems = new ArrayList<>(result.problems());
            if (d != null && !d.id().equals(entry.id())) {
                problems.add(new SchemeProblem("DESCRIPTOR", "scheme.yaml", null, "the descriptor's id '" + d.id()
                        + "' differs from the bundle header " + HEADER + ": " + entry.id()));
            }
            if (d != null && !sameVersion(bundle.getVersion(), d.version())) {
                problems.add(new SchemeProblem("DESCRIPTOR", "scheme.yaml", null, "the bundle's version "
                        + bundle.getVersion() + " is not the scheme's version " + d.version()
                        + ": set scheme.version in the module's pom.xml to the version of scheme.yaml"));
            }
            if (d != null) {
                duplicateOf(bundleId, d.id(), d.version()).ifPresent(other -> problems.add(new SchemeProblem(
                        "DESCRIPTOR", "scheme.yaml", null, "version " + d.version() + " of " + d.id()
                        + " is already installed by bundle " + other)));
            }
            if (!result.ok() || !problems.isEmpty()) {
                if (result.scheme() != null) {
                    result.scheme().close();
                }
                finish(bundle, gen, entry.failed(problems), null);
                return;
            }
            compiled = result.scheme();
            entry = new SchemeEntry(bundle, entry.id(), entry.version(), SchemeState.TESTING, entry.title(),
                    java.time.Instant.now(), entry.compileMillis(), List.of(), List.of(), compiled);
            entries.put(bundleId, entry);
            CompiledScheme toTest = compiled;
            List<TestCaseResult> tests = withEngineClassLoader(() -> TestPackRunner.run(toTest, new BundleSchemeSource(bundle)));
            List<SchemeProblem> failures = tests.stream().filter(t -> !t.passed())
                    .map(t -> new SchemeProblem("TEST_CASE", "tests", null, t.name() + ": " + String.join("; ", t.failures())))
                    .collect(Collectors.toList());
            if (tests.isEmpty()) {
                failures.add(new SchemeProblem("TEST_CASE", "tests", null,
                        "the test pack is empty: a scheme needs at least one case in tests/*.yaml"));
            }
            entry = new SchemeEntry(bundle, entry.id(), entry.version(), entry.state(), entry.title(), entry.since(),
                    entry.compileMillis(), List.of(), tests, compiled);
            if (!failures.isEmpty()) {
                compiled.close();
                finish(bundle, gen, entry.failed(failures), null);
                return;
            }
            boolean preview = entry.deployedAsPreview() && !promoted(bundle);
            finish(bundle, gen, entry.to(preview ? SchemeState.PREVIEW : SchemeState.ACTIVE), compiled);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Scheme {} of bundle {} could not be processed", entry.id(), bundleId, e);
            if (compiled != null) {
                compiled.close();
            }
            finish(bundle, gen, entry.failed(List.of(new SchemeProblem("INTERNAL", null, null, e.toString()))), null);
        }
    }

    private synchronized void finish(Bundle bundle, long gen, SchemeEntry entry, CompiledScheme compiled) {
        long bundleId = bundle.getBundleId();
        if (!current(bundle, gen)) {
            // removed or updated while we compiled: drop this result
            if (compiled != null) {
                compiled.close();
            }
            return;
        }
        entries.put(bundleId, entry);
        if (entry.state() == SchemeState.PREVIEW) {
            LOG.info("Scheme {} {} is PREVIEW, for the region's staff only until an admin promotes it ({} test cases"
                    + " passed)", entry.id(), entry.version(), entry.tests().size());
            event(entry, "PREVIEW", "compiled in " + entry.compileMillis() + " ms; " + entry.tests().size()
                    + " test cases passed; staff only until promoted");
        } else if (entry.state() == SchemeState.ACTIVE) {
            register(entry);
            LOG.info("Scheme {} {} is ACTIVE (compiled in {} ms, {} test cases passed)", entry.id(), entry.version(),
                    entry.compileMillis(), entry.tests().size());
            event(entry, "ACTIVE", "compiled in " + entry.compileMillis() + " ms; " + entry.tests().size()
                    + " test cases passed");
        } else {
            LOG.warn("Scheme {} {} of bundle {} FAILED:\n  {}", entry.id(), entry.version(), bundleId,
                    entry.problems().stream().map(SchemeProblem::toString).collect(Collectors.joining("\n  ")));
            event(entry, "FAILED", entry.problems().stream().map(SchemeProblem::toString).collect(Collectors.joining("\n")));
        }
    }

    /** The Scheme service of an ACTIVE version (a PREVIEW version has none: it is no one's scheme yet). */
    private void register(SchemeEntry entry) {
        long bundleId = entry.bundle().getBundleId();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Scheme.SCHEME_ID, entry.id());
        props.put(Scheme.SCHEME_VERSION, entry.version());
        props.put("guichet.scheme.bundle", bundleId);
        registrations.put(bundleId, context.registerService(Scheme.class, new RegisteredScheme(entry.compiled()), props));
    }

    private boolean promoted(Bundle bundle) {
        synchronized (this) {
            return promotions.promoted(bundle);
        }
    }

    private synchronized void remove(long bundleId, boolean record) {
        generations.remove(bundleId);
        ServiceRegistration<Scheme> reg = registrations.remove(bundleId);
        if (reg != null) {
            try {
                reg.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters services of a stopping bundle's context only for that bundle; ours is fine
            }
        }
        SchemeEntry entry = entries.remove(bundleId);
        if (entry != null) {
            if (entry.compiled() != null) {
                entry.compiled().close();
            }
            if (record) {
                event(entry, "REMOVED", null);
            }
            LOG.info("Scheme {} {} of bundle {} removed", entry.id(), entry.version(), bundleId);
        }
    }

    /** The bundle's version, qualifier aside (1.0.0.SNAPSHOT is 1.0.0), must be the scheme's. */
    static boolean sameVersion(org.osgi.framework.Version bundleVersion, String schemeVersion) {
        try {
            org.osgi.framework.Version v = org.osgi.framework.Version.parseVersion(schemeVersion);
            return v.getMajor() == bundleVersion.getMajor() && v.getMinor() == bundleVersion.getMinor()
                    && v.getMicro() == bundleVersion.getMicro();
        } catch (IllegalArgumentException notOsgi) {
            return false;
        }
    }

    private Optional<Long> duplicateOf(long bundleId, String id, String version) {
        return entries.values().stream()
                .filter(e -> e.bundle().getBundleId() != bundleId && e.id().equals(id) && e.version().equals(version)
                        && e.served())
                .map(e -> e.bundle().getBundleId()).findFirst();
    }

    // ---- SchemeRegistry

    @Override
    public List<SchemeInfo> list() {
        return entries.values().stream().sorted(ORDER).map(SchemeEntry::info).collect(Collectors.toList());
    }

    private static final Comparator<SchemeEntry> ORDER = Comparator.comparing(SchemeEntry::id)
            .thenComparing(SchemeEntry::osgiVersion).thenComparing(e -> e.bundle().getBundleId());

    @Override
    public Optional<SchemeInfo> info(String schemeId, String version) {
        return find(schemeId, version).map(SchemeEntry::info);
    }

    @Override
    public Optional<SchemeDescriptor> activeDescriptor(String schemeId, String version) {
        return descriptor(schemeId, version, null, Audience.PUBLIC);
    }

    @Override
    public Optional<SchemeInfo> served(String schemeId, String version, LocalDate date, Audience audience) {
        return choose(schemeId, version, date, audience).served();
    }

    @Override
    public Optional<SchemeDescriptor> descriptor(String schemeId, String version, LocalDate date, Audience audience) {
        return served(schemeId, version, date, audience).map(i -> entries.get(i.bundleId()))
                .filter(e -> e != null && e.compiled() != null).map(e -> e.compiled().descriptor());
    }

    private VersionChoice.Choice choose(String schemeId, String version, LocalDate date, Audience audience) {
        List<SchemeInfo> versions = entries.values().stream().filter(e -> e.id().equals(schemeId))
                .map(SchemeEntry::info).collect(Collectors.toList());
        return VersionChoice.choose(versions, version, date == null ? LocalDate.now() : date, audience);
    }

    /**
     * What the operators' view ({@link #info}) names: the version served to the staff today, or the version asked
     * whatever its state, or (none served) the newest installed.
     */
    private Optional<SchemeEntry> find(String schemeId, String version) {
        List<SchemeEntry> versions = entries.values().stream().filter(e -> e.id().equals(schemeId))
                .sorted(ORDER.reversed()).collect(Collectors.toList());
        if (version != null) {
            return versions.stream().filter(e -> e.version().equals(version))
                    .min(Comparator.comparing(e -> e.served() ? 0 : 1));
        }
        return choose(schemeId, null, null, Audience.STAFF).served().map(i -> entries.get(i.bundleId()))
                .or(() -> versions.stream().findFirst());
    }

    // ---- EvaluationService

    @Override
    public Evaluation evaluate(String schemeId, String version, Map<String, Object> answers, Locale locale)
            throws SchemeNotFoundException, SchemeUnavailableException, InvalidAnswersException {
        return evaluate(schemeId, version, answers, locale, EvaluationContext.ANONYMOUS);
    }

    @Override
    public Evaluation evaluate(String schemeId, String version, Map<String, Object> answers, Locale locale,
            EvaluationContext context)
            throws SchemeNotFoundException, SchemeUnavailableException, InvalidAnswersException {
        return evaluate(schemeId, version, null, Audience.PUBLIC, answers, locale, context);
    }

    @Override
    public Evaluation evaluate(String schemeId, String version, LocalDate date, Audience audience,
            Map<String, Object> answers, Locale locale, EvaluationContext context)
            throws SchemeNotFoundException, SchemeUnavailableException, InvalidAnswersException {
        LocalDate day = date == null ? LocalDate.now() : date;
        VersionChoice.Choice choice = choose(schemeId, version, day, audience);
        switch (choice.outcome()) {
            case NOT_FOUND:
                throw new SchemeNotFoundException(schemeId, version);
            case NOT_IN_FORCE:
                throw new NoVersionInForceException(schemeId, day);
            case UNAVAILABLE:
                SchemeInfo i = choice.chosen();
                throw new SchemeUnavailableException(i.id(), i.version(), i.state(), i.errors());
            default:
                break;
        }
        SchemeEntry e = entries.get(choice.chosen().bundleId());
        CompiledScheme scheme = e == null ? null : e.compiled();
        if (scheme == null || !audience.sees(e.state())) {
            // removed or replaced between the choice and now
            throw new SchemeUnavailableException(schemeId, choice.chosen().version(), SchemeState.DISCOVERED, List.of());
        }
        long start = System.nanoTime();
        String outcome = "invalid";
        try {
            Evaluation result = evaluate(scheme, answers, locale, context);
            outcome = result.eligible() ? "eligible" : "ineligible";
            return result;
        } finally {
            Metrics m = metrics;
            if (m != null) {
                m.evaluation(e.id(), outcome, System.nanoTime() - start);
            }
        }
    }

    private volatile Metrics metrics;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setMetrics(Metrics m) {
        metrics = m;
    }

    void unsetMetrics(Metrics m) {
        if (metrics == m) {
            metrics = null;
        }
    }

    private static Evaluation evaluate(CompiledScheme scheme, Map<String, Object> answers, Locale locale,
            EvaluationContext context) throws InvalidAnswersException {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(engineClassLoader());
        try {
            return scheme.evaluate(answers, locale == null ? Locale.FRENCH : locale,
                    context == null ? EvaluationContext.ANONYMOUS : context);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** The service registered for each ACTIVE scheme version. */
    private static final class RegisteredScheme implements Scheme {
        private final CompiledScheme compiled;

        RegisteredScheme(CompiledScheme compiled) {
            this.compiled = compiled;
        }

        @Override
        public SchemeDescriptor descriptor() {
            return compiled.descriptor();
        }

        @Override
        public Evaluation evaluate(Map<String, Object> answers, Locale locale) throws InvalidAnswersException {
            return SchemeExtender.evaluate(compiled, answers, locale, EvaluationContext.ANONYMOUS);
        }
    }

    // ---- SchemeDeployment

    @Override
    public SchemeRef deployPackage(InputStream zip, String expectedId, boolean preview, String actor)
            throws PackageRefusedException {
        return packages.deploy(zip, expectedId, preview, actor);
    }

    /**
     * Under the extender's lock, as every state change of an entry: of two admins promoting at once, the first
     * finds PREVIEW and promotes, the second finds ACTIVE and answers false.
     */
    @Override
    public synchronized boolean promote(String schemeId, String version, String actor)
            throws SchemeNotFoundException, SchemeUnavailableException {
        SchemeEntry e = entries.values().stream().filter(x -> x.id().equals(schemeId) && x.version().equals(version))
                .min(Comparator.comparing(x -> x.served() ? 0 : 1))
                .orElseThrow(() -> new SchemeNotFoundException(schemeId, version));
        if (e.state() == SchemeState.ACTIVE) {
            return false;
        }
        if (e.state() != SchemeState.PREVIEW) {
            throw new SchemeUnavailableException(e.id(), e.version(), e.state(), e.problems());
        }
        promotions.add(e.bundle(), actor, java.time.Instant.now());
        SchemeEntry active = e.to(SchemeState.ACTIVE);
        entries.put(e.bundle().getBundleId(), active);
        register(active);
        LOG.info("Scheme {} {} promoted from PREVIEW to ACTIVE by {}", e.id(), e.version(), actor);
        event(active, "PROMOTED", "by " + actor);
        return true;
    }

    // ---- HealthIndicator

    @Override
    public String name() {
        return "rules-engine";
    }

    @Override
    public HealthStatus check() {
        List<String> pending = new ArrayList<>();
        for (SchemeEntry e : entries.values()) {
            if (e.pending()) {
                pending.add(e.id() + " " + e.version() + " " + e.state());
            }
        }
        // scheme bundles installed and marked to start but not started yet (boot, feature:install in progress)
        for (Bundle b : context.getBundles()) {
            String header = b.getHeaders("").get(HEADER);
            if (header != null && (b.getState() & (Bundle.INSTALLED | Bundle.RESOLVED)) != 0
                    && b.adapt(BundleStartLevel.class).isPersistentlyStarted()) {
                pending.add(header + " (bundle " + b.getBundleId() + " not started yet)");
            }
        }
        long active = entries.values().stream().filter(SchemeEntry::served).count();
        List<String> failed = entries.values().stream().filter(e -> e.state() == SchemeState.FAILED)
                .map(e -> e.id() + " " + e.version()).collect(Collectors.toList());
        if (!pending.isEmpty()) {
            return HealthStatus.down("schemes still loading: " + String.join(", ", pending));
        }
        return HealthStatus.up(active + " scheme version(s) active" + (failed.isEmpty() ? "" : "; FAILED: " + failed));
    }

    // ---- events (persisted when the store is there; queued until it is)

    private void event(SchemeEntry e, String type, String detail) {
        unsavedEvents.add(SchemeEvent.of(e.id(), e.version(), e.bundle().getSymbolicName() + "/" + e.bundle().getVersion(),
                type, detail));
        flushEvents();
    }

    private void flushEvents() {
        SchemeEventStore store = eventStore;
        if (store == null) {
            return;
        }
        SchemeEvent next;
        while ((next = unsavedEvents.peek()) != null) {
            try {
                store.record(next);
                unsavedEvents.remove(next);
            } catch (RuntimeException ex) {
                LOG.warn("Could not record scheme event yet ({}); will retry", ex.toString());
                return;
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEventStore(SchemeEventStore store) {
        this.eventStore = store;
        worker.execute(this::flushEvents);
    }

    void unsetEventStore(SchemeEventStore store) {
        if (eventStore == store) {
            eventStore = null;
        }
    }

    // ---- Drools needs its own bundle as context classloader (KieServices.Factory.get() returns null otherwise)

    static ClassLoader engineClassLoader() {
        return SchemeExtender.class.getClassLoader();
    }

    private static <T> T withEngineClassLoader(java.util.function.Supplier<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(engineClassLoader());
        try {
            return work.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
