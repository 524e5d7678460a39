package org.guichet.web.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.Role;
import org.guichet.api.accounts.SessionGrant;
import org.guichet.api.error.GuichetException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Accounts for people: sign-up, activation from the mailed link, sign-in by password or by a code received by
 * mail (for those who struggle with passwords), forgotten password, sign-out. Plain forms, no JavaScript; every
 * form carries a CSRF value. The words of refusals come from the account service itself.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("guichet-accounts")
@HttpWhiteboardServletPattern("/compte/*")
public class AccountPages extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AccountService accounts;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Locale locale = Page.locale(req);
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        switch (path) {
            case "/inscription" -> signUp(req, resp, locale, Map.of(), Map.of());
            case "/activer" -> activate(req, resp, locale, false, Map.of());
            case "/connexion" -> signIn(req, resp, locale, Map.of(), null);
            case "/code" -> codeRequest(req, resp, locale, Map.of());
            case "/mot-de-passe-oublie" -> forgotten(req, resp, locale, Map.of(), false);
            case "/nouveau-mot-de-passe" -> reset(req, resp, locale, Map.of());
            default -> notFound(resp, locale);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        req.setCharacterEncoding("UTF-8");
        Locale locale = Page.locale(req);
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (!WebSession.csrfOk(req)) {
            Pages.csrfRefused(req, resp, locale);
            return;
        }
        AccountService a = accounts;
        if (a == null) {
            Pages.unavailable(resp, locale);
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String p : new String[] {"email", "displayName", "code", "jeton"}) {
            if (req.getParameter(p) != null) {
                values.put(p, req.getParameter(p));
            }
        }
        try {
            switch (path) {
                case "/inscription" -> {
                    // her mails and letters in the language of the page she signs up on
                    a.signUp(req.getParameter("email"), req.getParameter("password"), req.getParameter("displayName"),
                            locale.getLanguage());
                    Page.start(resp, 200, locale, Page.t(locale, "Regardez vos courriels", "Check your mail"));
                    PrintWriter out = resp.getWriter();
                    out.println("<p>" + Page.t(locale, "Votre compte est créé. Pour l'ouvrir, ouvrez le lien que nous"
                            + " venons d'envoyer à ", "Your account is created. To open it, follow the link we just sent to ")
                            + "<strong>" + Html.esc(req.getParameter("email")) + "</strong>.</p>");
                    out.println("<p>" + Page.t(locale, "Rien reçu ? Regardez dans les courriers indésirables, ou ",
                            "Nothing received? Look in your spam folder, or ") + "<a href=\"/compte/code"
                            + Page.langQuery(locale, "?") + "\">" + Page.t(locale, "recevez un code de connexion",
                            "get a sign-in code") + "</a>.</p>");
                    Page.end(out, locale);
                }
                case "/activer" -> {
                    String password = req.getParameter("password");
                    try {
                        a.activate(req.getParameter("jeton"), password == null || password.isEmpty() ? null : password);
                    } catch (GuichetException e) {
                        if ("PASSWORD_REQUIRED".equals(e.code())) {
                            activate(req, resp, locale, true, Map.of());
                            return;
                        }
                        if ("password".equals(e.field())) {
                            activate(req, resp, locale, true, Map.of("password", Messages.of(locale, e)));
                            return;
                        }
                        throw e;
                    }
                    resp.sendRedirect("/compte/connexion?active=1" + Page.langQuery(locale, "&"));
                }
                case "/connexion" -> {
                    SessionGrant g = a.signIn(req.getParameter("email"), req.getParameter("password"));
                    WebSession.open(req, resp, g);
                    resp.sendRedirect(home(g) + Page.langQuery(locale, "?"));
                }
                case "/code" -> {
                    a.sendSignInCode(req.getParameter("email"));
                    codeEntry(req, resp, locale, Map.of());
                }
                case "/code/saisie" -> {
                    try {
                        SessionGrant g = a.signInWithCode(req.getParameter("email"), req.getParameter("code"));
                        WebSession.open(req, resp, g);
                        resp.sendRedirect(home(g) + Page.langQuery(locale, "?"));
                    } catch (GuichetException e) {
                        codeEntry(req, resp, locale, Map.of("code", Messages.of(locale, e)));
                    }
                }
                case "/mot-de-passe-oublie" -> {
                    a.requestPasswordReset(req.getParameter("email"));
                    forgotten(req, resp, locale, Map.of(), true);
                }
                case "/nouveau-mot-de-passe" -> {
                    a.resetPassword(req.getParameter("jeton"), req.getParameter("password"));
                    resp.sendRedirect("/compte/connexion?nouveau=1" + Page.langQuery(locale, "&"));
                }
                case "/deconnexion" -> {
                    a.signOut(WebSession.cookie(req, WebSession.SESSION));
                    WebSession.close(req, resp);
                    resp.sendRedirect("/" + Page.langQuery(locale, "?"));
                }
                default -> notFound(resp, locale);
            }
        } catch (GuichetException e) {
            String field = e.field() == null || !java.util.Set.of("email", "password", "displayName", "code")
                    .contains(e.field()) ? "" : e.field();
            Map<String, String> errors = Map.of(field, Messages.of(locale, e));
            switch (path) {
                case "/inscription" -> signUp(req, resp, locale, errors, values);
                case "/activer" -> activate(req, resp, locale, false, errors);
                case "/connexion" -> signIn(req, resp, locale, errors, values.get("email"));
                case "/code" -> codeRequest(req, resp, locale, errors);
                case "/mot-de-passe-oublie" -> forgotten(req, resp, locale, errors, false);
                case "/nouveau-mot-de-passe" -> reset(req, resp, locale, errors);
                default -> Pages.error(resp, locale, e);
            }
        }
    }

    private static String home(SessionGrant g) {
        if (g.account().has(Role.AGENT) || g.account().has(Role.SUPERVISOR)) {
            return "/instruction";
        }
        return "/mes-demandes";
    }

    private void signUp(HttpServletRequest req, HttpServletResponse resp, Locale locale, Map<String, String> errors,
            Map<String, String> values) throws IOException {
        PrintWriter out = Pages.form(req, resp, locale, errors, "Créer mon compte", "Create my account", "/compte/inscription");
        out.println("<p>" + Page.t(locale, "Pas besoin de compte pour savoir si vous avez droit à une aide : ",
                "You need no account to find out whether you can get an aid: ") + "<a href=\"/" + Page.langQuery(locale, "?")
                + "\">" + Page.t(locale, "faites une simulation", "try a simulation") + "</a>.</p>");
        Inputs.text(out, "displayName", Page.t(locale, "Votre prénom et votre nom", "Your first and last name"), null,
                values.get("displayName"), errors.get("displayName"), "text", "name");
        Inputs.text(out, "email", Page.t(locale, "Votre adresse électronique", "Your email address"),
                Page.t(locale, "Nous y enverrons un lien pour ouvrir le compte, puis les nouvelles de vos demandes.",
                        "We will send a link to open the account there, then news of your applications."),
                values.get("email"), errors.get("email"), "email", "email");
        Inputs.text(out, "password", Page.t(locale, "Choisissez un mot de passe", "Choose a password"),
                Page.t(locale, "Au moins 12 caractères. Le plus simple : quatre mots qui n'ont rien à voir entre eux,"
                        + " séparés par des espaces, par exemple « jardin violet sous la pluie ». Vous pourrez aussi vous"
                        + " connecter sans mot de passe, avec un code reçu par courriel.",
                        "At least 12 characters. Simplest: four unrelated words separated by spaces. You can also sign"
                                + " in without a password, with a code sent by email."),
                null, errors.get("password"), "password", "new-password");
        Pages.submit(out, locale, "Créer mon compte", "Create my account");
        out.println("<p>" + Page.t(locale, "Déjà un compte ? ", "Already have an account? ") + "<a href=\"/compte/connexion"
                + Page.langQuery(locale, "?") + "\">" + Page.t(locale, "Se connecter", "Sign in") + "</a></p>");
        Page.end(out, locale);
    }

    private void activate(HttpServletRequest req, HttpServletResponse resp, Locale locale, boolean askPassword,
            Map<String, String> errors) throws IOException {
        String token = req.getParameter("jeton");
        PrintWriter out = Pages.form(req, resp, locale, errors, "Ouvrir mon compte", "Open my account", "/compte/activer");
        out.println("<input type=\"hidden\" name=\"jeton\" value=\"" + Html.esc(token) + "\">");
        if (askPassword) {
            Inputs.text(out, "password", Page.t(locale, "Choisissez un mot de passe", "Choose a password"),
                    Page.t(locale, "Au moins 12 caractères : par exemple quatre mots sans rapport entre eux.",
                            "At least 12 characters: for example four unrelated words."), null, errors.get("password"),
                    "password", "new-password");
        } else {
            out.println("<p>" + Page.t(locale, "Confirmez que cette adresse est bien la vôtre.",
                    "Confirm that this address is yours.") + "</p>");
        }
        Pages.submit(out, locale, "Ouvrir mon compte", "Open my account");
        Page.end(out, locale);
    }

    private void signIn(HttpServletRequest req, HttpServletResponse resp, Locale locale, Map<String, String> errors,
            String email) throws IOException {
        PrintWriter out = Pages.form(req, resp, locale, errors, "Se connecter", "Sign in", "/compte/connexion");
        if (req.getParameter("active") != null) {
            Inputs.notice(out, Page.t(locale, "Votre compte est ouvert : connectez-vous.", "Your account is open: sign in."));
        }
        if (req.getParameter("nouveau") != null) {
            Inputs.notice(out, Page.t(locale, "Votre nouveau mot de passe est enregistré.", "Your new password is saved."));
        }
        Inputs.text(out, "email", Page.t(locale, "Adresse électronique", "Email address"), null, email,
                errors.get("email"), "email", "email");
        Inputs.text(out, "password", Page.t(locale, "Mot de passe", "Password"), null, null, errors.get("password"),
                "password", "current-password");
        Pages.submit(out, locale, "Se connecter", "Sign in");
        out.println("<ul class=\"links\"><li><a href=\"/compte/code" + Page.langQuery(locale, "?") + "\">"
                + Page.t(locale, "Se connecter sans mot de passe, avec un code reçu par courriel",
                        "Sign in without a password, with a code sent by email") + "</a></li>");
        out.println("<li><a href=\"/compte/mot-de-passe-oublie" + Page.langQuery(locale, "?") + "\">"
                + Page.t(locale, "Mot de passe oublié", "Forgotten password") + "</a></li>");
        out.println("<li><a href=\"/compte/inscription" + Page.langQuery(locale, "?") + "\">"
                + Page.t(locale, "Créer un compte", "Create an account") + "</a></li></ul>");
        Page.end(out, locale);
    }

    private void codeRequest(HttpServletRequest req, HttpServletResponse resp, Locale locale, Map<String, String> errors)
            throws IOException {
        PrintWriter out = Pages.form(req, resp, locale, errors, "Recevoir un code de connexion", "Get a sign-in code",
                "/compte/code");
        out.println("<p>" + Page.t(locale, "Nous vous envoyons un code à six chiffres : pas de mot de passe à retenir.",
                "We send you a six-digit code: no password to remember.") + "</p>");
        Inputs.text(out, "email", Page.t(locale, "Votre adresse électronique", "Your email address"), null,
                req.getParameter("email"), errors.get("email"), "email", "email");
        Pages.submit(out, locale, "Recevoir le code", "Send me the code");
        Page.end(out, locale);
    }

    private void codeEntry(HttpServletRequest req, HttpServletResponse resp, Locale locale, Map<String, String> errors)
            throws IOException {
        PrintWriter out = Pages.form(req, resp, locale, errors, "Saisir le code reçu", "Enter the code you received",
                "/compte/code/saisie");
        out.println("<p>" + Page.t(locale, "Si un compte existe avec l'adresse ", "If an account exists for ")
                + "<strong>" + Html.esc(req.getParameter("email")) + "</strong>" + Page.t(locale,
                        ", un code vient d'y être envoyé. Il est valable 15 minutes.",
                        ", a code was just sent there. It is valid for 15 minutes.") + "</p>");
        out.println("<input type=\"hidden\" name=\"email\" value=\"" + Html.esc(req.getParameter("email")) + "\">");
        Inputs.text(out, "code", Page.t(locale, "Code à six chiffres", "Six-digit code"), null, null, errors.get("code"),
                "text", "one-time-code");
        Pages.submit(out, locale, "Se connecter", "Sign in");
        Page.end(out, locale);
    }

    private void forgotten(HttpServletRequest req, HttpServletResponse resp, Locale locale, Map<String, String> errors,
            boolean sent) throws IOException {
        PrintWriter out = Pages.form(req, resp, locale, errors, "Mot de passe oublié", "Forgotten password",
                "/compte/mot-de-passe-oublie");
        if (sent) {
            Inputs.notice(out, Page.t(locale, "Si un compte existe avec cette adresse, un lien pour choisir un nouveau mot"
                    + " de passe vient d'y être envoyé.", "If an account exists for this address, a link to choose a new"
                    + " password was just sent there."));
        }
        Inputs.text(out, "email", Page.t(locale, "Votre adresse électronique", "Your email address"), null,
                req.getParameter("email"), errors.get("email"), "email", "email");
        Pages.submit(out, locale, "Recevoir un lien", "Send me a link");
        Page.end(out, locale);
    }

    private void reset(HttpServletRequest req, HttpServletResponse resp, Locale locale, Map<String, String> errors)
            throws IOException {
        PrintWriter out = Pages.form(req, resp, locale, errors, "Choisir un nouveau mot de passe", "Choose a new password",
                "/compte/nouveau-mot-de-passe");
        out.println("<input type=\"hidden\" name=\"jeton\" value=\"" + Html.esc(req.getParameter("jeton")) + "\">");
        Inputs.text(out, "password", Page.t(locale, "Nouveau mot de passe", "New password"),
                Page.t(locale, "Au moins 12 caractères : par exemple quatre mots sans rapport entre eux.",
                        "At least 12 characters: for example four unrelated words."), null, errors.get("password"),
                "password", "new-password");
        Pages.submit(out, locale, "Enregistrer", "Save");
        Page.end(out, locale);
    }

    private static void notFound(HttpServletResponse resp, Locale locale) throws IOException {
        Page.notFound(resp, locale, "Page introuvable", "Page not found", "Cette page n'existe pas.",
                "This page does not exist.");
    }
}
