package org.guichet.web.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeState;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** The home page: the aid schemes open today, in plain words, with no account needed. */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("guichet-home")
@HttpWhiteboardServletPattern("/")
public class HomeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SchemeRegistry registry;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/".equals(req.getRequestURI())) {
            Page.notFound(resp, Page.locale(req), "Page introuvable", "Page not found", "Cette page n'existe pas.",
                    "This page does not exist.");
            return;
        }
        Locale locale = Page.locale(req);
        Page.start(resp, 200, locale, Page.t(locale, "Les aides de la Région", "The Region's aids"));
        PrintWriter out = resp.getWriter();
        out.println("<p class=\"lead\">" + Page.t(locale,
                "Vous pouvez savoir si vous avez droit à une aide, combien vous recevriez et quels papiers il faudra,"
                        + " sans créer de compte.",
                "Find out whether you can get an aid, how much you would receive and which papers you will need,"
                        + " without creating an account.") + "</p>");
        SchemeRegistry r = registry;
        List<SchemeDescriptor> open = r == null ? List.of() : r.list().stream()
                .filter(i -> i.state() == SchemeState.ACTIVE).map(SchemeInfo::id).distinct()
                .map(id -> r.activeDescriptor(id, null).orElse(null)).filter(d -> d != null)
                .collect(Collectors.toList());
        if (open.isEmpty()) {
            out.println("<p role=\"status\">" + Page.t(locale, "Aucune aide n'est ouverte pour le moment. Revenez bientôt.",
                    "No aid is open at the moment. Please come back soon.") + "</p>");
        } else {
            out.println("<h2>" + Page.t(locale, "Aides ouvertes", "Open aids") + "</h2>");
            out.println("<ul class=\"schemes\">");
            for (SchemeDescriptor d : open) {
                out.println("<li class=\"scheme\"><h3>" + Html.esc(d.title().in(locale)) + "</h3>");
                if (d.summary() != null) {
                    out.println("<p>" + Html.esc(d.summary().in(locale)) + "</p>");
                }
                out.println("<p class=\"who\">" + Html.esc(who(d, locale)) + "</p>");
                out.println("<p><a class=\"button\" href=\"/aides/" + Html.esc(d.id()) + Page.langQuery(locale, "?")
                        + "\">" + Page.t(locale, "Faire une simulation", "Try the simulator")
                        + "<span class=\"visually-hidden\"> : " + Html.esc(d.title().in(locale)) + "</span></a></p></li>");
            }
            out.println("</ul>");
        }
        Page.end(out, locale);
    }

    private static String who(SchemeDescriptor d, Locale locale) {
        boolean applicant = d.filers().contains("APPLICANT");
        boolean mediator = d.filers().contains("MEDIATOR");
        if (applicant && mediator) {
            return Page.t(locale, "Vous pouvez faire la demande vous-même ou avec l'aide de votre organisme de formation.",
                    "You can apply yourself or with the help of your training organisation.");
        }
        if (mediator) {
            return Page.t(locale, "La demande est faite avec votre conseillère ou conseiller de Mission locale.",
                    "The application is made with your Mission locale counsellor.");
        }
        return Page.t(locale, "Vous faites la demande vous-même.", "You apply yourself.");
    }
}
