package org.guichet.dossiers.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.InvalidAnswersException;
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
import org.guichet.rules.engine.DirectorySchemeSource;
import org.guichet.rules.engine.SchemeCompiler;
import org.guichet.rules.engine.SchemeSource;
import org.guichet.rules.engine.TestPackRunner;

/**
 * The portal's rules engine outside OSGi: the real schemes, read from their modules' folders ({@code rules/<id>}),
 * compiled and tested as the scheme extender does at deploy time (a scheme is ACTIVE only if it compiles and its
 * whole test pack passes), behind the same {@link SchemeRegistry} and {@link EvaluationService}.
 *
 * <p>Each scheme folder is compiled once per JVM ({@link #standard()} and {@link #of(Path...)} share a cache):
 * a compilation takes about half a second. The compiled schemes are never closed; they live as long as the test JVM.
 *
 * <p>The folders are read from the sources rather than from the scheme modules' jars, so that no build order is
 * needed (the scheme modules are built after the bundles). They are found by walking up from this class's location
 * (bundles/dossiers/target/test-classes) and from the working directory to the folder that holds
 * {@code rules/<id>/scheme.yaml}; the system property {@value #SCHEMES_DIR} (the {@code rules} folder) overrides that.
 */
public final class TestSchemes implements SchemeRegistry, EvaluationService {
    public static final String SCHEMES_DIR = "guichet.schemes.dir";
    /** The schemes the portal ships. */
    public static final List<String> STANDARD = List.of("vocational-training", "driving-licence",
            "digital-equipment");

    private static final Map<Path, Entry> COMPILED = new ConcurrentHashMap<>();

    static {
        // Drools logs two INFO lines per KieBase (slf4j-simple, test scope): keep its warnings only, unless asked
        for (String logger : List.of("org.drools", "org.kie")) {
            System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log." + logger, "warn");
        }
    }
    private static volatile TestSchemes standard;

    private final List<Entry> entries;

