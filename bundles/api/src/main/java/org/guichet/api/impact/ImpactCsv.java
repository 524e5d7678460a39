package org.guichet.api.impact;

import java.math.BigDecimal;
import java.util.List;

/**
 * The changed dossiers of a run as CSV, the same from the API and the web page: UTF-8, one header line, fields
 * separated by semicolons (what a spreadsheet set to French opens without asking), quoted when they hold a
 * semicolon, a quote or a line break (RFC 4180 otherwise), amounts with a dot and two decimals, lists joined by
 * spaces, yes/no as {@code oui}/{@code non}.
 */
public final class ImpactCsv {
    public static final String MEDIA_TYPE = "text/csv";
    public static final String HEADER = "reference;etat;eligible_avant;eligible_apres;motifs_gagnes;motifs_perdus;"
            + "montant_avant;montant_apres;difference;pieces_ajoutees;pieces_retirees;erreur";

    private ImpactCsv() { }

    /** One line, without its line break. */
    public static String line(ImpactChange c) {
        return String.join(";", field(c.reference()), field(c.dossierState()), yesNo(c.eligibleBefore()),
                yesNo(c.eligibleAfter()), field(join(c.reasonsGained())), field(join(c.reasonsLost())),
                amount(c.amountBefore()), amount(c.amountAfter()), amount(c.difference()),
                field(join(c.documentsAdded())), field(join(c.documentsDropped())), field(c.error()));
    }

    /** A file name for a run's export, e.g. {@code impact-vocational-training-0.9.0-run-12.csv}. */
    public static String fileName(ImpactRun run) {
        return ("impact-" + run.schemeId() + "-" + run.candidateVersion() + "-run-" + run.id() + ".csv")
                .replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String join(List<String> codes) {
        return String.join(" ", codes);
    }

    private static String yesNo(Boolean b) {
        return b == null ? "" : b ? "oui" : "non";
    }

    private static String amount(BigDecimal a) {
        return a == null ? "" : a.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    static String field(String s) {
        if (s == null) {
            return "";
        }
        // a leading =, +, - or @ would be run as a formula by a spreadsheet: quoted and prefixed with a quote mark
        String safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (safe.contains(";") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                || !safe.equals(s)) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
