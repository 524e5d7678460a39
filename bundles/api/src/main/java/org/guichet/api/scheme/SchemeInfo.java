package org.guichet.api.scheme;

import java.time.Instant;
import java.util.List;

/** The state of one installed scheme version, as operators and directorates see it; {@code errors} is empty unless FAILED. */
public record SchemeInfo(String id, String version, SchemeState state, LocalizedText title, long bundleId,
        String bundleSymbolicName, String bundleVersion, Instant since, Long compileMillis,
        List<SchemeProblem> errors, List<TestCaseResult> testResults) {

    public long testsPassed() { return testResults.stream().filter(TestCaseResult::passed).count(); }
}
