package org.guichet.rules.engine.answers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.rules.engine.Figures;

/**
 * Checks answers against the descriptor and converts them to the types rules see. Answers come as JSON decodes
 * them; to be kind to HTML forms, numbers may also come as strings ("600", "1,5", "14 400") and booleans as
 * "true"/"false"; a blank string is no answer. Every error is reported at once.
 */
public final class AnswerValidator {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final SchemeDescriptor descriptor;

    public AnswerValidator(SchemeDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** @return the answers converted (DATE → LocalDate, INTEGER → Long, DECIMAL → BigDecimal ...); absent ones null */
    public Map<String, Object> validate(Map<String, Object> answers, Locale locale) throws InvalidAnswersException {
        AnswerMessages messages = new AnswerMessages(locale);
        Map<String, Object> given = answers == null ? Map.of() : answers;
        List<AnswerError> errors = new ArrayList<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        for (FieldDefinition f : descriptor.fields()) {
            Object raw = given.get(f.name());
            if (isAbsent(raw)) {
                typed.put(f.name(), null);
                continue;
            }
            Converted c = convert(f, raw, messages);
            if (c.error != null) {
                errors.add(c.error);
            } else if (c.value != null) {
                AnswerError range = checkRange(f, c.value, messages);
                if (range != null) {
                    errors.add(range);
                }
            }
            typed.put(f.name(), c.error == null ? c.value : null);
        }
        for (FieldDefinition f : descriptor.fields()) {
            if (isAbsent(given.get(f.name())) && isRequired(f, typed)) {
                errors.add(new AnswerError(f.name(), "REQUIRED", messages.required(f)));
            }
            if (f.after() != null && typed.get(f.name()) instanceof LocalDate d
                    && typed.get(f.after()) instanceof LocalDate other && !d.isAfter(other)) {
                errors.add(new AnswerError(f.name(), "NOT_AFTER", messages.notAfter(f, descriptor.field(f.after()))));
            }
        }
        for (String key : new TreeSet<>(given.keySet())) {
            if (descriptor.field(key) == null) {
                errors.add(new AnswerError(key, "UNKNOWN_FIELD", messages.unknownField(key)));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(e -> order(e.field())));
            throw new InvalidAnswersException(errors);
        }
        return typed;
    }

    private int order(String field) {
        for (int i = 0; i < descriptor.fields().size(); i++) {
            if (descriptor.fields().get(i).name().equals(field)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static boolean isAbsent(Object raw) {
        return raw == null || (raw instanceof String s && s.isBlank());
    }

    private static boolean isRequired(FieldDefinition f, Map<String, Object> typed) {
        return f.required() || (f.requiredWhen() != null && Boolean.TRUE.equals(typed.get(f.requiredWhen())));
    }

    private record Converted(Object value, AnswerError error) { }

    private static Converted convert(FieldDefinition f, Object raw, AnswerMessages m) {
        try {
            return new Converted(switch (f.type()) {
                case DATE -> date(raw);
                case INTEGER -> integer(raw);
                case DECIMAL -> decimal(raw);
                case BOOLEAN -> bool(raw);
                case CHOICE -> choice(f, raw);
                case TEXT -> text(raw);
            }, null);
        } catch (Invalid e) {
            String message = switch (e.code) {
                case "INVALID_DATE" -> m.invalidDate(f);
                case "NOT_A_CHOICE" -> m.notAChoice(f);
                case "TOO_LARGE" -> m.tooLarge(f);
                default -> m.invalidType(f);
            };
            return new Converted(null, new AnswerError(f.name(), e.code, message));
        }
    }

    private static AnswerError checkRange(FieldDefinition f, Object value, AnswerMessages m) {
        if (!(value instanceof Number n)) {
            return null;
        }
        BigDecimal v = n instanceof BigDecimal b ? b : BigDecimal.valueOf(n.longValue());
        if (f.min() != null) {
            int c = v.compareTo(f.min());
            if (c < 0 || (c == 0 && f.minExclusive())) {
                return new AnswerError(f.name(), "TOO_SMALL", m.tooSmall(f));
            }
        }
        if (f.max() != null && v.compareTo(f.max()) > 0) {
            return new AnswerError(f.name(), "TOO_LARGE", m.tooLarge(f));
        }
        if (f.decimals() != null && v.stripTrailingZeros().scale() > f.decimals()) {
            return new AnswerError(f.name(), "TOO_MANY_DECIMALS", m.tooManyDecimals(f)); // 689.90 is fine, 689.901 not
        }
        return null;
    }

    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        Invalid(String code) {
            super(code, null, false, false);
            this.code = code;
        }
    }

    private static LocalDate date(Object raw) throws Invalid {
        if (raw instanceof LocalDate d) {
            return d;
        }
        if (!(raw instanceof String s)) {
            throw new Invalid("INVALID_TYPE");
        }
        String t = s.trim();
        if (!DATE.matcher(t).matches()) {
            throw new Invalid("INVALID_DATE");
        }
        try {
            return LocalDate.parse(t); // ISO, strict: 2026-02-30 is refused
        } catch (DateTimeParseException e) {
            throw new Invalid("INVALID_DATE");
        }
    }

    private static Long integer(Object raw) throws Invalid {
        BigDecimal d = number(raw);
        if (d.stripTrailingZeros().scale() > 0) {
            throw new Invalid("INVALID_TYPE"); // 600.5 is not a whole number; 600.0 is
        }
        try {
            return d.toBigIntegerExact().longValueExact();
        } catch (ArithmeticException e) {
            throw new Invalid("TOO_LARGE");
        }
    }

    private static BigDecimal decimal(Object raw) throws Invalid {
        return number(raw);
    }

    private static BigDecimal number(Object raw) throws Invalid {
        return bounded(unbounded(raw));
    }

    /** A number such as 1e20000000 is refused before it is expanded (see {@link Figures}). */
    private static BigDecimal bounded(BigDecimal d) throws Invalid {
        if (!Figures.notTooLarge(d)) {
            throw new Invalid("TOO_LARGE");
        }
        BigDecimal few = Figures.withFewDecimals(d);
        if (few == null) {
            throw new Invalid("INVALID_TYPE"); // a 13th decimal is nothing a form asks for
        }
        return few;
    }

    private static BigDecimal unbounded(Object raw) throws Invalid {
        if (raw instanceof BigDecimal b) {
            return b;
        }
        if (raw instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new Invalid("INVALID_TYPE");
            }
            return BigDecimal.valueOf(d); // shortest decimal form: 1299.99 stays 1299.99
        }
        if (raw instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (raw instanceof String s) {
            // forms send text: accept "14 400", "1,5" and "1.5"
            String t = s.trim().replace(" ", "").replace("\u00A0", "").replace("\u202F", "").replace(',', '.');
            try {
                return Figures.parse(t); // a million digits would take 44 s to parse
            } catch (NumberFormatException e) {
                throw new Invalid("INVALID_TYPE");
            }
        }
        throw new Invalid("INVALID_TYPE");
    }

    private static Boolean bool(Object raw) throws Invalid {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.valueOf(t);
            }
        }
        throw new Invalid("INVALID_TYPE");
    }

    private static String choice(FieldDefinition f, Object raw) throws Invalid {
        if (!(raw instanceof String s)) {
            throw new Invalid("INVALID_TYPE");
        }
        String t = s.trim();
        if (f.choices().stream().noneMatch(c -> c.value().equals(t))) {
            throw new Invalid("NOT_A_CHOICE");
        }
        return t;
    }

    private static String text(Object raw) throws Invalid {
        if (raw instanceof String s) {
            return s;
        }
        throw new Invalid("INVALID_TYPE");
    }
}