    private TestSchemes(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The schemes of {@link #STANDARD}, from the repository's rules folder. */
    public static TestSchemes standard() {
        TestSchemes s = standard;
        if (s == null) {
            synchronized (TestSchemes.class) {
                s = standard;
                if (s == null) {
                    Path rules = rulesFolder();
                    s = of(STANDARD.stream().map(rules::resolve).toArray(Path[]::new));
                    standard = s;
                }
            }
        }
        return s;
    }

    /** Schemes laid out in folders (scheme.yaml, rules/, parameters/, tests/), e.g. a broken variant for a test. */
    public static TestSchemes of(Path... schemeFolders) {
        List<Entry> list = new ArrayList<>();
        for (Path folder : schemeFolders) {
            Path key = folder.toAbsolutePath().normalize();
            list.add(COMPILED.computeIfAbsent(key, k -> compile(k, list.size() + 1)));
        }
        return new TestSchemes(list);
    }

    /**
     * The same schemes with one version put in another state, as the extender would hold it (e.g. a PREVIEW served
     * to the region's staff only, then promoted to ACTIVE). The compiled scheme is the same.
     */
    public TestSchemes inState(String schemeId, String version, SchemeState state) {
        List<Entry> list = new ArrayList<>();
        for (Entry e : entries) {
            if (e.id().equals(schemeId) && e.version().equals(version) && e.compiled() != null) {
                SchemeInfo i = e.info();
                list.add(new Entry(new SchemeInfo(i.id(), i.version(), state, i.title(), i.bundleId(),
                        i.bundleSymbolicName(), i.bundleVersion(), i.since(), i.compileMillis(), i.errors(),
                        i.testResults(), i.validFrom(), i.validUntil()), e.compiled()));
            } else {
                list.add(e);
            }
        }
        return new TestSchemes(list);
    }

    /** The repository's {@code rules} folder, where each scheme module lives. */
    public static Path rulesFolder() {
        String configured = System.getProperty(SCHEMES_DIR);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        return repositoryRoot().map(r -> r.resolve("rules")).orElseThrow(() -> new IllegalStateException(
                "cannot find the repository's rules folder (rules/" + STANDARD.get(0) + "/scheme.yaml) above "
                + TestSchemes.class.getProtectionDomain().getCodeSource() + " or " + Paths.get("").toAbsolutePath()
                + "; set -D" + SCHEMES_DIR + "=<repository>/rules"));
    }

    /**
     * The repository's top folder (the one holding rules/vocational-training/scheme.yaml), found above this class's
     * location (bundles/dossiers/target/test-classes) or the working directory; empty outside the repository.
     */
    public static Optional<Path> repositoryRoot() {
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Paths.get(TestSchemes.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception ignored) {
            // no code source location: the working directory is enough
        }
        starts.add(Paths.get("").toAbsolutePath());
        for (Path start : starts) {
            for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("rules").resolve(STANDARD.get(0)).resolve("scheme.yaml"))) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static Entry compile(Path folder, int number) {
        // Outside OSGi, Drools finds its services through the application classloader, as in the scheme test kit
        ClassLoader loader = TestSchemes.class.getClassLoader();
        SchemeSource source = new DirectorySchemeSource(folder);
        CompilationResult result = new SchemeCompiler().compile(source, loader);
        SchemeDescriptor d = result.descriptor();
        String id = d != null ? d.id() : folder.getFileName().toString();
        String version = d != null ? d.version() : "0.0.0";
        List<SchemeProblem> problems = new ArrayList<>(result.problems());
        List<TestCaseResult> tests = List.of();
        CompiledScheme compiled = null;
        if (result.ok()) {
            compiled = result.scheme();
            tests = TestPackRunner.run(compiled, source);
            for (TestCaseResult t : tests) {
                if (!t.passed()) {
                    problems.add(new SchemeProblem("TEST_CASE", "tests", null, t.name() + ": " + String.join("; ", t.failures())));
                }
            }
            if (tests.isEmpty()) {
                problems.add(new SchemeProblem("TEST_CASE", "tests", null,
                        "the test pack is empty: a scheme needs at least one case in tests/*.yaml"));
            }
        } else if (result.scheme() != null) {
            result.scheme().close();
        }
        SchemeState state = problems.isEmpty() ? SchemeState.ACTIVE : SchemeState.FAILED;
        if (state == SchemeState.FAILED) {
            if (compiled != null) {
                compiled.close();
                compiled = null;
            }
            System.err.println("[TestSchemes] scheme " + id + " " + version + " from " + folder + " FAILED:\n  "
                    + problems.stream().map(SchemeProblem::toString).collect(Collectors.joining("\n  ")));
        }
        SchemeInfo info = new SchemeInfo(id, version, state, d == null ? null : d.title(), number,
                "org.guichet.scheme." + id, version, Instant.now(), result.compileMillis(),
                state == SchemeState.FAILED ? List.copyOf(problems) : List.of(), List.copyOf(tests));
        return new Entry(info, compiled);
    }

    /** One scheme version as the extender would hold it; {@code compiled} is null unless ACTIVE. */
    private record Entry(SchemeInfo info, CompiledScheme compiled) {
        String id() { return info.id(); }
        String version() { return info.version(); }
        boolean active() { return info.state() == SchemeState.ACTIVE; }
    }

    // ---- SchemeRegistry

    @Override
    public List<SchemeInfo> list() {
        return entries.stream().map(Entry::info)
                .sorted(Comparator.comparing(SchemeInfo::id).thenComparing(SchemeInfo::version))
                .collect(Collectors.toList());
    }

    @Override
    public Optional<SchemeInfo> info(String schemeId, String version) {
        return find(schemeId, version).map(Entry::info);
    }

    @Override
    public Optional<SchemeDescriptor> activeDescriptor(String schemeId, String version) {
        return find(schemeId, version).filter(Entry::active).map(e -> e.compiled().descriptor());
    }

    /**
     * As the extender ({@code VersionChoice}), dates aside: a given version if the audience sees its state, else the
     * newest the audience sees (for staff, a PREVIEW newer than the ACTIVE one).
     */
    @Override
    public Optional<SchemeInfo> served(String schemeId, String version, LocalDate date, Audience audience) {
        return entries.stream().filter(e -> e.id().equals(schemeId) && audience.sees(e.info().state())
                && e.compiled() != null && (version == null || e.version().equals(version)))
                .max(Comparator.comparing(e -> org.osgi.framework.Version.parseVersion(e.version())))
                .map(Entry::info);
    }

    @Override
    public Optional<SchemeDescriptor> descriptor(String schemeId, String version, LocalDate date, Audience audience) {
        return served(schemeId, version, date, audience).flatMap(i -> entry(i).map(e -> e.compiled().descriptor()));
    }

    private Optional<Entry> entry(SchemeInfo i) {
        return entries.stream().filter(e -> e.info() == i).findFirst();
    }

    /** As the extender: a given version, or the newest ACTIVE one, or (none active) the newest installed. */
    private Optional<Entry> find(String schemeId, String version) {
        List<Entry> versions = entries.stream().filter(e -> e.id().equals(schemeId))
                .sorted(Comparator.comparing(Entry::version).reversed()).collect(Collectors.toList());
        if (version != null) {
            return versions.stream().filter(e -> e.version().equals(version))
                    .min(Comparator.comparing(e -> e.active() ? 0 : 1));
        }
        return versions.stream().filter(Entry::active).findFirst().or(() -> versions.stream().findFirst());
    }

    // ---- EvaluationService

    @Override
    public Evaluation evaluate(String schemeId, String version, Map<String, Object> answers, Locale locale)
            throws SchemeNotFoundException, SchemeUnavailableException, InvalidAnswersException {
        return evaluate(schemeId, version, answers, locale, EvaluationContext.ANONYMOUS);
    }

    /** As the extender: the version served to that audience ({@link #served}); dates aside. */
    @Override
    public Evaluation evaluate(String schemeId, String version, LocalDate date, Audience audience,
            Map<String, Object> answers, Locale locale, EvaluationContext context)
            throws SchemeNotFoundException, SchemeUnavailableException, InvalidAnswersException {
        Optional<Entry> served = served(schemeId, version, date, audience).flatMap(this::entry);
        if (served.isEmpty()) {
            Entry e = find(schemeId, version).filter(x -> audience.knows(x.info().state()))
                    .orElseThrow(() -> new SchemeNotFoundException(schemeId, version));
            throw new SchemeUnavailableException(e.id(), e.version(), e.info().state(), e.info().errors());
        }
        return served.get().compiled().evaluate(answers, locale == null ? Locale.FRENCH : locale, context);
    }

    /** As the extender: the portal facts of the context are given to the rules. */
    @Override
    public Evaluation evaluate(String schemeId, String version, Map<String, Object> answers, Locale locale,
            EvaluationContext context)
            throws SchemeNotFoundException, SchemeUnavailableException, InvalidAnswersException {
        Entry e = find(schemeId, version).orElseThrow(() -> new SchemeNotFoundException(schemeId, version));
        if (!e.active()) {
            throw new SchemeUnavailableException(e.id(), e.version(), e.info().state(), e.info().errors());
        }
        return e.compiled().evaluate(answers, locale == null ? Locale.FRENCH : locale, context);
    }
}
