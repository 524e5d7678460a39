package org.guichet.rules.engine.testpack;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.PastDecision;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.rules.engine.SchemeSource;
import org.guichet.rules.engine.yaml.NodeReader;
import org.guichet.rules.engine.yaml.YamlNode;
import org.guichet.rules.engine.yaml.YamlReader;

/** Reads tests/*.yaml: each file is a list of cases {name, answers, expect}. Problems are TEST_CASE problems. */
public final class TestPackReader {
    public static final String FOLDER = "tests";
    private static final Set<String> CASE_KEYS = Set.of("name", "description", "answers", "pastDecisions",
            "expect");
    private static final Set<String> DECISION_KEYS = Set.of("scheme", "version", "outcome", "decidedOn", "amount");
    private static final Set<String> EXPECT_KEYS = Set.of("eligible", "reasons", "documents", "monthly", "total",
            "installments", "lines", "errors");
    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    private TestPackReader() { }

    /** The cases in file order; problems (unreadable files, bad cases, duplicate names, no case) are added. */
    public static List<TestCase> read(SchemeSource source, List<SchemeProblem> problems) {
        List<TestCase> cases = new ArrayList<>();
        Map<String, TestCase> byName = new HashMap<>();
        for (String path : source.list(FOLDER)) {
            if (!path.endsWith(".yaml") && !path.endsWith(".yml")) {
                continue;
            }
            Optional<byte[]> content = source.read(path);
            if (content.isEmpty()) {
                continue;
            }
            for (TestCase c : readFile(path, content.get(), problems)) {
                TestCase first = byName.putIfAbsent(c.name(), c);
                if (first != null) {
                    problems.add(new SchemeProblem("TEST_CASE", path, c.line(), "the case name '" + c.name()
                            + "' is already used in " + first.file() + " line " + first.line()));
                } else {
                    cases.add(c);
                }
            }
        }
        if (cases.isEmpty() && problems.stream().noneMatch(p -> "TEST_CASE".equals(p.kind()))) {
            problems.add(new SchemeProblem("TEST_CASE", FOLDER + "/", null,
                    "no test case: a scheme must come with its test pack in tests/*.yaml"));
        }
        return cases;
    }

    private static List<TestCase> readFile(String path, byte[] content, List<SchemeProblem> problems) {
        NodeReader r = new NodeReader("TEST_CASE", path, problems);
        YamlReader.Result parsed = YamlReader.read(content);
        parsed.issues().forEach(i -> r.problem(i.line(), i.message()));
        List<TestCase> cases = new ArrayList<>();
        YamlNode root = parsed.root();
        if (!parsed.readable() || root == null) {
            return cases;
        }
        if (!root.isList()) {
            r.problem(root.line(), "a test file must be a list of cases, each starting with '- name: ...'");
            return cases;
        }
        for (YamlNode n : root.items()) {
            TestCase c = readCase(path, n, r);
            if (c != null) {
                cases.add(c);
            }
        }
        return cases;
    }

    private static TestCase readCase(String path, YamlNode n, NodeReader r) {
        if (!r.expectMap(n, "each case")) {
            return null;
        }
        int before = r.problems().size();
        String name = r.string(n, "name", true, "case");
        String where = "case '" + (name == null ? "?" : name) + "'";
        r.checkKeys(n, where, CASE_KEYS);
        Map<String, Object> answers = answers(n.get("answers"), n.line(), where, r);
        EvaluationContext context = context(n, where, r);
        Expectation expect = expectation(n.get("expect"), n.line(), where, r);
        if (name == null || answers == null || expect == null || r.problems().size() > before) {
            return null;
        }
        return new TestCase(path, n.line(), name, answers, expect, context);
    }

