package org.guichet.rules.engine.yaml;

import java.math.BigDecimal;
import org.guichet.rules.engine.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.SchemeProblem;

/**
 * Typed reads from a YAML map that record a problem (with the line) instead of throwing, so that one pass over a
 * file reports everything that is wrong in it.
 */
public final class NodeReader {
    private final String kind;
    private final String file;
    private final List<SchemeProblem> problems;

    public NodeReader(String kind, String file, List<SchemeProblem> problems) {
        this.kind = kind;
        this.file = file;
        this.problems = problems;
    }

    public void problem(int line, String message) {
        problems.add(new SchemeProblem(kind, file, line > 0 ? line : null, message));
    }

    public List<SchemeProblem> problems() { return problems; }

    /** Flags keys the format does not know: a misspelt key would otherwise be silently ignored. */
    public void checkKeys(YamlNode map, String where, Set<String> allowed) {
        for (String key : map.keys()) {
            if (!allowed.contains(key)) {
                problem(map.keyLine(key), where + ": unknown key '" + key + "' (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** True when {@code node} is a map; else records "<where> must be a block of keys". */
    public boolean expectMap(YamlNode node, String where) {
        if (node != null && node.isMap()) {
            return true;
        }
        problem(node == null ? 0 : node.line(), where + " must be a block of keys, not "
                + (node == null ? "nothing" : node.describe()));
        return false;
    }

    public String string(YamlNode map, String key, boolean required, String where) {
        YamlNode n = map.get(key);
        if (n == null || n.isNull() || (n.isScalar() && n.text().isBlank())) {
            if (required) {
                problem(n == null ? map.line() : n.line(), where + ": '" + key + "' is missing");
            }
            return null;
        }
        if (!n.isScalar()) {
            problem(n.line(), where + ": '" + key + "' must be a single value, not " + n.describe());
            return null;
        }
        return n.text().trim();
    }

    public Boolean bool(YamlNode map, String key, String where) {
        YamlNode n = map.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isScalar() && n.value() instanceof Boolean b) {
            return b;
        }
        problem(n.line(), where + ": '" + key + "' must be true or false, not " + n.describe());
        return null;
    }

    public BigDecimal decimal(YamlNode map, String key, String where) {
        YamlNode n = map.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isScalar() && n.value() instanceof Number) {
            try {
                BigDecimal d = Figures.reasonable(Figures.parse(n.text().trim()));
                if (d == null) {
                    problem(n.line(), where + ": '" + key + "' must be a number of " + Figures.limits() + ", not "
                            + shortly(n.text()));
                }
                return d;
            } catch (NumberFormatException e) {
                // falls through to the problem below
            }
        }
        problem(n.line(), where + ": '" + key + "' must be a number, not " + n.describe());
        return null;
    }

    private static String shortly(String text) {
        String t = text.trim();
        return "'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "'";
    }

    /** A text in French and English: {@code {fr: ..., en: ...}}; a plain string is taken as French only. */
    public LocalizedText text(YamlNode map, String key, boolean required, String where) {
        YamlNode n = map.get(key);
        if (n == null || n.isNull()) {
            if (required) {
                problem(map.line(), where + ": '" + key + "' is missing (give it as {fr: ..., en: ...})");
            }
            return null;
        }
        if (n.isScalar()) {
            return new LocalizedText(n.text(), null);
        }
        if (!expectMap(n, where + " '" + key + "'")) {
            return null;
        }
        checkKeys(n, where + " '" + key + "'", Set.of("fr", "en"));
        String fr = string(n, "fr", true, where + " '" + key + "'");
        String en = string(n, "en", false, where + " '" + key + "'");
        return fr == null ? null : new LocalizedText(fr, en);
    }

    /** A list of single values; a single value alone is accepted as a list of one. */
    public List<String> strings(YamlNode map, String key, String where) {
        YamlNode n = map.get(key);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isScalar()) {
            out.add(n.text().trim());
            return out;
        }
        if (!n.isList()) {
            problem(n.line(), where + ": '" + key + "' must be a list, not " + n.describe());
            return out;
        }
        for (YamlNode item : n.items()) {
            if (item.isScalar() && !item.isNull()) {
                out.add(item.text().trim());
            } else {
                problem(item.line(), where + ": each item of '" + key + "' must be a single value, not " + item.describe());
            }
        }
        return out;
    }
}
