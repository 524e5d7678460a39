package org.guichet.api.scheme;

/**
 * Why a scheme version is FAILED: where (file, line when known) and what.
 * kind: DESCRIPTOR, RULES (DRL syntax or type error), PARAMETERS, FIELD (descriptor/rules mismatch), TEST_CASE, INTERNAL.
 */
public record SchemeProblem(String kind, String file, Integer line, String message) {
    @Override public String toString() {
        return kind + " " + (file == null ? "" : file + (line == null ? "" : ":" + line) + " ") + message;
    }
}
