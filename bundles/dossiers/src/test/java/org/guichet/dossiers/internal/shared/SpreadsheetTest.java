package org.guichet.dossiers.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.guichet.api.error.GuichetException;
import org.junit.jupiter.api.Test;

/** The one reader of organisations' spreadsheets: encodings, separators, headings, xlsx cells, limits. */
class SpreadsheetTest {
    static final String FRENCH_HEADINGS = "Nom;Prénom;Courriel;Date de naissance;Début;Fin;Heures;Programme;Financement Région";
    static final String LEA = "Martin;Léa;lea@exemple.fr;03/04/2001;05/01/2026;30/06/2026;600;QUALIF;oui";

    static List<Spreadsheet.Row> enrolments(byte[] file) {
        return Spreadsheet.read(file, Spreadsheet.ENROLMENT_COLUMNS, 5_000);
    }

    static GuichetException refused(byte[] file) {
        return assertThrows(GuichetException.class, () -> enrolments(file));
    }

    @Test
    void leaInWindows1252AsFrenchExcelSavesIt() {
        byte[] file = (FRENCH_HEADINGS + "\r\n" + LEA + "\r\n").getBytes(Charset.forName("windows-1252"));
        assertEquals((byte) 0xE9, file[FRENCH_HEADINGS.length() + 2 + "Martin;L".length()], "é is one byte there");
        List<Spreadsheet.Row> rows = enrolments(file);
        assertEquals(1, rows.size());
        assertEquals("Léa", rows.get(0).values().get("firstName"));
        assertEquals("Martin", rows.get(0).values().get("lastName"));
        assertEquals("05/01/2026", rows.get(0).values().get("trainingStartDate"));
        assertEquals(1, rows.get(0).number());
    }

    @Test
    void leaInUtf8WithAndWithoutAByteOrderMark() {
        byte[] plain = (FRENCH_HEADINGS + "\n" + LEA + "\n").getBytes(StandardCharsets.UTF_8);
        assertEquals("Léa", enrolments(plain).get(0).values().get("firstName"));
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bom.writeBytes(plain);
        assertEquals("Léa", enrolments(bom.toByteArray()).get(0).values().get("firstName"));
    }

    @Test
    void aFileThatIsNeitherUtf8NorWindows1252IsRefusedNeverReadWithALetterReplaced() {
        // 0x81 means nothing in Windows-1252, and "L\x81a" is not UTF-8 either
        byte[] file = (FRENCH_HEADINGS + "\n" + LEA.replace("Léa", "L_a") + "\n").getBytes(StandardCharsets.ISO_8859_1);
        int at = new String(file, StandardCharsets.ISO_8859_1).indexOf("L_a") + 1;
        file[at] = (byte) 0x81;
        assertEquals("FILE_ENCODING_UNKNOWN", refused(file).code());
        // UTF-8 with a byte-order mark and then a Windows-1252 letter: refused too
        byte[] mixed = ("\uFEFF" + FRENCH_HEADINGS + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] withLea = Arrays.copyOf(mixed, mixed.length + LEA.length() + 1);
        System.arraycopy(LEA.getBytes(Charset.forName("windows-1252")), 0, withLea, mixed.length, LEA.length());
        assertEquals("FILE_ENCODING_UNKNOWN", refused(withLea).code());
        // UTF-16 (Excel's "texte Unicode"): NULs between the letters
        assertEquals("FILE_ENCODING_UNKNOWN", refused((FRENCH_HEADINGS + "\n" + LEA).getBytes(StandardCharsets.UTF_16LE)).code());
    }

    @Test
    void theSeparatorIsTheHeadingLinesAndCommasInValuesStay() {
        String comma = "traineeEmail,firstName,trainingStartDate,trainingEndDate,trainingHours,programme,regionFunded\n"
                + "lea@exemple.fr,\"Léa, dite Lili\",2026-01-05,2026-06-30,600,QUALIF,true\n";
        assertEquals("Léa, dite Lili", enrolments(comma.getBytes(StandardCharsets.UTF_8)).get(0).values().get("firstName"));
        String semicolon = "Courriel;Prénom;Début;Fin;Heures;Programme;Financement Région\nlea@exemple.fr;Léa, Lili;05/01/2026;30/06/2026;600;QUALIF;oui\n";
        assertEquals("Léa, Lili", enrolments(semicolon.getBytes(StandardCharsets.UTF_8)).get(0).values().get("firstName"));
    }

    @Test
    void headingsAreRecognisedWithoutCaseAccentsOrSpaces() {
        String[] fields = Spreadsheet.fields(List.of("COURRIEL", "prenom", " Date  de Naissance ", "DEBUT",
                "date_de_fin", "Nombre d'heures", "programme", "Financé par la Région", "NOM", ""),
                Spreadsheet.ENROLMENT_COLUMNS);
        assertEquals(List.of("traineeEmail", "firstName", "birthDate", "trainingStartDate", "trainingEndDate",
                "trainingHours", "programme", "regionFunded", "lastName"), Arrays.asList(fields).subList(0, 9));
        assertEquals(null, fields[9], "a blank heading (Excel's trailing separator) is ignored");
    }

