package org.guichet.rules.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.rules.engine.CompiledScheme;
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
 * Evaluations per second of vocational-training: the compiled rules (the portal's own path: answer validation,
 * one Drools session, the result assembled with French texts) against the plain Java implementation of the same
 * specification, over the same generated cases, taken in turn. Both benchmarks run in the same JMH run; before
 * measuring, each fork checks that the two agree on every case.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Drools keeps getting faster for some 20 s (the cross-check in the setup, 10,000 evaluations, is part of that)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
// two forks: a JVM's JIT decisions differ from one run to the next, and the error should show it
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EvaluationBenchmark {

    @State(Scope.Benchmark)
    public static class Cases {
        /** Number of generated cases (at least 10,000 for the figures). */
        @Param("10000")
        public int cases;

        /** A scheme folder (e.g. rules/vocational-training from the repository root); blank: the packed scheme. */
        @Param("")
        public String schemeDir;

        Map<String, Object>[] answers;
        CompiledScheme scheme;
        PlainVocationalTraining plain;

        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void setUp() {
            List<Map<String, Object>> generated = CaseGenerator.generate(cases, CaseGenerator.SEED);
            answers = generated.toArray(new Map[0]);
            plain = new PlainVocationalTraining();
            scheme = VocationalTrainingScheme.compile(schemeDir);
            // fails the benchmark, loudly, when the rules and the specification disagree on any case
            CrossCheck.verify(scheme, plain, generated);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            scheme.close();
        }
    }

    /** Each benchmark thread walks the cases in turn, starting from the first. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        Map<String, Object> next(Map<String, Object>[] answers) {
            Map<String, Object> a = answers[next];
            if (++next == answers.length) {
                next = 0;
            }
            return a;
        }
    }

    @Benchmark
    public Evaluation rules(Cases c, Cursor cursor) throws InvalidAnswersException {
        return c.scheme.evaluate(cursor.next(c.answers), Locale.FRENCH);
    }

    @Benchmark
    public PlainVocationalTraining.Result plainJava(Cases c, Cursor cursor) {
        return c.plain.evaluate(cursor.next(c.answers));
    }
}
