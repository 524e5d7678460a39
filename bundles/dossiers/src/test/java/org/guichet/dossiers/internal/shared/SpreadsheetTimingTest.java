package org.guichet.dossiers.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A measure, not a limit (docs/api-contract.md#spreadsheets): the time and the memory allocated to read a class of
 * 5,000 rows, as an .xlsx (date cells) and as a Windows-1252 CSV. Printed; only the row count is asserted.
 */
class SpreadsheetTimingTest {
    static final int ROWS = 5_000;

    @Test
    void fiveThousandRows() {
        List<List<Object>> sheet = new ArrayList<>();
        sheet.add(List.of("Nom", "Prénom", "Courriel", "Date de naissance", "Début", "Fin", "Heures", "Programme",
                "Financement Région"));
        StringBuilder csv = new StringBuilder("Nom;Prénom;Courriel;Date de naissance;Début;Fin;Heures;Programme;Financement Région\r\n");
        for (int i = 0; i < ROWS; i++) {
            sheet.add(List.of("Martin", "Léa", "lea" + i + "@exemple.fr", LocalDate.of(2001, 4, 3),
                    LocalDate.of(2026, 9, 14), LocalDate.of(2027, 2, 26), 600, "QUALIF", "oui"));
            csv.append("Martin;Léa;lea").append(i).append("@exemple.fr;03/04/2001;14/09/2026;26/02/2027;600;QUALIF;oui\r\n");
        }
        byte[] xlsx = Xlsx.of(sheet);
        byte[] text = csv.toString().getBytes(Charset.forName("windows-1252"));
        for (int warm = 0; warm < 3; warm++) {
            Spreadsheet.read(xlsx, Spreadsheet.ENROLMENT_COLUMNS, ROWS);
            Spreadsheet.read(text, Spreadsheet.ENROLMENT_COLUMNS, ROWS);
        }
        measure("xlsx", xlsx);
        measure("csv (Windows-1252)", text);
    }

    private static void measure(String what, byte[] file) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long runs = 5;
        long bytes = mx.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            assertEquals(ROWS, Spreadsheet.read(file, Spreadsheet.ENROLMENT_COLUMNS, ROWS).size());
        }
        long ms = (System.nanoTime() - start) / 1_000_000 / runs;
        long mb = (mx.getCurrentThreadAllocatedBytes() - bytes) / runs / (1024 * 1024);
        System.out.printf("Spreadsheet %s, %d rows, file %d KB: %d ms, %d MB allocated per read%n", what, ROWS,
                file.length / 1024, ms, mb);
    }
}
