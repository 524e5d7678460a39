package org.guichet.dossiers.internal.partners;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.guichet.api.error.GuichetException;
import org.guichet.api.partners.RowError;
import org.guichet.dossiers.internal.accounts.AccountViews;

/**
 * Checks one enrolment row and turns it into typed values. CSV gives every value as text, so numbers, dates and
 * yes/no are read from text too ("oui"/"non", "true"/"false", "1"/"0"; dates as YYYY-MM-DD or DD/MM/YYYY).
 */
final class EnrolmentRows {
    static final List<String> FIELDS = List.of("traineeEmail", "firstName", "lastName", "birthDate",
            "trainingStartDate", "trainingEndDate", "trainingHours", "programme", "regionFunded");
    private static final Set<String> REQUIRED = Set.of("traineeEmail", "trainingStartDate", "trainingEndDate",
            "trainingHours", "programme", "regionFunded");

    static final BigDecimal MAX_HOURS = BigDecimal.valueOf(10_000);
    /** Characters of a number of hours written as text: parsing is quadratic (a million digits take 44 s). */
    static final int MAX_NUMBER_TEXT = 30;

    /** DD/MM/YYYY, a day or month of one digit allowed (1/9/2026, as a sheet may show it) */
    private static final java.util.regex.Pattern FRENCH_DATE = java.util.regex.Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");

    private EnrolmentRows() { }

    /** A valid row, or its errors. */
    record Checked(Map<String, Object> values, List<RowError> errors) { }

    static Checked check(int row, Map<String, Object> raw) {
        List<RowError> errors = new ArrayList<>();
        Map<String, Object> v = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            if (!FIELDS.contains(key)) {
                errors.add(new RowError(row, key, "UNKNOWN_FIELD", "Colonne inconnue : " + key + " (attendues : "
                        + String.join(", ", FIELDS) + ")"));
            }
        }
        for (String f : FIELDS) {
            Object value = raw.get(f);
            if (value == null || (value instanceof String s && s.isBlank())) {
                if (REQUIRED.contains(f)) {
                    errors.add(new RowError(row, f, "REQUIRED", "Valeur manquante : " + f));
                }
                continue;
            }
            try {
                v.put(f, switch (f) {
                    case "traineeEmail" -> AccountViews.normaliseEmail(text(value), f);
                    case "firstName", "lastName" -> limited(text(value), 100, f);
                    case "programme" -> limited(text(value), 100, f).toUpperCase(Locale.ROOT);
                    case "birthDate", "trainingStartDate", "trainingEndDate" -> date(value).toString();
                    case "trainingHours" -> hours(value);
                    case "regionFunded" -> yesNo(value);
                    default -> value;
                });
            } catch (GuichetException e) {
                errors.add(new RowError(row, f, e.code(), e.getMessage()));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                String shown = String.valueOf(value);
                errors.add(new RowError(row, f, "INVALID_VALUE", "Valeur incorrecte pour " + f + " : "
                        + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown)));
            }
        }
        if (v.get("trainingStartDate") instanceof String s && v.get("trainingEndDate") instanceof String e
                && LocalDate.parse(e).isBefore(LocalDate.parse(s))) {
            errors.add(new RowError(row, "trainingEndDate", "NOT_AFTER", "La fin de formation est avant son début."));
        }
        return new Checked(errors.isEmpty() ? v : null, errors);
    }

    private static String text(Object value) {
        return String.valueOf(value).strip();
    }

    private static String limited(String s, int max, String field) {
        if (s.length() > max) {
            throw new GuichetException(GuichetException.Kind.INVALID, "TOO_LONG", field, field + " : " + max
                    + " caractères au plus", null, java.util.Map.of("max", max));
        }
        return s;
    }

    /**
     * YYYY-MM-DD or DD/MM/YYYY. A day that does not exist (31/02/2026) used to throw DateTimeException, which is not a
     * DateTimeParseException, out of the whole import (found by fuzzing, docs/fuzzing.md).
     */
    private static LocalDate date(Object value) {
        String s = text(value);
        try {
            java.util.regex.Matcher m = FRENCH_DATE.matcher(s);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(1)));
            }
            return LocalDate.parse(s);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a date", e);
        }
    }

    /**
     * A whole number of hours from 1 to 10,000. 1e10 used to throw ArithmeticException (intValueExact) out of the
     * whole import; a long text of digits took seconds to parse (found by fuzzing, docs/fuzzing.md).
     */
    private static int hours(Object value) {
        String t = value instanceof Number n ? n.toString() : text(value);
        if (t.length() > MAX_NUMBER_TEXT) {
            throw new IllegalArgumentException("too long for a number of hours");
        }
        BigDecimal b = new BigDecimal(t);
        if (b.signum() <= 0 || b.compareTo(MAX_HOURS) > 0) {
            throw GuichetException.invalid("OUT_OF_RANGE", "trainingHours", "Nombre d'heures hors limites : " + t);
        }
        if (b.scale() > 0 && b.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("not a whole number");
        }
        return b.intValueExact();
    }

    private static boolean yesNo(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (text(value).toLowerCase(Locale.ROOT)) {
            case "true", "oui", "yes", "1", "o", "y" -> true;
            case "false", "non", "no", "0", "n" -> false;
            default -> throw new IllegalArgumentException("not yes/no");
        };
    }
}
