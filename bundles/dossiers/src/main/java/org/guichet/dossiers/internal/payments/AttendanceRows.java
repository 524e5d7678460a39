package org.guichet.dossiers.internal.payments;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.guichet.api.error.GuichetException;
import org.guichet.api.partners.RowError;
import org.guichet.dossiers.internal.accounts.AccountViews;

/**
 * Checks one attendance row (JSON or CSV) and turns it into typed values, before anything is looked up. Hours are
 * kept as the database keeps them (DECIMAL(8, 2)): at most 744 (a month of 31 days) and to the hundredth of an
 * hour. A value such as 1e-999999999 used to pass (it is between 0 and 744) and reach the payable-amount division
 * with a scale of a billion (found by fuzzing, docs/fuzzing.md).
 */
final class AttendanceRows {
    static final List<String> FIELDS = List.of("traineeEmail", "month", "attendedHours", "scheduledHours");
    static final BigDecimal MAX_HOURS = new BigDecimal("744");
    static final int HOURS_DECIMALS = 2;
    /** Characters of a number of hours written as text ("151,67", "35.00"). */
    static final int MAX_TEXT = 30;

    private AttendanceRows() { }

    /** The row's values when {@code errors} is empty. */
    record Checked(String email, YearMonth month, BigDecimal attended, BigDecimal scheduled, List<RowError> errors) { }

    static Checked check(int row, Map<String, Object> r) {
        List<RowError> errors = new ArrayList<>();
        for (String k : r.keySet()) {
            if (!FIELDS.contains(k)) {
                errors.add(new RowError(row, k, "UNKNOWN_FIELD", "Colonne inconnue : " + k));
            }
        }
        String email = null;
        YearMonth month = null;
        try {
            email = AccountViews.normaliseEmail(text(r.get("traineeEmail")), "traineeEmail");
        } catch (GuichetException e) {
            errors.add(new RowError(row, "traineeEmail", e.code(), e.getMessage()));
        }
        try {
            month = month(text(r.get("month")));
        } catch (RuntimeException e) {
            errors.add(new RowError(row, "month", "INVALID_VALUE", "Mois attendu au format MM/AAAA (ou AAAA-MM) : "
                    + shortly(r.get("month"))));
        }
        BigDecimal attended = hours(r.get("attendedHours"), row, "attendedHours", errors, false);
        BigDecimal scheduled = hours(r.get("scheduledHours"), row, "scheduledHours", errors, true);
        return new Checked(email, month, attended, scheduled, errors);
    }

    /**
     * The month as the API writes it (2026-09) or as a French sheet does: 09/2026, 9/2026, or any day of it
     * (01/09/2026, or 2026-09-01 from a date cell of an xlsx).
     */
    static YearMonth month(String t) {
        java.util.regex.Matcher m;
        if ((m = java.util.regex.Pattern.compile("(\\d{1,2})/(\\d{4})").matcher(t)).matches()) {
            return YearMonth.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
        }
        if ((m = java.util.regex.Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})").matcher(t)).matches()) {
            return YearMonth.from(java.time.LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(1))));
        }
        if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return YearMonth.from(java.time.LocalDate.parse(t));
        }
        return YearMonth.parse(t);
    }

    private static String text(Object v) {
        return v == null ? "" : String.valueOf(v).strip();
    }

    /** A value quoted in a message, cut: a row error must not carry a megabyte of the file back. */
    static String shortly(Object v) {
        String t = text(v);
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }

    private static BigDecimal hours(Object v, int row, String field, List<RowError> errors, boolean positive) {
        BigDecimal b;
        try {
            String t = v instanceof Number n ? n.toString() : text(v).replace(',', '.');
            if (t.length() > MAX_TEXT) {
                throw new NumberFormatException("too long"); // parsing is quadratic: a million digits take 44 s
            }
            b = new BigDecimal(t);
        } catch (NumberFormatException e) {
            errors.add(new RowError(row, field, v == null || text(v).isEmpty() ? "REQUIRED" : "INVALID_VALUE",
                    "Nombre d'heures attendu pour " + field + " : " + (v == null ? "vide" : shortly(v))));
            return null;
        }
        if (b.signum() < 0 || (positive && b.signum() == 0) || b.compareTo(MAX_HOURS) > 0) {
            errors.add(new RowError(row, field, "OUT_OF_RANGE", "Nombre d'heures hors limites : " + shortly(v)));
            return null;
        }
        if (b.signum() == 0) {
            return BigDecimal.ZERO;
        }
        // at most 30 characters: stripping the zeros is cheap
        BigDecimal hundredths = b.scale() <= HOURS_DECIMALS ? b : b.stripTrailingZeros();
        if (hundredths == null || hundredths.scale() > HOURS_DECIMALS) {
            errors.add(new RowError(row, field, "INVALID_VALUE", "Nombre d'heures au centième au plus pour " + field
                    + " : " + shortly(v)));
            return null;
        }
        return hundredths;
    }
}
