package org.guichet.api.scheme;

import java.util.List;

/** The scheme is installed but not ACTIVE (FAILED, or still compiling/testing). */
public class SchemeUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;
    private final SchemeState state;
    private final transient List<SchemeProblem> problems;

    public SchemeUnavailableException(String schemeId, String version, SchemeState state, List<SchemeProblem> problems) {
        super("scheme " + schemeId + " " + version + " is " + state);
        this.state = state;
        this.problems = List.copyOf(problems);
    }

    public SchemeState state() { return state; }

    public List<SchemeProblem> problems() { return problems; }
}
