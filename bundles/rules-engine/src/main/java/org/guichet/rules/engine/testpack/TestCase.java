package org.guichet.rules.engine.testpack;

import java.util.Map;
import org.guichet.api.scheme.EvaluationContext;

/**
 * One case of a scheme's test pack: answers given, result expected, and where it is written. {@code context} holds
 * the portal facts the case declares ({@code pastDecisions:}); {@link EvaluationContext#ANONYMOUS} when it declares
 * none, as in the simulator.
 */
public record TestCase(String file, int line, String name, Map<String, Object> answers, Expectation expect,
        EvaluationContext context) {
    public TestCase(String file, int line, String name, Map<String, Object> answers, Expectation expect) {
        this(file, line, name, answers, expect, EvaluationContext.ANONYMOUS);
    }
}
