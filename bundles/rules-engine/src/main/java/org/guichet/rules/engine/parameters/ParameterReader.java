package org.guichet.rules.engine.parameters;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.rules.engine.Figures;
import org.guichet.rules.engine.SchemeSource;
import org.guichet.rules.facts.Bracket;
import org.guichet.rules.facts.Param;

/**
 * Reads parameters/*.csv. The header says what a file is:
 * <ul>
 * <li>{@code name,value}: named figures ({@link Param});</li>
 * <li>a lower bound column ({@code above}: excluded, or {@code from}: included), an upper bound column
 * ({@code upTo}: included, or {@code below}: excluded) and a value column of any name: a bracket table
 * ({@link Bracket}) named after the file. A blank bound is unbounded; rows go upwards, each starting where the
 * previous one ends.</li>
 * </ul>
 * Separator ',' (or ';' as spreadsheets save in French, with then ',' allowed as decimal mark); lines starting with
 * '#' are comments.
 */
public final class ParameterReader {
    public static final String FOLDER = "parameters";
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Pattern VALUE_COLUMN = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final List<SchemeProblem> problems;
    private final List<Param> params = new ArrayList<>();
    private final List<Bracket> brackets = new ArrayList<>();
    private final Map<String, ParameterSet.Location> paramWhere = new LinkedHashMap<>();
    private final Map<String, String> tableFiles = new LinkedHashMap<>();

    private ParameterReader(List<SchemeProblem> problems) {
        this.problems = problems;
    }

    public static ParameterSet read(SchemeSource source, List<SchemeProblem> problems) {
        ParameterReader reader = new ParameterReader(problems);
        for (String path : source.list(FOLDER)) {
            if (path.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                Optional<byte[]> content = source.read(path);
                if (content.isPresent()) {
                    reader.readFile(path, new String(content.get(), StandardCharsets.UTF_8));
                } else {
                    reader.problem(path, 0, "cannot read the file");
                }
            }
        }
        return new ParameterSet(List.copyOf(reader.params), List.copyOf(reader.brackets),
                Collections.unmodifiableMap(reader.paramWhere),
                Collections.unmodifiableMap(reader.tableFiles));
    }

    private void problem(String file, int line, String message) {
        problems.add(new SchemeProblem("PARAMETERS", file, line > 0 ? line : null, message));
    }

