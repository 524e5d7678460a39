package org.guichet.web.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.Choice;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;
import org.guichet.api.scheme.Installment;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.Reason;
import org.guichet.api.scheme.RequiredDocument;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeUnavailableException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The simulator of one scheme, with no account: the scheme's questions (from its descriptor, with their help),
 * then the answer of its rules — eligible or not and why, the amount month by month, the documents and why each
 * is asked. Plain HTML forms: it works without JavaScript. The evaluation is the same service the API uses.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("guichet-simulator")
@HttpWhiteboardServletPattern("/aides/*")
public class SimulatorServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SchemeRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EvaluationService evaluation;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Locale locale = Page.locale(req);
        Optional<SchemeDescriptor> d = descriptor(req);
        if (d.isEmpty()) {
            notFound(resp, locale);
            return;
        }
        render(resp, locale, d.get(), Map.of(), Map.of(), null);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        req.setCharacterEncoding("UTF-8");
        Locale locale = Page.locale(req);
        Optional<SchemeDescriptor> d = descriptor(req);
        EvaluationService service = evaluation;
        if (d.isEmpty() || service == null) {
            notFound(resp, locale);
            return;
        }
        SchemeDescriptor scheme = d.get();
        Map<String, Object> typed = new LinkedHashMap<>();
        Map<String, Object> answers = new LinkedHashMap<>();
        for (FieldDefinition f : scheme.fields()) {
            String value = req.getParameter(f.name());
            if (value != null && !value.isBlank()) {
                typed.put(f.name(), value.trim());
                answers.put(f.name(), f.type() == FieldType.DATE ? FrenchDates.toIso(value.trim()) : value.trim());
            }
        }
        try {
            Evaluation result = service.evaluate(scheme.id(), scheme.version(), answers, locale);
            render(resp, locale, scheme, typed, Map.of(), result);
        } catch (InvalidAnswersException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (AnswerError error : e.errors()) {
                String message = "INVALID_DATE".equals(error.code())
                        ? FrenchDates.invalidMessage(scheme.field(error.field()), locale) : error.message();
                errors.putIfAbsent(error.field(), message);
            }
            resp.setStatus(400);
            render(resp, locale, scheme, typed, errors, null);
        } catch (SchemeNotFoundException | SchemeUnavailableException e) {
            notFound(resp, locale);
        }
    }

    private Optional<SchemeDescriptor> descriptor(HttpServletRequest req) {
        String path = req.getPathInfo();
        SchemeRegistry r = registry;
        if (r == null || path == null || !path.matches("/[a-z0-9-]+")) {
            return Optional.empty();
        }
        return r.activeDescriptor(path.substring(1), null);
    }

    private static void notFound(HttpServletResponse resp, Locale locale) throws IOException {
        Page.notFound(resp, locale, "Aide introuvable", "Aid not found",
                "Cette aide n'existe pas ou n'est pas ouverte en ce moment.",
                "This aid does not exist or is not open at the moment.");
    }

    private void render(HttpServletResponse resp, Locale locale, SchemeDescriptor d, Map<String, Object> answers,
            Map<String, String> errors, Evaluation result) throws IOException {
        String title = Page.t(locale, "Simulation : ", "Simulation: ") + d.title().in(locale);
        if (!errors.isEmpty()) {
            title = Page.t(locale, "Erreur — ", "Error — ") + title;
        }
        Page.start(resp, errors.isEmpty() ? 200 : 400, locale, title);
        PrintWriter out = resp.getWriter();
        if (d.description() != null) {
            out.println("<p class=\"lead\">" + Html.esc(d.description().in(locale)) + "</p>");
        }
        out.println("<p>" + Page.t(locale, "Sans compte : rien de ce que vous répondez ici n'est enregistré.",
                "No account needed: nothing you answer here is saved.") + "</p>");
        if (result != null) {
            renderResult(out, locale, result);
        }
        if (!errors.isEmpty()) {
            out.println("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"erreurs\"><h2>"
                    + Page.t(locale, "Il manque des réponses ou certaines sont à corriger",
                            "Some answers are missing or need correcting") + "</h2><ul>");
            errors.forEach((field, message) -> out.println("<li><a href=\"#" + Html.esc(field) + "\">"
                    + Html.esc(message) + "</a></li>"));
            out.println("</ul></div>");
        }
        out.println("<form method=\"post\" action=\"/aides/" + Html.esc(d.id()) + Page.langQuery(locale, "?")
                + "\" novalidate>");
        String step = null;
        for (FieldDefinition f : d.fields()) {
            if (f.step() != null && !f.step().equals(step)) {
                if (step != null) {
                    out.println("</div>");
                }
                step = f.step();
                out.println("<div class=\"step\">");
            }
            field(out, locale, f, answers.get(f.name()), errors.get(f.name()));
        }
        if (step != null) {
            out.println("</div>");
        }
        out.println("<p><button type=\"submit\">" + Page.t(locale, "Voir le résultat", "See the result")
                + "</button></p></form>");
        Page.end(out, locale);
    }

    private static void field(PrintWriter out, Locale locale, FieldDefinition f, Object value, String error) {
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

    private static void helpAndError(PrintWriter out, String id, String help, String error) {
        if (help != null) {
            out.println("<p class=\"help\" id=\"" + id + "-aide\">" + Html.esc(help) + "</p>");
        }
        if (error != null) {
            out.println("<p class=\"error\" id=\"" + id + "-erreur\">" + Html.esc(error) + "</p>");
        }
    }

    private static void renderResult(PrintWriter out, Locale locale, Evaluation r) {
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
}
