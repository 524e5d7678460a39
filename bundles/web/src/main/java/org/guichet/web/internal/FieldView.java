package org.guichet.web.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.guichet.api.scheme.Choice;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;

/** How a scheme's question is shown and how its stored answer is worded for people. */
public final class FieldView {
    /** One answer a person can pick. */
    public record Option(int index, String value, String label) { }

    private FieldView() { }

    /** Yes / No for a yes-no question, the scheme's choices otherwise, in the page's language. */
    public static List<Option> choices(Ui ui, FieldDefinition f) {
        List<Option> options = new ArrayList<>();
        if (f.type() == FieldType.BOOLEAN) {
            options.add(new Option(0, "true", ui.t("answer.yes")));
            options.add(new Option(1, "false", ui.t("answer.no")));
            return options;
        }
        int i = 0;
        for (Choice c : f.choices()) {
            options.add(new Option(i++, c.value(), ui.in(c.label())));
        }
        return options;
    }

    /** The value in the field as the person typed it: a stored ISO date is shown as 14/09/2026. */
    public static String current(FieldDefinition f, Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (f.type() == FieldType.DATE && s.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return DateTimeFormatter.ofPattern("dd/MM/yyyy").format(LocalDate.parse(s));
            } catch (DateTimeParseException e) {
                return s;
            }
        }
        return s;
    }

    public static String inputMode(FieldDefinition f) {
        return switch (f.type()) {
            case DATE, INTEGER -> "numeric";
            case DECIMAL -> "decimal";
            default -> null;
        };
    }

    /**
     * An answer as the person saw it when she gave it: "Oui"/"Non", the choice's words, a date in words — never a
     * raw code.
     */
    public static String worded(Ui ui, FieldDefinition f, Object value) {
        if (value == null || value.toString().isBlank()) {
            return ui.t("answer.none");
        }
        String s = value.toString();
        if (f == null) {
            return s;
        }
        return switch (f.type()) {
            case BOOLEAN -> "true".equalsIgnoreCase(s) ? ui.t("answer.yes") : "false".equalsIgnoreCase(s)
                    ? ui.t("answer.no") : s;
            case CHOICE -> f.choices().stream().filter(c -> c.value().equals(s)).map(c -> ui.in(c.label()))
                    .findFirst().orElse(s);
            case DATE -> ui.date(s);
            default -> s;
        };
    }
}
