package org.guichet.web.internal;

import java.io.PrintWriter;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.guichet.api.scheme.Choice;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;
import org.guichet.api.scheme.Installment;
import org.guichet.api.scheme.Reason;
import org.guichet.api.scheme.RequiredDocument;

/**
 * The scheme's questions as accessible form fields (label, help and error tied to the field), and the rules'
 * answer, shared by the simulator and the application steps.
 */
final class Forms {
    private Forms() { }

    static void field(PrintWriter out, Locale locale, FieldDefinition f, Object value, String error) {
        String id = Html.esc(f.name());
        String label = Html.esc(f.label().in(locale));
        String help = f.help() == null ? null : f.help().in(locale);
        String describedBy = (help == null ? "" : id + "-aide ") + (error == null ? "" : id + "-erreur");
        String aria = (describedBy.isBlank() ? "" : " aria-describedby=\"" + describedBy.trim() + "\"")
                + (error == null ? "" : " aria-invalid=\"true\"");
        String current = value == null ? "" : value.toString();
        out.println("<div class=\"field" + (error == null ? "" : " has-error") + "\">");
        switch (f.type()) {
            case BOOLEAN, CHOICE -> {
                List<Choice> choices = f.type() == org.guichet.api.scheme.FieldType.BOOLEAN
                        ? List.of(new Choice("true", new org.guichet.api.scheme.LocalizedText("Oui", "Yes")),
                                new Choice("false", new org.guichet.api.scheme.LocalizedText("Non", "No")))
                        : f.choices();
                out.println("<fieldset id=\"" + id + "\"" + aria + "><legend>" + label + "</legend>");
                helpAndError(out, id, help, error);
                int i = 0;
                for (Choice c : choices) {
                    String cid = id + "-" + i++;
                    out.println("<div class=\"choice\"><input type=\"radio\" id=\"" + cid + "\" name=\"" + id
                            + "\" value=\"" + Html.esc(c.value()) + "\"" + (c.value().equals(current) ? " checked" : "")
                            + "><label for=\"" + cid + "\">" + Html.esc(c.label().in(locale)) + "</label></div>");
                }
                out.println("</fieldset>");
            }
            default -> {
                out.println("<label for=\"" + id + "\">" + label + "</label>");
                helpAndError(out, id, help, error);
                if (f.type() == FieldType.DATE) {
                    out.println("<p class=\"hint\" id=\"" + id + "-format\">" + Page.t(locale,
                            "Par exemple : 14/09/2026", "For example: 14/09/2026 (day/month/year)") + "</p>");
                    aria = aria.replace("aria-describedby=\"", "aria-describedby=\"" + id + "-format ");
                    if (!aria.contains("aria-describedby")) {
                        aria = " aria-describedby=\"" + id + "-format\"" + aria;
                    }
                }
                String type = switch (f.type()) {
                    // a plain text field, not the browser's date picker: typed as on paper (14/09/2026), read
                    // aloud correctly, and the same on every phone
                    case DATE -> "type=\"text\" inputmode=\"numeric\"" + ("birthDate".equals(f.name())
                            ? " autocomplete=\"bday\"" : "");
                    case INTEGER -> "type=\"text\" inputmode=\"numeric\"";
                    case DECIMAL -> "type=\"text\" inputmode=\"decimal\"";
                    default -> "type=\"text\"";
                };
                out.println("<input " + type + " id=\"" + id + "\" name=\"" + id + "\" value=\"" + Html.esc(current)
                        + "\"" + aria + ">");
            }
        }
        out.println("</div>");
    }

    static void helpAndError(PrintWriter out, String id, String help, String error) {
        if (help != null) {
            out.println("<p class=\"help\" id=\"" + id + "-aide\">" + Html.esc(help) + "</p>");
        }
        if (error != null) {
            out.println("<p class=\"error\" id=\"" + id + "-erreur\">" + Html.esc(error) + "</p>");
        }
    }

