package org.guichet.rules.engine.testpack;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.Reason;
import org.guichet.api.scheme.RequiredDocument;
import org.guichet.api.scheme.TestCaseResult;
import org.guichet.rules.engine.CompiledScheme;

/** Runs one case and compares what is expected with what the scheme answers, in readable sentences. */
public final class TestCaseChecker {
    private TestCaseChecker() { }

    public static TestCaseResult check(CompiledScheme scheme, TestCase c) {
        List<String> failures = new ArrayList<>();
        Expectation e = c.expect();
        try {
            Evaluation ev = scheme.evaluate(c.answers(), Locale.FRENCH, c.context());
            if (e.errors() != null) {
                failures.add("errors: expected " + e.errors() + " but the answers were accepted");
            } else {
                compare(e, ev, failures);
            }
        } catch (InvalidAnswersException ex) {
            Set<String> actual = new TreeSet<>();
            ex.errors().forEach(err -> actual.add(err.field() + " " + err.code()));
            if (e.errors() == null) {
                failures.add("the answers were refused: " + ex.errors());
            } else {
                Set<String> expected = new TreeSet<>();
                e.errors().forEach(err -> expected.add(err.toString()));
                if (!expected.equals(actual)) {
                    failures.add("errors: expected " + expected + " but was " + actual);
                }
            }
        } catch (RuntimeException ex) {
            failures.add("the evaluation failed: " + ex.getMessage());
        }
        return new TestCaseResult(c.name(), failures.isEmpty(), List.copyOf(failures));
    }

    private static void compare(Expectation e, Evaluation ev, List<String> failures) {
        List<String> reasons = ev.reasons().stream().map(Reason::code).toList();
        if (e.eligible() != null && e.eligible() != ev.eligible()) {
            failures.add("eligible: expected " + e.eligible() + " but was " + ev.eligible()
                    + (reasons.isEmpty() ? "" : " (reasons " + reasons + ")"));
        }
        compareSets("reasons", e.reasons(), reasons, failures);
        compareSets("documents", e.documents(), ev.requiredDocuments().stream().map(RequiredDocument::id).toList(),
                failures);
        if (e.checkMonthly()) {
            compareNumber("monthly", e.monthly(), ev.amount() == null ? null : ev.amount().monthly(), failures);
        }
        if (e.checkTotal()) {
            compareNumber("total", e.total(), ev.amount() == null ? null : ev.amount().total(), failures);
        }
        if (e.installments() != null) {
            Map<String, BigDecimal> actual = new LinkedHashMap<>();
            if (ev.amount() != null) {
                ev.amount().installments().forEach(i -> actual.put(i.period(), i.amount()));
            }
            compareAmounts("installment", e.installments(), actual, failures);
        }
        if (e.lines() != null) {
            Map<String, BigDecimal> actual = new LinkedHashMap<>();
            if (ev.amount() != null) {
                ev.amount().lines().forEach(l -> actual.merge(l.code(), l.amount(), BigDecimal::add));
            }
            compareAmounts("line", e.lines(), actual, failures);
        }
    }

    /** Reasons and documents are compared as sets: their order is the descriptor's, not the test's business. */
    private static void compareSets(String what, List<String> expected, List<String> actual, List<String> failures) {
        if (expected != null && !new TreeSet<>(expected).equals(new TreeSet<>(actual))) {
            failures.add(what + ": expected " + new TreeSet<>(expected) + " but was " + new TreeSet<>(actual));
        }
    }

    private static void compareNumber(String what, BigDecimal expected, BigDecimal actual, List<String> failures) {
        boolean same = expected == null ? actual == null : actual != null && expected.compareTo(actual) == 0;
        if (!same) {
            failures.add(what + ": expected " + show(expected) + " but was " + show(actual));
        }
    }

    private static void compareAmounts(String what, Map<String, BigDecimal> expected, Map<String, BigDecimal> actual,
            List<String> failures) {
        Set<String> keys = new LinkedHashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            BigDecimal x = expected.get(k);
            BigDecimal a = actual.get(k);
            if (x == null || a == null || x.compareTo(a) != 0) {
                failures.add(what + " " + k + ": expected " + show(x) + " but was " + show(a));
            }
        }
    }

    private static String show(BigDecimal n) {
        return n == null ? "none" : n.toPlainString();
    }
}
