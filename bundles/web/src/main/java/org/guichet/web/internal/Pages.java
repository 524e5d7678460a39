package org.guichet.web.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.error.GuichetException;

/** Page pieces shared by the forms of the portal. */
final class Pages {
    private Pages() { }

    /** Starts a page holding one form: the title, the error summary, the form with its CSRF value. */
    static PrintWriter form(HttpServletRequest req, HttpServletResponse resp, Locale locale, Map<String, String> errors,
            String titleFr, String titleEn, String action) throws IOException {
        String csrf = WebSession.hiddenField(req, resp);
        String title = Page.t(locale, titleFr, titleEn);
        Page.start(resp, errors.isEmpty() ? 200 : 400, locale, errors.isEmpty() ? title : Page.t(locale, "Erreur — ", "Error — ") + title);
        PrintWriter out = resp.getWriter();
        Inputs.errorSummary(out, locale, errors);
        out.println("<form method=\"post\" action=\"" + Html.esc(action) + Page.langQuery(locale, "?") + "\" novalidate>");
        out.println(csrf);
        return out;
    }

    static void submit(PrintWriter out, Locale locale, String fr, String en) {
        out.println("<p><button type=\"submit\">" + Html.esc(Page.t(locale, fr, en)) + "</button></p></form>");
    }

    /** A small form with only a button (sign out, delete, take …), CSRF included. */
    static void button(PrintWriter out, HttpServletRequest req, HttpServletResponse resp, String action, String label,
            String extraClass) {
        out.println("<form method=\"post\" action=\"" + Html.esc(action) + "\" class=\"inline\">"
                + WebSession.hiddenField(req, resp) + "<button type=\"submit\"" + (extraClass == null ? ""
                : " class=\"" + extraClass + "\"") + ">" + Html.esc(label) + "</button></form>");
    }

    static void csrfRefused(HttpServletRequest req, HttpServletResponse resp, Locale locale) throws IOException {
        Page.start(resp, 403, locale, Page.t(locale, "Formulaire expiré", "Form expired"));
        PrintWriter out = resp.getWriter();
        out.println("<p>" + Page.t(locale, "Ce formulaire n'a pas pu être vérifié (il est peut-être trop ancien). Revenez"
                + " en arrière, rechargez la page, puis envoyez-le à nouveau.", "This form could not be checked (it may be"
                + " too old). Go back, reload the page, and send it again.") + "</p>");
        Page.end(out, locale);
    }

    static void unavailable(HttpServletResponse resp, Locale locale) throws IOException {
        Page.start(resp, 503, locale, Page.t(locale, "Service momentanément indisponible", "Service temporarily unavailable"));
        PrintWriter out = resp.getWriter();
        out.println("<p>" + Page.t(locale, "Le portail démarre ou se met à jour. Réessayez dans une minute : rien de ce que"
                + " vous avez enregistré n'est perdu.", "The portal is starting or updating. Try again in a minute: nothing"
                + " you saved is lost.") + "</p>");
        Page.end(out, locale);
    }

    /** A refusal as a page: its status from its kind, its message as the service wrote it. */
    static void error(HttpServletResponse resp, Locale locale, GuichetException e) throws IOException {
        int status = e.kind().status();
        Page.start(resp, status, locale, status == 404 ? Page.t(locale, "Introuvable", "Not found")
                : Page.t(locale, "Impossible pour le moment", "Not possible for now"));
        PrintWriter out = resp.getWriter();
        out.println("<p>" + Html.esc(Messages.of(locale, e)) + "</p><p><a href=\"/mes-demandes" + Page.langQuery(locale, "?")
                + "\">" + Page.t(locale, "Retour à mes demandes", "Back to my applications") + "</a></p>");
        Page.end(out, locale);
    }

    /** To the sign-in page, then back here. */
    static void signInFirst(HttpServletRequest req, HttpServletResponse resp, Locale locale) throws IOException {
        resp.sendRedirect("/compte/connexion" + Page.langQuery(locale, "?"));
    }
}
