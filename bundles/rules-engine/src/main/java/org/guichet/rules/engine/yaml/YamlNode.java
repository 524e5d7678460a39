package org.guichet.rules.engine.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML value with the line it starts on, so that every problem in an author's file can point at its line.
 * Jackson's tree model drops locations, hence this small tree.
 */
public final class YamlNode {
    public enum Kind { MAP, LIST, SCALAR }

    private final Kind kind;
    private final int line;
    private final Map<String, YamlNode> entries;
    private final Map<String, Integer> keyLines;
    private final List<YamlNode> items;
    private final Object value;
    private final String text;

    private YamlNode(Kind kind, int line, Map<String, YamlNode> entries, Map<String, Integer> keyLines,
            List<YamlNode> items, Object value, String text) {
        this.kind = kind;
        this.line = line;
        this.entries = entries;
        this.keyLines = keyLines;
        this.items = items;
        this.value = value;
        this.text = text;
    }

    static YamlNode map(int line, LinkedHashMap<String, YamlNode> entries, Map<String, Integer> keyLines) {
        return new YamlNode(Kind.MAP, line, Collections.unmodifiableMap(entries), keyLines, List.of(), null, null);
    }

    static YamlNode list(int line, List<YamlNode> items) {
        return new YamlNode(Kind.LIST, line, Map.of(), Map.of(), List.copyOf(items), null, null);
    }

    /** @param value String, Boolean, Integer/Long/BigInteger, BigDecimal or null; @param text as written */
    static YamlNode scalar(int line, Object value, String text) {
        return new YamlNode(Kind.SCALAR, line, Map.of(), Map.of(), List.of(), value, text);
    }

    public Kind kind() { return kind; }

    public boolean isMap() { return kind == Kind.MAP; }

    public boolean isList() { return kind == Kind.LIST; }

    public boolean isScalar() { return kind == Kind.SCALAR; }

    public boolean isNull() { return kind == Kind.SCALAR && value == null; }

    /** 1-based line where the value starts. */
    public int line() { return line; }

    public YamlNode get(String key) { return entries.get(key); }

    public boolean has(String key) { return entries.containsKey(key); }

    public Set<String> keys() { return entries.keySet(); }

    public Map<String, YamlNode> entries() { return entries; }

    /** Line of a key of this map (better than the value's line when the value is a nested block). */
    public int keyLine(String key) { return keyLines.getOrDefault(key, line); }

    public List<YamlNode> items() { return items; }

    /** The scalar's typed value (String, Boolean, Integer, Long, BigInteger, BigDecimal) or null. */
    public Object value() { return value; }

    /** The scalar exactly as written (so that {@code version: 1.10} stays "1.10"). */
    public String text() { return text; }

    /** A short description of what this node is, for messages. */
    public String describe() {
        return switch (kind) {
            case MAP -> "a block of keys";
            case LIST -> "a list";
            case SCALAR -> value == null ? "nothing" : "'" + text + "'";
        };
    }
}
