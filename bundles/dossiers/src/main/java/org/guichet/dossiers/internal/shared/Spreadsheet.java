package org.guichet.dossiers.internal.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.guichet.api.error.GuichetException;

/**
 * The one reader of the spreadsheets partner organisations send, for the API and the web pages alike: the file as it
 * is, an {@code .xlsx} workbook (its first sheet) or a CSV as French Excel writes it, turned into rows of the API's
 * field names. Each row keeps its number (1 = the first row after the headings, blank rows counted but not
 * returned), so that a report points at the row the person sees in her sheet (that row's line is number + 1).
 *
 * <ul>
 * <li>CSV text is decoded strictly ({@link CodingErrorAction#REPORT}): UTF-8 (with or without a byte-order mark)
 * first, then Windows-1252 (what Excel in France writes by default). A file that is neither is refused — a letter
 * is never silently replaced (0x81, 0x8D, 0x8F, 0x90 and 0x9D mean nothing in Windows-1252).</li>
 * <li>The separator is the heading line's: {@code ;} (French Excel) or {@code ,}.</li>
 * <li>Headings: the API's names or the French words a secretary writes (case, accents, spaces and punctuation do
 * not matter: "Date de naissance", "DATE_DE_NAISSANCE", "birthDate"). A heading that names nothing known, or a
 * required column that is not there, refuses the file with the column named; a blank heading (Excel's trailing
 * separators) is ignored.</li>
 * <li>xlsx cells: text as written, numbers as plain decimals, numbers with a date style as ISO dates (YYYY-MM-DD);
 * a date typed as text ("12/09/2026") stays text for the row checks, which read DD/MM/YYYY.</li>
 * <li>Limits, each refused with a clear message: {@link #MAX_BYTES} per file; an xlsx that inflates to more than
 * {@link #MAX_UNZIPPED} bytes in all or holds more than {@link #MAX_ENTRIES} parts (a zip bomb); more rows than the
 * caller's maximum.</li>
 * </ul>
 */
public final class Spreadsheet {
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    static final long MAX_UNZIPPED = 100L * 1024 * 1024;
    static final int MAX_ENTRIES = 1_000;
    static final int MAX_CHARS = 5_000_000;
    /** Windows-1252's five bytes that stand for no character */
    private static final Set<Integer> UNDEFINED_1252 = Set.of(0x81, 0x8D, 0x8F, 0x90, 0x9D);

    private Spreadsheet() { }

    /** A column: the API's field name, whether the file must have it, and the other headings that name it. */
    public record Column(String field, boolean required, List<String> headings) {
        public Column {
            headings = List.copyOf(headings);
        }
    }

    /** One row of the sheet: its number (1 = the first after the headings) and its values by field name. */
    public record Row(int number, Map<String, Object> values) { }

    /** The columns of an enrolment file. */
    public static final List<Column> ENROLMENT_COLUMNS = List.of(
            new Column("traineeEmail", true, List.of("Courriel", "Email", "E-mail", "Mail", "Adresse mail",
                    "Adresse électronique", "Adresse e-mail", "Courriel du stagiaire")),
            new Column("firstName", false, List.of("Prénom", "Prénom du stagiaire")),
            new Column("lastName", false, List.of("Nom", "Nom de famille", "Nom du stagiaire")),
            new Column("birthDate", false, List.of("Date de naissance", "Naissance", "Né le", "Née le", "Né(e) le")),
            new Column("trainingStartDate", true, List.of("Début", "Date de début", "Début de formation",
                    "Date d'entrée", "Entrée")),
            new Column("trainingEndDate", true, List.of("Fin", "Date de fin", "Fin de formation", "Date de sortie",
                    "Sortie")),
            new Column("trainingHours", true, List.of("Heures", "Nombre d'heures", "Heures de formation", "Durée",
                    "Durée en heures", "Durée (heures)")),
            new Column("programme", true, List.of("Programme", "Dispositif")),
            new Column("regionFunded", true, List.of("Financement Région", "Financé par la Région",
                    "Financement régional", "Région")));

    /** The columns of a month's attendance file. */
    public static final List<Column> ATTENDANCE_COLUMNS = List.of(
            new Column("traineeEmail", true, ENROLMENT_COLUMNS.get(0).headings()),
            new Column("month", true, List.of("Mois")),
            new Column("attendedHours", true, List.of("Heures suivies", "Heures réalisées", "Heures de présence",
                    "Présence", "Heures effectuées")),
            new Column("scheduledHours", true, List.of("Heures prévues", "Heures programmées", "Heures planifiées")));

