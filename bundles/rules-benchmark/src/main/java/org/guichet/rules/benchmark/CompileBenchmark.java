package org.guichet.rules.benchmark;

import java.util.concurrent.TimeUnit;
import org.guichet.rules.engine.CompilationResult;
import org.guichet.rules.engine.SchemeSource;
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
 * Compile time of vocational-training with the portal's compiler (read scheme.yaml and the tables, check, build
 * the Drools KieBase), one compilation per measurement. {@code first}: the first compilation in a fresh JVM, as at
 * the portal's start (one per fork); {@code again}: later compilations in a warm JVM, as when a new version of a
 * scheme is deployed into a running portal.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class CompileBenchmark {

    /** A scheme folder (e.g. rules/vocational-training from the repository root); blank: the packed scheme. */
    @Param("")
    public String schemeDir;

    private SchemeSource source;
    private CompilationResult last;

    @Setup(Level.Trial)
    public void setUp() {
        source = VocationalTrainingScheme.source(schemeDir);
    }

    @TearDown(Level.Iteration)
    public void close() {
        if (last == null || !last.ok()) {
            throw new IllegalStateException("the scheme did not compile: " + (last == null ? "no result"
                    : last.problems()));
        }
        last.scheme().close();
        last = null;
    }

    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(value = 5, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    public CompilationResult first() {
        last = VocationalTrainingScheme.compileOnce(source);
        return last;
    }

    @Benchmark
    @Warmup(iterations = 3)
    @Measurement(iterations = 5)
    @Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    public CompilationResult again() {
        last = VocationalTrainingScheme.compileOnce(source);
        return last;
    }
}
