package org.guichet.rules.engine.answers;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.stream.Collectors;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;

/** The words shown to a person whose answer cannot be used: plain French first, English when asked. */
final class AnswerMessages {
    private final boolean english;

    AnswerMessages(Locale locale) {
        this.english = locale != null && "en".equals(locale.getLanguage());
    }

    String required(FieldDefinition f) {
        return english ? "Please answer “" + label(f) + "”."
                : "Merci de répondre à la question « " + label(f) + " ».";
    }

    String invalidType(FieldDefinition f) {
        FieldType t = f.type();
        if (english) {
            return switch (t) {
                case INTEGER -> "“" + label(f) + "”: please write a whole number, without a decimal point (for example 600).";
                case DECIMAL -> "“" + label(f) + "”: please write a number (for example 1.5).";
                case BOOLEAN -> "“" + label(f) + "”: please answer yes or no.";
                case DATE -> "“" + label(f) + "”: please write a date as YYYY-MM-DD (for example 2026-09-14).";
                case CHOICE, TEXT -> "“" + label(f) + "”: this answer is not of the expected kind.";
            };
        }
        return switch (t) {
            case INTEGER -> "« " + label(f) + " » : écrivez un nombre entier, sans virgule (par exemple 600).";
            case DECIMAL -> "« " + label(f) + " » : écrivez un nombre (par exemple 1,5).";
            case BOOLEAN -> "« " + label(f) + " » : répondez par oui ou par non.";
            case DATE -> "« " + label(f) + " » : écrivez la date sous la forme AAAA-MM-JJ (par exemple 2026-09-14).";
            case CHOICE, TEXT -> "« " + label(f) + " » : cette réponse n'est pas du bon genre.";
        };
    }

    String invalidDate(FieldDefinition f) {
        return english
                ? "“" + label(f) + "”: this date does not exist or is not written as YYYY-MM-DD (for example 2026-09-14)."
                : "« " + label(f) + " » : cette date n'existe pas ou n'est pas écrite sous la forme AAAA-MM-JJ"
                        + " (par exemple 2026-09-14).";
    }

    String notAChoice(FieldDefinition f) {
        String choices = f.choices().stream().map(c -> c.label().in(english ? Locale.ENGLISH : Locale.FRENCH))
                .collect(Collectors.joining(english ? ", " : " ; "));
        return english ? "“" + label(f) + "”: please pick one of the answers offered (" + choices + ")."
                : "« " + label(f) + " » : choisissez une des réponses proposées (" + choices + ").";
    }

    String tooSmall(FieldDefinition f) {
        String min = number(f.min());
        if (f.minExclusive()) {
            return english ? "“" + label(f) + "”: the number must be more than " + min + "."
                    : "« " + label(f) + " » : le nombre doit être plus grand que " + min + ".";
        }
        return english ? "“" + label(f) + "”: the number must be at least " + min + "."
                : "« " + label(f) + " » : le nombre doit être au moins " + min + ".";
    }

    String tooManyDecimals(FieldDefinition f) {
        int n = f.decimals();
        if (n == 0) {
            return english ? "“" + label(f) + "”: write a whole number." : "« " + label(f) + " » : écrivez un nombre entier.";
        }
        return english ? "“" + label(f) + "”: at most " + n + (n == 1 ? " decimal." : " decimals.")
                : "« " + label(f) + " » : " + n + (n == 1 ? " chiffre au plus après la virgule."
                        : " chiffres au plus après la virgule.");
    }

    String tooLarge(FieldDefinition f) {
        if (f.max() == null) {
            return english ? "“" + label(f) + "”: this number is too large."
                    : "« " + label(f) + " » : ce nombre est trop grand.";
        }
        String max = number(f.max());
        return english ? "“" + label(f) + "”: the number must be at most " + max + "."
                : "« " + label(f) + " » : le nombre doit être au plus " + max + ".";
    }

    String notAfter(FieldDefinition f, FieldDefinition other) {
        return english ? "“" + label(f) + "”: this date must come after “" + label(other) + "”."
                : "« " + label(f) + " » : cette date doit venir après « " + label(other) + " ».";
    }

    String unknownField(String name) {
        return english ? "The form does not ask “" + name + "”: this answer cannot be used."
                : "Le formulaire ne pose pas la question « " + name + " » : cette réponse ne peut pas être utilisée.";
    }

    private String label(FieldDefinition f) {
        return f.label() == null ? f.name() : f.label().in(english ? Locale.ENGLISH : Locale.FRENCH);
    }

    private String number(BigDecimal n) {
        String s = n.stripTrailingZeros().toPlainString();
        return english ? s : s.replace('.', ',');
    }
}
