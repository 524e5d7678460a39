package org.guichet.rules.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.guichet.rules.engine.CompiledScheme;
import org.junit.jupiter.api.Test;

/**
 * The vocational-training rules, as the reactor built the scheme, against an independent plain Java reading of
 * the specification, on the benchmark's 10,000 generated cases: any disagreement fails the build with the cases.
 */
class CrossCheckTest {
    @Test
    void rulesAgreeWithThePlainImplementationOfTheSpecificationOnEveryGeneratedCase() {
        List<Map<String, Object>> cases = CaseGenerator.generate(CaseGenerator.DEFAULT_COUNT, CaseGenerator.SEED);
        try (CompiledScheme scheme = VocationalTrainingScheme.compile("")) {
            CrossCheck.Coverage coverage = CrossCheck.verify(scheme, new PlainVocationalTraining(), cases);
            assertEquals(cases.size(), coverage.cases());
        }
    }
}