    /** Reads an uploaded file (at most {@link #MAX_BYTES}), whatever its name says: xlsx by its bytes, else CSV. */
    public static List<Row> read(InputStream content, List<Column> columns, int maxRows) {
        byte[] bytes;
        try (InputStream in = content) {
            bytes = in == null ? new byte[0] : in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read(bytes, columns, maxRows);
    }

    public static List<Row> read(byte[] bytes, List<Column> columns, int maxRows) {
        if (bytes.length > MAX_BYTES) {
            throw new GuichetException(GuichetException.Kind.INVALID, "SHEET_TOO_LARGE", "file",
                    "Le fichier dépasse " + MAX_BYTES / (1024 * 1024) + " Mo.", null, Map.of("maxMb", MAX_BYTES / (1024 * 1024)));
        }
        if (bytes.length == 0) {
            throw GuichetException.invalid("FILE_EMPTY", "file", "Le fichier est vide.");
        }
        if (ReadableWorkbook.isOOXMLZipHeader(bytes)) {
            return xlsx(bytes, columns, maxRows);
        }
        if (ReadableWorkbook.isOLE2Header(bytes) || startsWith(bytes, 0x50, 0x4B)) {
            throw GuichetException.invalid("FILE_FORMAT_UNSUPPORTED", "file", "Ce format n'est pas lu : enregistrez"
                    + " le tableau en classeur Excel (.xlsx) ou en CSV (séparateur : point-virgule).");
        }
        return csv(decode(bytes), columns, maxRows);
    }

    /** All the text of a Reader (a text/csv body the API already decoded), at most {@link #MAX_CHARS}. */
    public static String text(java.io.Reader r) {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[8192];
        try (java.io.Reader in = r) {
            for (int n; (n = in.read(buf)) != -1; ) {
                b.append(buf, 0, n);
                if (b.length() > MAX_CHARS) {
                    throw GuichetException.invalid("CSV_TOO_LARGE", "file", "Le fichier CSV dépasse 5 millions de caractères.");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    /** CSV text already decoded (a text/csv body, a Reader). */
    public static List<Row> csv(String text, List<Column> columns, int maxRows) {
        if (text.length() > MAX_CHARS) {
            throw GuichetException.invalid("CSV_TOO_LARGE", "file", "Le fichier CSV dépasse 5 millions de caractères.");
        }
        if (text.indexOf('\0') >= 0) {
            // UTF-16 ("texte Unicode" in Excel) decodes as both, with a NUL between letters
            throw encodingRefused();
        }
        try {
            return parse(text.startsWith("\uFEFF") ? text.substring(1) : text, columns, maxRows);
        } catch (IOException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // Commons CSV says what is wrong with the text by IOException (CSVException since 1.12: an unclosed
            // quote...): it is the file's fault, not the server's. It used to escape as UncheckedIOException, a 500
            // (found by fuzzing, docs/fuzzing.md).
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw GuichetException.invalid("CSV_INVALID", "file", "Le fichier CSV est mal formé : "
                    + (why.length() > 200 ? why.substring(0, 200) + "…" : why));
        }
    }

    /**
     * UTF-8 (a byte-order mark allowed) if the bytes are valid UTF-8, else Windows-1252 if every byte means a
     * character there, else refused. Valid UTF-8 is almost never meant as Windows-1252: "Ã©" is what the reverse
     * mistake looks like, and nobody types it.
     */
    static String decode(byte[] bytes) {
        int from = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        try {
            return strict(StandardCharsets.UTF_8, bytes, from);
        } catch (CharacterCodingException notUtf8) {
            if (from == 3) {
                throw encodingRefused();
            }
            for (byte b : bytes) {
                if (UNDEFINED_1252.contains(b & 0xFF)) {
                    throw encodingRefused();
                }
            }
            try {
                return strict(Charset.forName("windows-1252"), bytes, 0);
            } catch (CharacterCodingException neither) {
                throw encodingRefused();
            }
        }
    }

    private static String strict(Charset charset, byte[] bytes, int from) throws CharacterCodingException {
        CharsetDecoder d = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return d.decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
    }

    private static GuichetException encodingRefused() {
        return GuichetException.invalid("FILE_ENCODING_UNKNOWN", "file", "Les lettres de ce fichier ne peuvent pas"
                + " être lues sans en remplacer certaines : enregistrez-le en « CSV UTF-8 » ou en « CSV (séparateur :"
                + " point-virgule) », ou en classeur Excel (.xlsx).");
    }

    private static List<Row> parse(String text, List<Column> columns, int maxRows) throws IOException {
        String header = text.lines().findFirst().orElse("");
        char delimiter = header.indexOf(';') >= 0 && (header.indexOf(',') < 0
                || count(header, ';') >= count(header, ',')) ? ';' : ',';
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setTrim(true)
                .setIgnoreEmptyLines(false).get();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            int[] fieldOf = null;
            String[] fields = null;
            int number = 0;
            for (CSVRecord r : parser) {
                if (fields == null) {
                    List<String> headings = new ArrayList<>();
                    r.forEach(headings::add);
                    fields = fields(headings, columns);
                    continue;
                }
                number++;
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < fields.length && i < r.size(); i++) {
                    if (fields[i] != null) {
                        values.put(fields[i], r.get(i));
                    }
                }
                add(rows, number, values, maxRows);
            }
            if (fields == null) {
                throw headerMissing(columns);
            }
        }
        return rows;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    /** A row with every cell blank is skipped (Excel writes ";;;;" for the empty rows below a table). */
    private static void add(List<Row> rows, int number, Map<String, Object> values, int maxRows) {
        boolean blank = values.values().stream().allMatch(v -> v == null || v.toString().isBlank());
        if (blank) {
            return;
        }
        if (rows.size() >= maxRows) {
            throw new GuichetException(GuichetException.Kind.INVALID, "TOO_MANY_ROWS", "file", "Au plus " + maxRows
                    + " lignes par envoi.", null, Map.of("max", maxRows));
        }
        rows.add(new Row(number, values));
    }

    private static GuichetException headerMissing(List<Column> columns) {
        String names = String.join(", ", columns.stream().map(Column::field).toList());
        return new GuichetException(GuichetException.Kind.INVALID, "CSV_HEADER_MISSING", "file",
                "La première ligne doit nommer les colonnes : " + names, null, Map.of("columns", names));
    }

    /** For each heading, the field it names (null for a blank heading); the file refused for an unknown one. */
    static String[] fields(List<String> headings, List<Column> columns) {
        Map<String, String> known = new HashMap<>();
        for (Column c : columns) {
            known.put(key(c.field()), c.field());
            c.headings().forEach(h -> known.put(key(h), c.field()));
        }
        String[] fields = new String[headings.size()];
        Map<String, String> seen = new HashMap<>();
        boolean any = false;
        for (int i = 0; i < headings.size(); i++) {
            String h = headings.get(i) == null ? "" : headings.get(i).strip();
            if (h.startsWith("\uFEFF")) {
                h = h.substring(1).strip();
            }
            if (h.isEmpty()) {
                continue;
            }
            any = true;
            String field = known.get(key(h));
            String shown = h.length() > 60 ? h.substring(0, 60) + "…" : h;
            if (field == null) {
                throw new GuichetException(GuichetException.Kind.INVALID, "COLUMN_UNKNOWN", "file", "Colonne inconnue : « "
                        + shown + " ». Colonnes reconnues : " + recognised(columns), null,
                        Map.of("column", shown, "columns", recognised(columns)));
            }
            if (seen.put(field, shown) != null) {
                throw new GuichetException(GuichetException.Kind.INVALID, "COLUMN_TWICE", "file", "Deux colonnes disent"
                        + " la même chose : « " + seen.get(field) + " » et une autre avant elle.", null,
                        Map.of("column", shown));
            }
            fields[i] = field;
        }
        if (!any) {
            throw headerMissing(columns);
        }
        for (Column c : columns) {
            if (c.required() && !seen.containsKey(c.field())) {
                String name = c.headings().isEmpty() ? c.field() : c.headings().get(0);
                throw new GuichetException(GuichetException.Kind.INVALID, "COLUMN_MISSING", "file", "Il manque la"
                        + " colonne « " + name + " » (ou « " + c.field() + " »).", null,
                        Map.of("column", name, "field", c.field()));
            }
        }
        return fields;
    }

    /** The columns in words, for a message: "Courriel (traineeEmail), …". */
    public static String recognised(List<Column> columns) {
        return String.join(", ", columns.stream().map(c -> (c.headings().isEmpty() ? c.field()
                : c.headings().get(0)) + " (" + c.field() + ")").toList());
    }

    /** A heading without case, accents, spaces or punctuation: "Date de naissance" → "datedenaissance". */
    static String key(String heading) {
        String plain = Normalizer.normalize(heading, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    // ---- xlsx

    private static List<Row> xlsx(byte[] bytes, List<Column> columns, int maxRows) {
        checkZip(bytes);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes), new ReadingOptions(true, true))) {
            List<Row> rows = new ArrayList<>();
            String[][] fields = {null};
            int[] last = {0};
            try (var stream = wb.getFirstSheet().openStream()) {
                var it = stream.iterator();
                while (it.hasNext()) {
                    org.dhatim.fastexcel.reader.Row r = it.next();
                    if (fields[0] == null) {
                        List<String> headings = new ArrayList<>();
                        for (int i = 0; i < r.getCellCount(); i++) {
                            Cell c = r.getCell(i);
                            headings.add(c == null ? null : c.getText());
                        }
                        if (headings.stream().allMatch(h -> h == null || h.isBlank())) {
                            continue; // blank rows above the table
                        }
                        fields[0] = fields(headings, columns);
                        last[0] = r.getRowNum();
                        continue;
                    }
                    int number = r.getRowNum() - last[0];
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < fields[0].length && i < r.getCellCount(); i++) {
                        if (fields[0][i] != null) {
                            values.put(fields[0][i], value(r.getCell(i)));
                        }
                    }
                    add(rows, number, values, maxRows);
                }
            }
            if (fields[0] == null) {
                throw headerMissing(columns);
            }
            return rows;
        } catch (GuichetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw GuichetException.invalid("XLSX_INVALID", "file", "Ce classeur Excel ne peut pas être lu : enregistrez-le"
                    + " à nouveau en .xlsx, ou en CSV (séparateur : point-virgule).");
        }
    }

    /**
     * Inflates every part once, counting what comes out (never trusting the sizes the archive announces), before
     * the workbook reader opens it: a zip bomb or a sheet of millions of cells stops here.
     */
    static void checkZip(byte[] bytes) {
        long total = 0;
        int entries = 0;
        byte[] buf = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (++entries > MAX_ENTRIES) {
                    throw tooBig();
                }
                for (int n; (n = zip.read(buf)) > 0; ) {
                    total += n;
                    if (total > MAX_UNZIPPED) {
                        throw tooBig();
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw GuichetException.invalid("XLSX_INVALID", "file", "Ce classeur Excel ne peut pas être lu : enregistrez-le"
                    + " à nouveau en .xlsx, ou en CSV (séparateur : point-virgule).");
        }
        if (entries == 0) {
            throw GuichetException.invalid("XLSX_INVALID", "file", "Ce classeur Excel ne peut pas être lu : enregistrez-le"
                    + " à nouveau en .xlsx, ou en CSV (séparateur : point-virgule).");
        }
    }

    private static GuichetException tooBig() {
        return new GuichetException(GuichetException.Kind.INVALID, "XLSX_TOO_LARGE", "file", "Ce classeur est trop"
                + " grand une fois ouvert (plus de " + MAX_UNZIPPED / (1024 * 1024) + " Mo) : n'envoyez que le tableau"
                + " des stagiaires.", null, Map.of("maxMb", MAX_UNZIPPED / (1024 * 1024)));
    }

    /** A cell as the row checks read text: dates (a number with a date style) as YYYY-MM-DD. */
    static Object value(Cell c) {
        if (c == null) {
            return null;
        }
        switch (c.getType()) {
            case EMPTY:
                return null;
            case NUMBER:
                if (isDateFormat(c.getDataFormatId(), c.getDataFormatString())) {
                    LocalDateTime d = c.asDate();
                    return d == null ? c.getRawValue() : d.toLocalDate().toString();
                }
                BigDecimal n = c.asNumber();
                return n == null ? c.getRawValue() : n.stripTrailingZeros().toPlainString();
            case BOOLEAN:
                return String.valueOf(c.asBoolean());
            default:
                return c.getText();
        }
    }

    /** Excel's built-in date formats (14-22, 27-36, 45-47, 50-58), or a custom one with day/month/year letters. */
    static boolean isDateFormat(Integer id, String format) {
        if (id != null && ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47)
                || (id >= 50 && id <= 58))) {
            return true;
        }
        if (format == null) {
            return false;
        }
        String f = format.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^\\]]*\\]", "").toLowerCase(Locale.ROOT);
        return f.contains("d") || f.contains("y") || (f.contains("m") && !f.contains("h") && !f.contains("s"));
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