    @Test
    void anUnknownOrMissingColumnIsRefusedWithItsName() {
        GuichetException unknown = refused((FRENCH_HEADINGS + ";Téléphone\n" + LEA + ";0601\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("COLUMN_UNKNOWN", unknown.code());
        assertEquals("file", unknown.field());
        assertTrue(unknown.getMessage().contains("« Téléphone »"), unknown.getMessage());
        GuichetException missing = refused(FRENCH_HEADINGS.replace(";Heures", "").concat("\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("COLUMN_MISSING", missing.code());
        assertTrue(missing.getMessage().contains("« Heures »"), missing.getMessage());
        assertEquals("COLUMN_TWICE", refused("Courriel;Email\na@b.fr;a@b.fr\n".getBytes(StandardCharsets.UTF_8)).code());
    }

    @Test
    void blankRowsAreSkippedAndTheNumbersStayThoseOfTheSheet() {
        String csv = FRENCH_HEADINGS + "\n" + LEA + "\n;;;;;;;;\n\n" + LEA.replace("lea@", "zoe@") + "\n;;;;;;;;\n";
        List<Spreadsheet.Row> rows = enrolments(csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, rows.size());
        assertEquals(1, rows.get(0).number());
        assertEquals(4, rows.get(1).number(), "row 4 after the headings: line 5 of the sheet");
    }

    @Test
    void anXlsxWithDateCellsTextDatesAndNumbers() {
        byte[] file = Xlsx.of(Arrays.asList(
                List.of("Nom", "Prénom", "Courriel", "Date de naissance", "Début", "Fin", "Heures", "Programme", "Financement Région"),
                List.of("Martin", "Léa", "lea@exemple.fr", LocalDate.of(2001, 4, 3), LocalDate.of(2026, 9, 12), "31/03/2027", 600, "QUALIF", "oui"),
                null,
                List.of("Durand", "Zoé", "zoe@exemple.fr", "03/04/2002", "12/09/2026", LocalDate.of(2027, 3, 31), 151.5, "QUALIF", "non")));
        List<Spreadsheet.Row> rows = enrolments(file);
        assertEquals(2, rows.size());
        Map<String, Object> lea = rows.get(0).values();
        assertEquals("Léa", lea.get("firstName"));
        assertEquals("2001-04-03", lea.get("birthDate"), "a date cell");
        assertEquals("2026-09-12", lea.get("trainingStartDate"));
        assertEquals("31/03/2027", lea.get("trainingEndDate"), "a date typed as text");
        assertEquals("600", lea.get("trainingHours"));
        assertEquals(3, rows.get(1).number(), "the blank row is counted");
        assertEquals("151.5", rows.get(1).values().get("trainingHours"));
        assertEquals("2027-03-31", rows.get(1).values().get("trainingEndDate"));
    }

    @Test
    void anOldXlsOrAnotherFormatIsRefusedWithWhatToDo() {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertEquals("FILE_FORMAT_UNSUPPORTED", refused(ole2).code());
        assertEquals("XLSX_INVALID", refused(new byte[] {0x50, 0x4B, 3, 4, 1, 2, 3}).code());
        assertEquals("FILE_EMPTY", refused(new byte[0]).code());
    }

    @Test
    void aZipBombIsRefusedBeforeTheSheetIsRead() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 110; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTrue(out.size() < 200_000, "a small file: " + out.size());
        GuichetException e = refused(out.toByteArray());
        assertEquals("XLSX_TOO_LARGE", e.code());
        assertEquals("file", e.field());
    }

    @Test
    void tooManyRowsIsRefusedWithTheMaximum() {
        StringBuilder csv = new StringBuilder(FRENCH_HEADINGS).append('\n');
        for (int i = 0; i < 11; i++) {
            csv.append(LEA.replace("lea@", "lea" + i + "@")).append('\n');
        }
        GuichetException e = assertThrows(GuichetException.class, () -> Spreadsheet.read(
                csv.toString().getBytes(StandardCharsets.UTF_8), Spreadsheet.ENROLMENT_COLUMNS, 10));
        assertEquals("TOO_MANY_ROWS", e.code());
        List<List<Object>> sheet = new ArrayList<>();
        sheet.add(List.of("Courriel", "Début", "Fin", "Heures", "Programme", "Financement Région"));
        for (int i = 0; i < 11; i++) {
            sheet.add(List.of("a" + i + "@b.fr", "01/01/2026", "01/02/2026", 10, "Q", "oui"));
        }
        assertEquals("TOO_MANY_ROWS", assertThrows(GuichetException.class, () -> Spreadsheet.read(Xlsx.of(sheet),
                Spreadsheet.ENROLMENT_COLUMNS, 10)).code());
    }

    @Test
    void attendanceHeadingsInFrench() {
        String csv = "Courriel;Mois;Heures suivies;Heures prévues\nlea@exemple.fr;09/2026;140,5;151,67\n";
        Map<String, Object> row = Spreadsheet.read(csv.getBytes(Charset.forName("windows-1252")),
                Spreadsheet.ATTENDANCE_COLUMNS, 10).get(0).values();
        assertEquals(Map.of("traineeEmail", "lea@exemple.fr", "month", "09/2026", "attendedHours", "140,5",
                "scheduledHours", "151,67"), row);
    }

    @Test
    void dateFormats() {
        assertTrue(Spreadsheet.isDateFormat(14, null));
        assertTrue(Spreadsheet.isDateFormat(164, "dd/mm/yyyy"));
        assertTrue(!Spreadsheet.isDateFormat(164, "0.00"));
        assertTrue(!Spreadsheet.isDateFormat(164, "[$€-40C] #,##0.00"));
        assertTrue(!Spreadsheet.isDateFormat(0, "General"));
    }
}
