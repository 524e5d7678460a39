package org.guichet.rules.engine.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads YAML with Jackson's streaming parser into {@link YamlNode}s that keep their line numbers. */
public final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** A YAML problem: line (1-based, 0 when unknown) and message. */
    public record Issue(int line, String message) { }

    /**
     * The root (null for an empty or unreadable file) and the issues found (duplicate keys, or the syntax error).
     * {@code readable} is false when the file is not valid YAML.
     */
    public record Result(YamlNode root, List<Issue> issues, boolean readable) { }

    private static final String SYNTAX = "YAML syntax error: ";

    private YamlReader() { }

    public static Result read(byte[] content) {
        List<Issue> issues = new ArrayList<>();
        JsonParser[] parser = new JsonParser[1];
        try (JsonParser p = FACTORY.createParser(content)) {
            parser[0] = p;
            JsonToken first = p.nextToken();
            YamlNode root = first == null ? null : node(p, issues);
            return new Result(root, issues, true);
        } catch (JsonProcessingException e) {
            issues.add(syntaxIssue(e, parser[0]));
            return new Result(null, issues, false);
        } catch (IOException e) {
            issues.add(new Issue(0, SYNTAX + e.getMessage()));
            return new Result(null, issues, false);
        }
    }

    /** One line an author can act on, at the line of the problem (SnakeYAML's message spans several lines). */
    private static Issue syntaxIssue(JsonProcessingException e, JsonParser p) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String context = m.getContext() == null ? "" : m.getContext() + ": ";
            return new Issue(m.getProblemMark().getLine() + 1, SYNTAX + context + m.getProblem() + " (column "
                    + (m.getProblemMark().getColumn() + 1) + ")");
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        if (line <= 0 && p != null && p.currentLocation() != null) {
            // Jackson's own limits (nesting deeper than 1000, found by fuzzing) carry no location: where the
            // parser stopped is the line to look at
            line = p.currentLocation().getLineNr();
        }
        return new Issue(Math.max(line, 0), SYNTAX + e.getOriginalMessage().replaceAll("\\s+", " "));
    }

    private static YamlNode node(JsonParser p, List<Issue> issues) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    p.nextToken();
                    YamlNode child = node(p, issues);
                    if (entries.containsKey(key)) {
                        issues.add(new Issue(keyLine, "the key '" + key + "' appears twice (first on line "
                                + keyLines.get(key) + "); only the first is used"));
                    } else {
                        entries.put(key, child);
                        keyLines.put(key, keyLine);
                    }
                }
                return YamlNode.map(line, entries, keyLines);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(p, issues));
                }
                return YamlNode.list(line, items);
            }
            case VALUE_STRING:
                return YamlNode.scalar(line, p.getText(), p.getText());
            case VALUE_NUMBER_INT:
                return YamlNode.scalar(line, p.getNumberValue(), p.getText());
            case VALUE_NUMBER_FLOAT:
                // decimal, never double: 1299.99 must stay exactly 1299.99
                return YamlNode.scalar(line, p.getDecimalValue(), p.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                // only true and false, as in JSON: YAML 1.1 would also turn yes/no/on/off into booleans
                String word = p.getText();
                return "true".equalsIgnoreCase(word) || "false".equalsIgnoreCase(word)
                        ? YamlNode.scalar(line, p.getBooleanValue(), word)
                        : YamlNode.scalar(line, word, word);
            case VALUE_NULL:
                return YamlNode.scalar(line, null, "");
            default:
                return YamlNode.scalar(line, p.getText(), p.getText());
        }
    }
}
