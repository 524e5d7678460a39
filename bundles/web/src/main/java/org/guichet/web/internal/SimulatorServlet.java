package org.guichet.web.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;
import org.guichet.api.scheme.InvalidAnswersException;
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
            Forms.result(out, locale, result);
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
            Forms.field(out, locale, f, answers.get(f.name()), errors.get(f.name()));
        }
        if (step != null) {
            out.println("</div>");
        }
        out.println("<p><button type=\"submit\">" + Page.t(locale, "Voir le résultat", "See the result")
                + "</button></p></form>");
        Page.end(out, locale);
    }

}
