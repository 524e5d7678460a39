package org.guichet.api.scheme;

import java.util.List;

/** The outcome of one case of a scheme's test pack. */
public record TestCaseResult(String name, boolean passed, List<String> failures) { }
