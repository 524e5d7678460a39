package org.guichet.rules.engine;

import java.util.List;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.rules.engine.testpack.TestCase;

/** A scheme's test pack as read from tests/*.yaml: its cases, and the problems of the files that hold them. */
public record TestPack(List<TestCase> cases, List<SchemeProblem> problems) {
    public TestPack {
        cases = List.copyOf(cases);
        problems = List.copyOf(problems);
    }
}
