package org.guichet.rules.engine;

import java.util.List;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeProblem;

/**
 * The outcome of compiling a scheme.
 *
 * @param descriptor null when scheme.yaml could not be read or has no valid id and version
 * @param scheme     null when compilation failed
 * @param problems   every problem found (empty when ok)
 */
public record CompilationResult(SchemeDescriptor descriptor, CompiledScheme scheme, List<SchemeProblem> problems,
        long compileMillis) {

    public CompilationResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return scheme != null && problems.isEmpty();
    }
}
