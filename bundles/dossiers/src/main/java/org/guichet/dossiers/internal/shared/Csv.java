package org.guichet.dossiers.internal.shared;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.guichet.api.error.GuichetException;

/**
 * CSV files from partner organisations, read with Commons CSV: a header line naming the columns, comma or semicolon
 * separated (what French spreadsheets write), UTF-8 with or without a byte-order mark.
 */
public final class Csv {
    static final int MAX_CHARS = 5_000_000;

    private Csv() { }

    public static List<Map<String, Object>> rows(Reader csv, List<String> expected) {
        String text;
        try {
            text = readAll(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return parse(text, expected);
        } catch (IOException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // Commons CSV says what is wrong with the text by IOException (CSVException since 1.12: an unclosed
            // quote...): it is the file's fault, not the server's. It used to escape as UncheckedIOException, a 500
            // (found by fuzzing, docs/fuzzing.md).
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw GuichetException.invalid("CSV_INVALID", "file", "Le fichier CSV est mal formé : "
                    + (why.length() > 200 ? why.substring(0, 200) + "…" : why));
        }
    }

    private static List<Map<String, Object>> parse(String csv, List<String> expected) throws IOException {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<Map<String, Object>> rows = new ArrayList<>();
        String header = text.lines().findFirst().orElse("");
        char delimiter = header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader()
                .setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            if (parser.getHeaderNames().isEmpty()) {
                throw new GuichetException(GuichetException.Kind.INVALID, "CSV_HEADER_MISSING", "file",
                        "La première ligne doit nommer les colonnes : " + String.join(", ", expected), null,
                        Map.of("columns", String.join(", ", expected)));
            }
            for (CSVRecord r : parser) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String h : parser.getHeaderNames()) {
                    if (!h.isBlank()) {
                        row.put(h.strip(), r.isSet(h) ? r.get(h) : null);
                    }
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String readAll(Reader r) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = r.read(buf)) != -1; ) {
            b.append(buf, 0, n);
            if (b.length() > MAX_CHARS) {
                throw GuichetException.invalid("CSV_TOO_LARGE", "file", "Le fichier CSV dépasse 5 millions de caractères.");
            }
        }
        return b.toString();
    }
}