    private void readFile(String path, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // byte order mark written by some spreadsheets
        }
        List<CsvRow> rows = new ArrayList<>();
        String[] lines = text.split("\\r?\\n|\\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                rows.add(new CsvRow(i + 1, l));
            }
        }
        if (rows.isEmpty()) {
            problem(path, 1, "the file is empty: it needs a header line (name,value, or bounds and a value)");
            return;
        }
        CsvRow header = rows.get(0);
        char separator = header.text.indexOf(';') >= 0 ? ';' : ',';
        List<String> columns = header.cells(separator);
        List<CsvRow> data = rows.subList(1, rows.size());
        if (columns.size() == 2 && columns.get(0).equalsIgnoreCase("name") && columns.get(1).equalsIgnoreCase("value")) {
            readParams(path, data, separator);
        } else if (isBracketHeader(columns)) {
            readBrackets(path, columns, data, separator);
        } else {
            problem(path, header.line, "unknown header '" + header.text + "': use 'name,value' for named figures, or"
                    + " a bracket table header like 'above,upTo,amount' or 'from,below,amount'");
        }
    }

    private static boolean isBracketHeader(List<String> c) {
        return c.size() == 3
                && (c.get(0).equalsIgnoreCase("above") || c.get(0).equalsIgnoreCase("from"))
                && (c.get(1).equalsIgnoreCase("upTo") || c.get(1).equalsIgnoreCase("below"))
                && VALUE_COLUMN.matcher(c.get(2)).matches();
    }

    private void readParams(String path, List<CsvRow> data, char separator) {
        for (CsvRow row : data) {
            List<String> cells = row.cells(separator);
            if (cells.size() != 2) {
                problem(path, row.line, "expected 2 cells (name,value) but found " + cells.size());
                continue;
            }
            String name = cells.get(0);
            if (!PARAM_NAME.matcher(name).matches()) {
                problem(path, row.line, "'" + name + "' is not a parameter name (letters, digits, '.', '_', '-')");
                continue;
            }
            BigDecimal value = number(path, row.line, cells.get(1), separator, "value of " + name);
            if (value == null) {
                continue;
            }
            ParameterSet.Location first = paramWhere.get(name);
            if (first != null) {
                problem(path, row.line, "parameter '" + name + "' is already given in " + first.file() + " line "
                        + first.line());
                continue;
            }
            params.add(new Param(name, value));
            paramWhere.put(name, new ParameterSet.Location(path, row.line));
        }
    }

    private void readBrackets(String path, List<String> columns, List<CsvRow> data, char separator) {
        String table = tableName(path);
        boolean lowerInclusive = columns.get(0).equalsIgnoreCase("from");
        boolean upperInclusive = columns.get(1).equalsIgnoreCase("upTo");
        tableFiles.put(table, path);
        if (data.isEmpty()) {
            problem(path, 1, "the bracket table has no rows");
            return;
        }
        List<Bracket> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            CsvRow row = data.get(i);
            List<String> cells = row.cells(separator);
            if (cells.size() != 3) {
                problem(path, row.line, "expected 3 cells (" + String.join(",", columns) + ") but found " + cells.size());
                return;
            }
            BigDecimal lower = cells.get(0).isEmpty() ? null : number(path, row.line, cells.get(0), separator, columns.get(0));
            BigDecimal upper = cells.get(1).isEmpty() ? null : number(path, row.line, cells.get(1), separator, columns.get(1));
            BigDecimal value = number(path, row.line, cells.get(2), separator, columns.get(2));
            boolean badNumber = (!cells.get(0).isEmpty() && lower == null) || (!cells.get(1).isEmpty() && upper == null)
                    || value == null;
            if (badNumber || !boundsFit(path, row, i, data.size(), lower, upper, rows)) {
                return; // later rows cannot be checked against a broken one
            }
            rows.add(new Bracket(table, lower, lowerInclusive, upper, upperInclusive, value));
        }
        brackets.addAll(rows);
    }

    /** Rows go upwards without gap or overlap; only the first may start unbounded, only the last end unbounded. */
    private boolean boundsFit(String path, CsvRow row, int index, int count, BigDecimal lower, BigDecimal upper,
            List<Bracket> previous) {
        if (lower == null && index > 0) {
            problem(path, row.line, "only the first row may leave its lower bound blank");
            return false;
        }
        if (upper == null && index < count - 1) {
            problem(path, row.line, "only the last row may leave its upper bound blank");
            return false;
        }
        if (lower != null && upper != null && lower.compareTo(upper) >= 0) {
            problem(path, row.line, "the lower bound " + lower.toPlainString() + " must be below the upper bound "
                    + upper.toPlainString());
            return false;
        }
        if (index > 0) {
            BigDecimal end = previous.get(index - 1).getUpper();
            if (lower.compareTo(end) != 0) {
                problem(path, row.line, "this row starts at " + lower.toPlainString() + " but the previous row ends at "
                        + end.toPlainString() + ": each row must start where the previous one ends (no gap, no overlap)");
                return false;
            }
        }
        return true;
    }

    private BigDecimal number(String path, int line, String cell, char separator, String what) {
        String s = cell.replace(" ", "").replace("\u00A0", "").replace("\u202F", "");
        if (separator == ';') {
            s = s.replace(',', '.');
        }
        try {
            BigDecimal d = Figures.reasonable(Figures.parse(s));
            if (d == null) {
                problem(path, line, what + ": '" + (cell.length() > 40 ? cell.substring(0, 40) + "…" : cell)
                        + "' is not a number of " + Figures.limits());
            }
            return d;
        } catch (NumberFormatException e) {
            problem(path, line, what + ": '" + (cell.length() > 40 ? cell.substring(0, 40) + "…" : cell)
                    + "' is not a number");
            return null;
        }
    }

    static String tableName(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.substring(0, file.length() - ".csv".length());
    }

    private record CsvRow(int line, String text) {
        List<String> cells(char separator) {
            List<String> out = new ArrayList<>();
            for (String c : text.split(Pattern.quote(String.valueOf(separator)), -1)) {
                out.add(c.strip());
            }
            return out;
        }
    }
}
