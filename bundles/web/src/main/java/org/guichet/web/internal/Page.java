package org.guichet.web.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** The frame every page shares: language, security headers, header and footer, skip link. */
final class Page {
    private Page() { }

    static Locale locale(HttpServletRequest req) {
        String lang = req.getParameter("lang");
        return "en".equalsIgnoreCase(lang) ? Locale.ENGLISH : Locale.FRENCH;
    }

    /** "?lang=en" (or "&lang=en") to keep English across links and forms; empty in French. */
    static String langQuery(Locale locale, String separator) {
        return "en".equals(locale.getLanguage()) ? separator + "lang=en" : "";
    }

    static String t(Locale locale, String fr, String en) {
        return "en".equals(locale.getLanguage()) ? en : fr;
    }

    static void start(HttpServletResponse resp, int status, Locale locale, String title) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=UTF-8");
        resp.setHeader("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; form-action 'self'");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setHeader("X-Frame-Options", "DENY");
        PrintWriter out = resp.getWriter();
        String lang = locale.getLanguage().equals("en") ? "en" : "fr";
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">");
        out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        out.println("<title>" + Html.esc(title) + " — Guichet</title>");
        out.println("<link rel=\"stylesheet\" href=\"/static/guichet.css\"></head><body>");
        out.println("<a class=\"skip\" href=\"#contenu\">" + t(locale, "Aller au contenu", "Skip to content") + "</a>");
        out.println("<header><p class=\"brand\"><a href=\"/" + (lang.equals("en") ? "?lang=en" : "") + "\">Guichet</a>"
                + " <span>" + t(locale, "des aides régionales", "regional aids") + "</span></p>");
        out.println("<nav aria-label=\"" + t(locale, "Menu", "Menu") + "\"><ul><li><a href=\"/mes-demandes"
                + langQuery(locale, "?") + "\">" + t(locale, "Mon espace", "My space") + "</a></li><li><a href=\"?lang="
                + (lang.equals("en") ? "fr\" lang=\"fr\">Français" : "en\" lang=\"en\">English") + "</a></li></ul></nav></header>");
        out.println("<main id=\"contenu\"><h1>" + Html.esc(title) + "</h1>");
    }

    /** A 404 page in the visitor's language: what is missing, and the way back to the open aids. */
    static void notFound(HttpServletResponse resp, Locale locale, String titleFr, String titleEn, String textFr,
            String textEn) throws IOException {
        start(resp, 404, locale, t(locale, titleFr, titleEn));
        PrintWriter out = resp.getWriter();
        out.println("<p>" + t(locale, textFr, textEn) + " <a href=\"/" + langQuery(locale, "?") + "\">"
                + t(locale, "Voir les aides ouvertes", "See the open aids") + "</a></p>");
        end(out, locale);
    }

    static void end(PrintWriter out, Locale locale) {
        out.println("</main><footer><p>" + t(locale,
                "Besoin d'aide ? Votre organisme de formation, votre Mission locale ou les agents de la Région peuvent"
                        + " vous accompagner.",
                "Need help? Your training organisation, your Mission locale or the Region's agents can help you.")
                + "</p></footer></body></html>");
    }
}