    static void result(PrintWriter out, Locale locale, Evaluation r) {
        out.println("<section class=\"result\" aria-labelledby=\"resultat\" role=\"status\"><h2 id=\"resultat\">"
                + Page.t(locale, "Résultat", "Result") + "</h2>");
        if (r.eligible()) {
            out.println("<p class=\"verdict ok\">" + Page.t(locale, "D'après vos réponses, vous pouvez avoir cette aide.",
                    "From your answers, you can get this aid.") + "</p>");
            NumberFormat euros = NumberFormat.getCurrencyInstance(locale.getLanguage().equals("en") ? Locale.UK : Locale.FRANCE);
            euros.setCurrency(java.util.Currency.getInstance("EUR"));
            if (r.amount().monthly() != null) {
                out.println("<p>" + Page.t(locale, "Montant par mois complet : ", "Amount for a full month: ")
                        + "<strong>" + euros.format(r.amount().monthly()) + "</strong></p>");
            }
            out.println("<table><caption>" + Page.t(locale, "Ce que vous recevriez, mois par mois",
                    "What you would receive, month by month") + "</caption><thead><tr><th scope=\"col\">"
                    + Page.t(locale, "Mois", "Month") + "</th><th scope=\"col\">" + Page.t(locale, "Montant", "Amount")
                    + "</th></tr></thead><tbody>");
            DateTimeFormatter month = DateTimeFormatter.ofPattern("MMMM yyyy", locale);
            for (Installment i : r.amount().installments()) {
                out.println("<tr><td>" + Html.esc(month.format(YearMonth.parse(i.period()))) + "</td><td>"
                        + euros.format(i.amount()) + "</td></tr>");
            }
            out.println("</tbody><tfoot><tr><th scope=\"row\">" + Page.t(locale, "Total", "Total") + "</th><td>"
                    + euros.format(r.amount().total()) + "</td></tr></tfoot></table>");
            out.println("<details><summary>" + Page.t(locale, "Comment ce montant est calculé",
                    "How this amount is worked out") + "</summary><ul>");
            for (var line : r.amount().lines()) {
                out.println("<li>" + Html.esc(line.label()) + " : " + euros.format(line.amount()) + "</li>");
            }
            out.println("</ul></details>");
        } else {
            out.println("<p class=\"verdict no\">" + Page.t(locale, "D'après vos réponses, vous ne pouvez pas avoir cette aide, pour "
                    + (r.reasons().size() > 1 ? "ces raisons :" : "cette raison :"),
                    "From your answers, you cannot get this aid, for " + (r.reasons().size() > 1 ? "these reasons:" : "this reason:"))
                    + "</p><ul>");
            for (Reason reason : r.reasons()) {
                out.println("<li>" + Html.esc(reason.message()) + "</li>");
            }
            out.println("</ul><p>" + Page.t(locale, "Si une réponse est fausse, corrigez-la ci-dessous. En cas de doute, "
                    + "votre organisme de formation ou votre Mission locale peut vous aider.",
                    "If an answer is wrong, correct it below. If in doubt, your training organisation or Mission locale"
                            + " can help you.") + "</p>");
        }
        out.println("<h3>" + Page.t(locale, "Les papiers qu'il faudra donner", "The papers you will need") + "</h3><ul class=\"documents\">");
        for (RequiredDocument doc : r.requiredDocuments()) {
            out.println("<li><strong>" + Html.esc(doc.label()) + "</strong> — " + Html.esc(doc.why()) + "</li>");
        }
        out.println("</ul><p class=\"small\">" + Page.t(locale, "Calculé avec les règles de l'aide, version ",
                "Worked out with the aid's rules, version ") + Html.esc(r.scheme().version()) + ".</p></section>");
    }

    static NumberFormat euros(Locale locale) {
        NumberFormat euros = NumberFormat.getCurrencyInstance(locale.getLanguage().equals("en") ? Locale.UK : Locale.FRANCE);
        euros.setCurrency(java.util.Currency.getInstance("EUR"));
        return euros;
    }
}
