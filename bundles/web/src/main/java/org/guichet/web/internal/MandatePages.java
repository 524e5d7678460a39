package org.guichet.web.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.error.GuichetException;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.mandates.MandateService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The page the mandate mail links to: the applicant says yes with one button (the link itself proves her mailbox; no
 * account or password needed). Opening the link changes nothing; only the button does.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("guichet-mandates")
@HttpWhiteboardServletPattern("/mandats/*")
public class MandatePages extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MandateService mandates;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Locale l = Page.locale(req);
        if (!"/accepter".equals(req.getPathInfo())) {
            Page.notFound(resp, l, "Page introuvable", "Page not found", "Cette page n'existe pas.", "No such page.");
            return;
        }
        form(req, resp, l, Map.of());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        req.setCharacterEncoding("UTF-8");
        Locale l = Page.locale(req);
        if (!WebSession.csrfOk(req)) {
            Pages.csrfRefused(req, resp, l);
            return;
        }
        MandateService m = mandates;
        if (m == null) {
            Pages.unavailable(resp, l);
            return;
        }
        try {
            Mandate mandate = m.acceptWithToken(req.getParameter("jeton"));
            Page.start(resp, 200, l, Page.t(l, "C'est d'accord", "Agreed"));
            PrintWriter out = resp.getWriter();
            out.println("<p>" + Html.esc(mandate.mediator().displayName()) + Page.t(l, " peut maintenant préparer et envoyer vos"
                    + " demandes d'aide avec vous. Vous verrez tout ce qui est fait pour vous dans votre espace, et vous pouvez"
                    + " retirer cette autorisation à tout moment.", " can now prepare and send your aid applications with you."
                    + " You will see everything done for you in your space, and you can withdraw this at any time.") + "</p>");
            out.println("<p><a href=\"/compte/code" + Page.langQuery(l, "?") + "\">" + Page.t(l, "Me connecter avec un code"
                    + " reçu par courriel", "Sign in with a code sent by email") + "</a></p>");
            Page.end(out, l);
        } catch (GuichetException e) {
            form(req, resp, l, Map.of("", Messages.of(l, e)));
        }
    }

    private static void form(HttpServletRequest req, HttpServletResponse resp, Locale l, Map<String, String> errors)
            throws IOException {
        PrintWriter out = Pages.form(req, resp, l, errors, "Accepter l'aide d'un conseiller ou d'une conseillère",
                "Accept help from a counsellor", "/mandats/accepter");
        out.println("<input type=\"hidden\" name=\"jeton\" value=\"" + Html.esc(req.getParameter("jeton")) + "\">");
        out.println("<p>" + Page.t(l, "En acceptant, vous permettez à la personne qui vous accompagne (organisme de formation"
                + " ou Mission locale) de préparer et d'envoyer vos demandes d'aide à la Région avec vous. Elle ne voit que"
                + " vos demandes, et vous pouvez retirer cette autorisation quand vous voulez.", "By accepting, you let the"
                + " person who helps you prepare and send your aid applications with you. They only see your"
                + " applications, and you can withdraw this whenever you want.") + "</p>");
        Pages.submit(out, l, "J'accepte", "I accept");
        Page.end(out, l);
    }
}
