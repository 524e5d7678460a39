package org.guichet.web.internal;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Plain form inputs with their label, help and error tied together (RGAA: labels, messages linked to fields). */
final class Inputs {
    private Inputs() { }

    /**
     * @param type         text, email, password
     * @param autocomplete the HTML autocomplete token (email, current-password, new-password, one-time-code, name)
     */
    static void text(PrintWriter out, String id, String label, String help, String value, String error, String type,
            String autocomplete) {
        String describedBy = (help == null ? "" : id + "-aide ") + (error == null ? "" : id + "-erreur");
        out.println("<div class=\"field" + (error == null ? "" : " has-error") + "\">");
        out.println("<label for=\"" + id + "\">" + Html.esc(label) + "</label>");
        if (help != null) {
            out.println("<p class=\"help\" id=\"" + id + "-aide\">" + Html.esc(help) + "</p>");
        }
        if (error != null) {
            out.println("<p class=\"error\" id=\"" + id + "-erreur\">" + Html.esc(error) + "</p>");
        }
        out.println("<input type=\"" + type + "\" id=\"" + id + "\" name=\"" + id + "\" value=\""
                + ("password".equals(type) ? "" : Html.esc(value)) + "\""
                + (autocomplete == null ? "" : " autocomplete=\"" + autocomplete + "\"")
                + ("one-time-code".equals(autocomplete) ? " inputmode=\"numeric\"" : "")
                + (describedBy.isBlank() ? "" : " aria-describedby=\"" + describedBy.trim() + "\"")
                + (error == null ? "" : " aria-invalid=\"true\"") + ">");
        out.println("</div>");
    }

    /** The list of errors at the top of a form, each a link to its field; focusable so it can be announced. */
    static void errorSummary(PrintWriter out, Locale locale, Map<String, String> errors) {
        if (errors.isEmpty()) {
            return;
        }
        out.println("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"erreurs\"><h2>"
                + Page.t(locale, "À corriger", "To correct") + "</h2><ul>");
        errors.forEach((field, message) -> out.println("<li>" + (field == null || field.isEmpty() ? Html.esc(message)
                : "<a href=\"#" + Html.esc(field) + "\">" + Html.esc(message) + "</a>") + "</li>"));
        out.println("</ul></div>");
    }

    static void notice(PrintWriter out, String text) {
        out.println("<div class=\"notice\" role=\"status\"><p>" + Html.esc(text) + "</p></div>");
    }
}
