package org.guichet.rules.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.rules.engine.CompiledScheme;
import org.guichet.rules.engine.SchemeSource;
import org.guichet.rules.engine.answers.AnswerValidator;
import org.guichet.rules.engine.evaluation.FactLog;
import org.guichet.rules.engine.parameters.ParameterReader;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.type.FactType;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieContainerSessionsPool;
import org.kie.api.runtime.KieSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the time of one rules evaluation goes, to say what reaching the plain implementation's speed would take.
 * Not part of the figures and not run by the documented command; run it with
 * {@code java -jar benchmarks.jar RulesCostBenchmark}. Each benchmark is one slice of
 * {@link CompiledScheme#evaluate}, on the same KieBase (a second container over the KieModule the compiler
 * built): answer validation alone; a Drools session created and disposed; a session run without and with the
 * engine's fact log; and a session taken from a Drools session pool (reset instead of created).
 * The assembly of the result (texts, ordering, installments) is what {@code EvaluationBenchmark.rules} costs
 * beyond {@code validate} + {@code sessionWithFactLog}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class RulesCostBenchmark {
    private static final String PACKAGE = "org.guichet.scheme.vocational_training";

    @Param("10000")
    public int cases;

    @Param("")
    public String schemeDir;

    private Map<String, Object>[] raw;
    private Map<String, Object>[] typed;
    private CompiledScheme scheme;
    private AnswerValidator validator;
    private KieContainer container;
    private KieBase kieBase;
    private KieContainerSessionsPool pool;
    private FactType answersType;
    private List<Object> parameterFacts;
    private int next;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws InvalidAnswersException {
        List<Map<String, Object>> generated = CaseGenerator.generate(cases, CaseGenerator.SEED);
        raw = generated.toArray(new Map[0]);
        SchemeSource source = VocationalTrainingScheme.source(schemeDir);
        scheme = VocationalTrainingScheme.compile(schemeDir);
        validator = new AnswerValidator(scheme.descriptor());
        typed = new Map[raw.length];
        for (int i = 0; i < raw.length; i++) {
            typed[i] = validator.validate(raw[i], Locale.FRENCH);
        }
        ClassLoader cl = getClass().getClassLoader();
        container = KieServices.Factory.get().newKieContainer(scheme.releaseId(), cl);
        kieBase = container.getKieBase();
        pool = container.newKieSessionsPool(1);
        answersType = kieBase.getFactType(PACKAGE, "Answers");
        List<SchemeProblem> problems = new ArrayList<>();
        parameterFacts = ParameterReader.read(source, problems).facts();
        if (answersType == null || !problems.isEmpty()) {
            throw new IllegalStateException("cannot rebuild the evaluation's parts: " + problems);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
        container.dispose();
        scheme.close();
    }

    private int index() {
        int i = next;
        if (++next == raw.length) {
            next = 0;
        }
        return i;
    }

    @Benchmark
    public Map<String, Object> validate() throws InvalidAnswersException {
        return validator.validate(raw[index()], Locale.FRENCH);
    }

    @Benchmark
    public long sessionCreateDispose() {
        KieSession session = kieBase.newKieSession();
        long count = session.getFactCount();
        session.dispose();
        return count;
    }

    @Benchmark
    public int sessionRun() throws ReflectiveOperationException {
        KieSession session = kieBase.newKieSession();
        try {
            return run(session, typed[index()]);
        } finally {
            session.dispose();
        }
    }

    @Benchmark
    public FactLog sessionRunWithFactLog() throws ReflectiveOperationException {
        FactLog log = new FactLog();
        KieSession session = kieBase.newKieSession();
        try {
            session.addEventListener((AgendaEventListener) log);
            session.addEventListener((RuleRuntimeEventListener) log);
            run(session, typed[index()]);
        } finally {
            session.dispose();
        }
        return log;
    }

    @Benchmark
    public int pooledSessionRun() throws ReflectiveOperationException {
        KieSession session = pool.newKieSession();
        try {
            return run(session, typed[index()]);
        } finally {
            session.dispose(); // back to the pool, reset
        }
    }

    private int run(KieSession session, Map<String, Object> answers) throws ReflectiveOperationException {
        Object fact = answersType.newInstance();
        answers.forEach((name, value) -> answersType.set(fact, name, value));
        session.insert(fact);
        for (Object p : parameterFacts) {
            session.insert(p);
        }
        return session.fireAllRules();
    }
}
