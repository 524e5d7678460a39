package org.guichet.rules.engine.testpack;

import java.util.Map;

/** One case of a scheme's test pack: answers given, result expected, and where it is written. */
public record TestCase(String file, int line, String name, Map<String, Object> answers, Expectation expect) { }
