package org.guichet.rules.engine.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The YAML tree keeps lines, exact decimals, and reads values as JSON would. */
class YamlReaderTest {
    private static YamlReader.Result read(String yaml) {
        return YamlReader.read(yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void valuesAsJsonWouldGiveThem() {
        YamlNode root = read("date: 2026-09-14\nquote: 1299.99\nhours: 600\nok: true\nword: no\nnothing:\n").root();
        assertEquals("2026-09-14", root.get("date").value());
        assertEquals(new BigDecimal("1299.99"), root.get("quote").value());
        assertEquals(600, ((Number) root.get("hours").value()).intValue());
        assertEquals(Boolean.TRUE, root.get("ok").value());
        assertEquals("no", root.get("word").value(), "yes/no/on/off are words, not booleans");
        assertTrue(root.get("nothing").isNull());
    }

    @Test
    void linesOfKeysAndItems() {
        YamlNode root = read("# comment\nid: x\nfields:\n  - name: a\n    type: DATE\n  - name: b\n").root();
        assertEquals(2, root.keyLine("id"));
        assertEquals(3, root.keyLine("fields"));
        assertEquals(4, root.get("fields").items().get(0).line());
        assertEquals(6, root.get("fields").items().get(1).line());
        assertEquals(5, root.get("fields").items().get(0).keyLine("type"));
    }

    @Test
    void duplicateKeysAreIssuesAndTheFirstIsKept() {
        YamlReader.Result r = read("a: 1\nb: 2\na: 3\n");
        assertTrue(r.readable());
        assertEquals(1, ((Number) r.root().get("a").value()).intValue());
        assertEquals(1, r.issues().size());
        assertEquals(3, r.issues().get(0).line());
    }

    @Test
    void aSyntaxErrorGivesOneLineAtItsLine() {
        YamlReader.Result r = read("a: 1\nb: {c: 2\nd: 3\n");
        assertFalse(r.readable());
        assertNull(r.root());
        assertEquals(1, r.issues().size());
        assertFalse(r.issues().get(0).message().contains("\n"), r.issues().get(0).message());
        assertTrue(r.issues().get(0).line() >= 2, r.issues().toString());
    }

    /** Found by fuzzing (docs/fuzzing.md): Jackson's nesting limit said no line, so the problem had none. */
    @Test
    void nestingBeyondJacksonsLimitIsASyntaxProblemWithItsLine() {
        StringBuilder yaml = new StringBuilder("id: x\n");
        for (int i = 0; i < 1_200; i++) {
            yaml.append(" ".repeat(i)).append("k:\n");
        }
        YamlReader.Result r = YamlReader.read(yaml.toString().getBytes(StandardCharsets.UTF_8));
        assertFalse(r.readable());
        assertEquals(1, r.issues().size());
        assertTrue(r.issues().get(0).message().contains("nesting depth"), r.issues().get(0).message());
        assertTrue(r.issues().get(0).line() > 1_000, "line " + r.issues().get(0).line());
    }
}
