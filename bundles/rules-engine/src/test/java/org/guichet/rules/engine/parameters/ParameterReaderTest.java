package org.guichet.rules.engine.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.rules.engine.SchemeSource;
import org.guichet.rules.facts.Bracket;
import org.junit.jupiter.api.Test;

/** parameters/*.csv: named figures and bracket tables, as a directorate writes them. */
class ParameterReaderTest {
    private final List<SchemeProblem> problems = new ArrayList<>();

    private ParameterSet read(Map<String, String> files) {
        SchemeSource source = new SchemeSource() {
            @Override public String name() { return "memory"; }
            @Override public List<String> list(String folder) {
                return files.keySet().stream().filter(p -> p.startsWith(folder + "/")).sorted().toList();
            }
            @Override public Optional<byte[]> read(String path) {
                return Optional.ofNullable(files.get(path)).map(s -> s.getBytes(StandardCharsets.UTF_8));
            }
        };
        return ParameterReader.read(source, problems);
    }

    private static Bracket find(ParameterSet set, String table, String number) {
        List<Bracket> found = set.brackets().stream()
                .filter(b -> b.getTable().equals(table) && b.covers(new BigDecimal(number))).toList();
        assertEquals(1, found.size(), "exactly one bracket must cover " + number + ": " + found);
        return found.get(0);
    }

    @Test
    void aboveUpToExcludesTheLowerAndIncludesTheUpperBound() {
        ParameterSet set = read(Map.of("parameters/qf.csv", "above,upTo,amount\n,400,620\n400,700,520\n700,,300\n"));
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals("620", find(set, "qf", "-5").getValue().toPlainString());
        assertEquals("620", find(set, "qf", "400").getValue().toPlainString());
        assertEquals("520", find(set, "qf", "400.01").getValue().toPlainString());
        assertEquals("520", find(set, "qf", "700").getValue().toPlainString());
        assertEquals("300", find(set, "qf", "701").getValue().toPlainString());
        assertFalse(set.brackets().get(0).covers(null), "a missing number is in no bracket");
    }

    @Test
    void fromBelowIncludesTheLowerAndExcludesTheUpperBound() {
        ParameterSet set = read(Map.of("parameters/km.csv", "from,below,amount\n,5,30\n5,20,45\n20,,60\n"));
        assertEquals("30", find(set, "km", "4").getValue().toPlainString());
        assertEquals("45", find(set, "km", "5").getValue().toPlainString());
        assertEquals("45", find(set, "km", "19").getValue().toPlainString());
        assertEquals("60", find(set, "km", "20").getValue().toPlainString());
        assertEquals("60", find(set, "km", "100000").getValue().toPlainString());
    }

    @Test
    void spreadsheetCsvWithSemicolonsDecimalCommasAndByteOrderMark() {
        ParameterSet set = read(Map.of("parameters/f.csv", "\uFEFFname;value\r\nrate;1,5\r\nbig;1 500\r\n"));
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(new BigDecimal("1.5"), set.params().get(0).getValue());
        assertEquals(new BigDecimal("1500"), set.params().get(1).getValue());
    }

    @Test
    void mistakesAreReportedWithFileAndLine() {
        read(Map.of(
                "parameters/a.csv", "name,value\nx,1\nx,2\ny\nz,abc\n",
                "parameters/b.csv", "above,upTo,amount\n,400,620\n300,,520\n",
                "parameters/c.csv", "from,below,amount\n10,5,1\n",
                "parameters/d.csv", "lower,upper,amount\n",
                "parameters/e.csv", "# only a comment\n"));
        List<String> got = problems.stream().map(p -> p.file() + ":" + p.line()).toList();
        assertEquals(List.of("parameters/a.csv:3", "parameters/a.csv:4", "parameters/a.csv:5", "parameters/b.csv:3",
                "parameters/c.csv:2", "parameters/d.csv:1", "parameters/e.csv:1"), got, problems.toString());
        assertTrue(problems.stream().allMatch(p -> "PARAMETERS".equals(p.kind())));
    }

    @Test
    void onlyTheEndsMayBeUnbounded() {
        read(Map.of("parameters/t.csv", "above,upTo,amount\n,400,620\n,700,520\n"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("only the first row"), problems.toString());
    }
}