    /**
     * The portal facts of a case: {@code pastDecisions:} (a list, maybe empty) makes the case a dossier of a known
     * person with those decisions; without it the case is evaluated as in the simulator (no portal fact).
     */
    private static EvaluationContext context(YamlNode n, String where, NodeReader r) {
        YamlNode list = n.get("pastDecisions");
        if (list == null) {
            return EvaluationContext.ANONYMOUS;
        }
        if (list.isNull()) {
            return EvaluationContext.person(List.of());
        }
        if (!list.isList()) {
            r.problem(list.line(), where + ": 'pastDecisions' must be a list of {scheme, version, outcome, decidedOn,"
                    + " amount} (write [] for a person with no decision)");
            return EvaluationContext.ANONYMOUS;
        }
        List<PastDecision> decisions = new ArrayList<>();
        for (YamlNode item : list.items()) {
            String w = where + " past decision";
            if (!r.expectMap(item, w)) {
                continue;
            }
            r.checkKeys(item, w, DECISION_KEYS);
            String scheme = r.string(item, "scheme", true, w);
            String version = r.string(item, "version", false, w);
            String outcome = r.string(item, "outcome", true, w);
            String on = r.string(item, "decidedOn", true, w);
            BigDecimal amount = r.decimal(item, "amount", w);
            if (outcome != null && !outcome.equals("GRANTED") && !outcome.equals("REFUSED")) {
                r.problem(item.keyLine("outcome"), w + ": outcome '" + outcome + "' must be GRANTED or REFUSED");
                continue;
            }
            LocalDate date = null;
            if (on != null) {
                try {
                    date = LocalDate.parse(on);
                } catch (DateTimeParseException e) {
                    r.problem(item.keyLine("decidedOn"), w + ": decidedOn '" + on + "' is not a date YYYY-MM-DD");
                }
            }
            if (scheme != null && outcome != null && date != null) {
                decisions.add(new PastDecision(scheme, version, outcome, date, amount));
            }
        }
        return EvaluationContext.person(decisions);
    }

    private static Map<String, Object> answers(YamlNode n, int caseLine, String where, NodeReader r) {
        if (n == null) {
            r.problem(caseLine, where + ": 'answers' is missing");
            return null;
        }
        if (!r.expectMap(n, where + " 'answers'")) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
            YamlNode v = e.getValue();
            if (!v.isScalar()) {
                r.problem(v.line(), where + ": the answer '" + e.getKey() + "' must be a single value");
                continue;
            }
            out.put(e.getKey(), v.value()); // String, Boolean, Integer/Long, BigDecimal or null, as JSON would give
        }
        return Collections.unmodifiableMap(out);
    }

    private static Expectation expectation(YamlNode n, int caseLine, String where, NodeReader r) {
        if (n == null) {
            r.problem(caseLine, where + ": 'expect' is missing");
            return null;
        }
        if (!r.expectMap(n, where + " 'expect'")) {
            return null;
        }
        r.checkKeys(n, where + " 'expect'", EXPECT_KEYS);
        if (n.keys().isEmpty()) {
            r.problem(n.line(), where + ": 'expect' checks nothing");
        }
        if (n.has("errors") && n.keys().size() > 1) {
            r.problem(n.keyLine("errors"), where + ": a case that expects errors cannot expect a result too");
        }
        List<String> reasons = n.has("reasons") ? r.strings(n, "reasons", where) : null;
        List<String> documents = n.has("documents") ? r.strings(n, "documents", where) : null;
        return new Expectation(r.bool(n, "eligible", where), reasons, documents,
                n.has("monthly"), r.decimal(n, "monthly", where), n.has("total"), r.decimal(n, "total", where),
                amounts(n, "installments", where, r), amounts(n, "lines", where, r), errors(n, where, r));
    }

    private static Map<String, BigDecimal> amounts(YamlNode parent, String key, String where, NodeReader r) {
        YamlNode n = parent.get(key);
        if (n == null) {
            return null;
        }
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        if (n.isNull()) {
            return out; // "installments:" alone: none expected
        }
        if (!r.expectMap(n, where + " '" + key + "'")) {
            return null;
        }
        for (String k : n.keys()) {
            if (key.equals("installments") && !PERIOD.matcher(k).matches()) {
                r.problem(n.keyLine(k), where + ": '" + k + "' is not a month written YYYY-MM");
            }
            BigDecimal v = r.decimal(n, k, where + " '" + key + "'");
            if (v == null) {
                r.problem(n.keyLine(k), where + ": '" + key + "' " + k + " needs an amount");
            } else {
                out.put(k, v);
            }
        }
        return out;
    }

    private static List<Expectation.ExpectedError> errors(YamlNode parent, String where, NodeReader r) {
        YamlNode n = parent.get("errors");
        if (n == null) {
            return null;
        }
        if (!n.isList() || n.items().isEmpty()) {
            r.problem(n.line(), where + ": 'errors' must be a list of {field, code}");
            return null;
        }
        List<Expectation.ExpectedError> out = new ArrayList<>();
        for (YamlNode item : n.items()) {
            if (r.expectMap(item, where + " error")) {
                r.checkKeys(item, where + " error", Set.of("field", "code"));
                String field = r.string(item, "field", true, where + " error");
                String code = r.string(item, "code", true, where + " error");
                if (field != null && code != null) {
                    out.add(new Expectation.ExpectedError(field, code));
                }
            }
        }
        return out;
    }
}
