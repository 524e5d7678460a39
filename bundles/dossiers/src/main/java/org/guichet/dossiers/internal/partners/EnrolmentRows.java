package org.guichet.dossiers.internal.partners;

import java.math.BigDecimal;
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
                errors.add(new RowError(row, f, "INVALID_VALUE", "Valeur incorrecte pour " + f + " : " + value));
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

    private static LocalDate date(Object value) {
        String s = text(value);
        if (s.matches("\\d{2}/\\d{2}/\\d{4}")) {
            return LocalDate.of(Integer.parseInt(s.substring(6)), Integer.parseInt(s.substring(3, 5)),
                    Integer.parseInt(s.substring(0, 2)));
        }
        return LocalDate.parse(s);
    }

    private static int hours(Object value) {
        BigDecimal b = value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(text(value));
        if (b.scale() > 0 && b.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("not a whole number");
        }
        int h = b.intValueExact();
        if (h <= 0 || h > 10_000) {
            throw GuichetException.invalid("OUT_OF_RANGE", "trainingHours", "Nombre d'heures hors limites : " + h);
        }
        return h;
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
