package org.guichet.api.scheme;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The state of one installed scheme version, as operators and directorates see it; {@code errors} is empty unless FAILED.
 *
 * @param validFrom  first day the version is in force (null: known only once compiled, or always in force)
 * @param validUntil last day the version is in force, inclusive (null: no end)
 */
public record SchemeInfo(String id, String version, SchemeState state, LocalizedText title, long bundleId,
        String bundleSymbolicName, String bundleVersion, Instant since, Long compileMillis,
        List<SchemeProblem> errors, List<TestCaseResult> testResults, LocalDate validFrom, LocalDate validUntil) {

    /** A version with no dates in force (before 1.3.0). */
    public SchemeInfo(String id, String version, SchemeState state, LocalizedText title, long bundleId,
            String bundleSymbolicName, String bundleVersion, Instant since, Long compileMillis,
            List<SchemeProblem> errors, List<TestCaseResult> testResults) {
        this(id, version, state, title, bundleId, bundleSymbolicName, bundleVersion, since, compileMillis, errors,
                testResults, null, null);
    }

    public long testsPassed() { return testResults.stream().filter(TestCaseResult::passed).count(); }

    /** In force on that day: validFrom (none: always) ≤ day ≤ validUntil (none: no end). */
    public boolean inForceOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validUntil == null || !day.isAfter(validUntil));
    }
}
