package org.guichet.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.guichet.api.scheme.Evaluation;
import org.junit.jupiter.api.Test;

/** One compiled scheme, many threads: every evaluation gives the result a lone evaluation gives. */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int EVALUATIONS = 500;

    @Test
    void eightThreadsFiveHundredEvaluationsEachGiveIdenticalResults() throws Exception {
        CompilationResult r = new SchemeCompiler().compile(new DirectorySchemeSource(Fixture.resource("mini")),
                getClass().getClassLoader());
        assertTrue(r.ok(), r.problems().toString());
        CompiledScheme scheme = r.scheme();
        List<Map<String, Object>> inputs = inputs();
        List<Evaluation> expected = new ArrayList<>();
        for (Map<String, Object> a : inputs) {
            expected.add(scheme.evaluate(a, Locale.FRENCH));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                Callable<Integer> job = () -> {
                    int checked = 0;
                    for (int i = 0; i < EVALUATIONS; i++) {
                        int k = (i + offset) % inputs.size();
                        assertEquals(expected.get(k), scheme.evaluate(inputs.get(k), Locale.FRENCH));
                        checked++;
                    }
                    return checked;
                };
                futures.add(pool.submit(job));
            }
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get(120, TimeUnit.SECONDS); // rethrows any mismatch seen in a thread
            }
            assertEquals(THREADS * EVALUATIONS, total);
        } finally {
            pool.shutdownNow();
            scheme.close();
        }
    }

    /** Different answers, so that a result leaking from one evaluation into another would show. */
    private static List<Map<String, Object>> inputs() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> a = AnswerValidationTest.valid();
            a.put("income", 4000 + 400 * i);            // bases 600 and 300
            a.put("hours", i % 3 == 0 ? 70 : 100);       // some not eligible
            a.put("endDate", "2026-0" + (1 + i % 4) + "-15");
            if (i % 2 == 0) {
                a.put("note", "bonus");
            }
            out.add(a);
        }
        return out;
    }
}
