package org.guichet.web.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.guichet.api.accounts.Role;
import org.guichet.api.accounts.SecondFactorEnrolment;
import org.guichet.api.accounts.SessionGrant;
import org.guichet.api.error.GuichetException;
import org.guichet.api.limits.RateLimits;
import org.guichet.api.scheme.AnswerError;

/**
 * Accounts for people (/compte): sign-up, activation from the mailed link, sign-in by password or by a code received
 * by mail (for those who struggle with passwords), forgotten password, sign-out. Plain forms, no JavaScript; each
 * lands on what happened (#suite, or #fait after a redirect). The refusals are the account service's, in the page's
 * words by their code; sign-up's come all at once.
 */
final class AccountPages {
    static final List<String> SIGN_UP = List.of("displayName", "email", "password");
    static final List<String> SIGN_IN = List.of("email", "password");
    static final List<String> EMAIL = List.of("email");
    static final List<String> PASSWORD = List.of("password");
    static final List<String> CODE = List.of("code");

    private final Portal portal;

    AccountPages(Portal portal) {
        this.portal = portal;
    }

    void signUpForm(Exchange x) throws IOException {
        x.render(200, "account/signUp.jte", "values", Map.of(), "errors", Map.of());
    }

    void signUp(Exchange x) throws IOException {
        portal.limit(x.req(), RateLimits.SIGN_UP);
        String email = x.param("email");
        String name = x.param("displayName");
        try {
            // her mails and letters in the language of the page she signs up on
            portal.accounts().applyForAccount(email, x.req().getParameter("password"), name,
                    x.ui().locale().getLanguage());
        } catch (GuichetException e) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("displayName", name);
            values.put("email", email);
            x.render(400, "account/signUp.jte", "values", values, "errors", errors(x.ui(), e, SIGN_UP));
            return;
        }
        x.render(200, "account/checkMail.jte", "email", email);
    }

    void activateForm(Exchange x) throws IOException {
        // the link proves the mailbox, not a password chosen at sign-up (someone else may have signed up with this
        // address): the person chooses hers here, which may be the same
        x.render(200, "account/activate.jte", "token", x.param("jeton"), "askPassword", true, "errors", Map.of());
    }

    void activate(Exchange x) throws IOException {
        portal.limit(x.req(), RateLimits.LINK);
        String token = x.param("jeton");
        String password = x.req().getParameter("password");
        try {
            portal.accounts().activate(token, password == null || password.isEmpty() ? null : password);
        } catch (GuichetException e) {
            if ("PASSWORD_REQUIRED".equals(e.code())) {
                // no password was given: the person chooses one here
                x.render(200, "account/activate.jte", "token", token, "askPassword", true, "errors", Map.of());
            } else {
                x.render(400, "account/activate.jte", "token", token, "askPassword", "password".equals(e.field()),
                        "errors", errors(x.ui(), e, PASSWORD));
            }
            return;
        }
        x.redirect("/compte/connexion?fait=active#fait");
    }

    void signInForm(Exchange x) throws IOException {
        String done = x.param("fait");
        x.render(200, "account/signIn.jte", "errors", Map.of(), "franceConnect", portal.franceConnectOrNull() != null,
                "done", "active".equals(done) || "nouveau".equals(done) ? x.ui().t("account.signIn.done." + done) : null);
    }

    void signIn(Exchange x) throws IOException {
        portal.limit(x.req(), RateLimits.SIGN_IN);
        String email = x.param("email");
        SessionGrant grant;
        try {
            grant = portal.accounts().signIn(email, x.req().getParameter("password"));
        } catch (GuichetException e) {
            x.render(400, "account/signIn.jte", "email", email, "errors", errors(x.ui(), e, SIGN_IN), "franceConnect",
                    portal.franceConnectOrNull() != null);
            return;
        }
        signedIn(x, grant);
    }

    /**
     * A session, or for staff the second step: no session cookie yet, the page of the second factor with the ticket
     * in a hidden field (never in an address), shown in answer to the sign-in form.
     */
    private void signedIn(Exchange x, SessionGrant grant) throws IOException {
        if (grant.secondStep() == null) {
            WebSession.open(x.req(), x.resp(), grant);
            x.redirect(home(grant));
            return;
        }
        String ticket = grant.secondStep().ticket();
        if (grant.secondStep().enrol()) {
            enrolPage(x, 200, ticket, Map.of());
        } else {
            x.render(200, "account/secondFactorVerify.jte", "ticket", ticket, "errors", Map.of());
        }
    }

    private void enrolPage(Exchange x, int status, String ticket, Map<String, String> errors) throws IOException {
        SecondFactorEnrolment e = portal.accounts().secondFactorEnrolment(ticket);
        x.render(status, "account/secondFactorEnrol.jte", "ticket", ticket, "qr", QrCodes.dataUri(e.otpauthUri()),
                "secret", e.grouped(), "errors", errors);
    }

    /** The second step: a code of the app, or a recovery code (its own page, asked by a button). */
    void secondFactor(Exchange x) throws IOException {
        portal.limit(x.req(), RateLimits.CODE_SIGN_IN);
        String ticket = x.param("ticket");
        boolean recovery = x.param("secours") != null;
        SessionGrant grant;
        try {
            grant = portal.accounts().verifySecondFactor(ticket, x.param("code"));
        } catch (GuichetException e) {
            if ("SECOND_STEP_INVALID".equals(e.code())) {
                stepOver(x, e);
                return;
            }
            x.render(400, "account/secondFactorVerify.jte", "ticket", ticket, "recovery", recovery, "errors",
                    errors(x.ui(), e, CODE, "code"));
            return;
        }
        WebSession.open(x.req(), x.resp(), grant);
        x.redirect(home(grant));
    }

    void recoveryForm(Exchange x) throws IOException {
        x.render(200, "account/secondFactorVerify.jte", "ticket", x.param("ticket"), "recovery", true, "errors",
                Map.of());
    }

    /** Enrolment: the first code of the new secret; then the recovery codes, shown this once. */
    void enrol(Exchange x) throws IOException {
        portal.limit(x.req(), RateLimits.CODE_SIGN_IN);
        String ticket = x.param("ticket");
        SessionGrant grant;
        try {
            grant = portal.accounts().verifySecondFactor(ticket, x.param("code"));
        } catch (GuichetException e) {
            if ("SECOND_STEP_INVALID".equals(e.code())) {
                stepOver(x, e);
                return;
            }
            try {
                enrolPage(x, 400, ticket, errors(x.ui(), e, CODE, "code"));
            } catch (GuichetException gone) {
                stepOver(x, gone);
            }
            return;
        }
        WebSession.open(x.req(), x.resp(), grant);
        if (grant.recoveryCodes() == null) {
            x.redirect(home(grant));
            return;
        }
        x.render(200, "account/recoveryCodes.jte", "codes", grant.recoveryCodes(), "next", home(grant));
    }

    /** The ticket is over (used, too old): back to the sign-in form, saying so. */
    private static void stepOver(Exchange x, GuichetException e) throws IOException {
        x.render(400, "account/signIn.jte", "errors", errors(x.ui(), e, SIGN_IN));
    }

    void codeRequestForm(Exchange x) throws IOException {
        x.render(200, "account/codeRequest.jte", "email", x.param("email"), "errors", Map.of());
    }

    void codeRequest(Exchange x) throws IOException {
        portal.limit(x.req(), RateLimits.CODE_REQUEST);
        String email = x.param("email");
        try {
            portal.accounts().sendSignInCode(email);
        } catch (GuichetException e) {
            x.render(400, "account/codeRequest.jte", "email", email, "errors", errors(x.ui(), e, EMAIL));
            return;
        }
        x.render(200, "account/codeEntry.jte", "email", email, "errors", Map.of());
    }

    void codeEntry(Exchange x) throws IOException {
        portal.limit(x.req(), RateLimits.CODE_SIGN_IN);
        String email = x.param("email");
        SessionGrant grant;
        try {
            grant = portal.accounts().signInWithCode(email, x.param("code"));
        } catch (GuichetException e) {
            x.render(400, "account/codeEntry.jte", "email", email, "errors", errors(x.ui(), e, CODE, "code"));
            return;
        }
        signedIn(x, grant);
    }

    void forgottenForm(Exchange x) throws IOException {
        x.render(200, "account/forgotten.jte", "errors", Map.of(), "sent", "envoye".equals(x.param("fait")));
    }

    void forgotten(Exchange x) throws IOException {
        portal.limit(x.req(), RateLimits.RESET_REQUEST);
        String email = x.param("email");
        try {
            portal.accounts().requestPasswordReset(email);
        } catch (GuichetException e) {
            x.render(400, "account/forgotten.jte", "email", email, "errors", errors(x.ui(), e, EMAIL));
            return;
        }
        x.redirect("/compte/mot-de-passe-oublie?fait=envoye#fait");
    }

    void resetForm(Exchange x) throws IOException {
        x.render(200, "account/reset.jte", "token", x.param("jeton"), "errors", Map.of());
    }

    void reset(Exchange x) throws IOException {
        portal.limit(x.req(), RateLimits.LINK);
        String token = x.param("jeton");
        try {
            portal.accounts().resetPassword(token, x.req().getParameter("password"));
        } catch (GuichetException e) {
            x.render(400, "account/reset.jte", "token", token, "errors", errors(x.ui(), e, PASSWORD));
            return;
        }
        x.redirect("/compte/connexion?fait=nouveau#fait");
    }

    static final List<String> CHANGE = List.of("currentPassword", "newPassword");

    /** A signed-in person changes her password, giving the current one again. */
    void changeForm(Exchange x) throws IOException {
        x.caller(); // signed in first
        String done = "change".equals(x.param("fait")) ? x.ui().t("account.change.done") : null;
        x.render(200, "account/changePassword.jte", "errors", Map.of(), "done", done);
    }

    void change(Exchange x) throws IOException {
        x.caller();
        try {
            portal.accounts().changePassword(WebSession.cookie(x.req(), WebSession.SESSION),
                    x.req().getParameter("currentPassword"), x.req().getParameter("newPassword"));
        } catch (GuichetException e) {
            if ("ACCOUNT_LOCKED".equals(e.code()) || "SESSION_ENDED".equals(e.code())) {
                throw e; // not a mistake in the form: the refusal page says what to do
            }
            x.render(e.kind().status(), "account/changePassword.jte", "errors", errors(x.ui(), e, CHANGE, "currentPassword"));
            return;
        }
        x.redirect("/compte/mot-de-passe?fait=change#fait");
    }

    void signOut(Exchange x) throws IOException {
        portal.accounts().signOut(WebSession.cookie(x.req(), WebSession.SESSION));
        WebSession.close(x.req(), x.resp());
        // signed in with FranceConnect: signed out there too (end_session), which sends her back here
        java.net.URI atProvider = FranceConnectPages.logout(portal, x);
        if (atProvider != null) {
            x.resp().sendRedirect(atProvider.toString());
            return;
        }
        x.redirect("/");
    }

    /**
     * Where a person lands once signed in: her space, at its content (the fragment is explicit, else the browser
     * would keep the sign-in form's #suite through the redirect).
     */
    static String home(SessionGrant g) {
        if (g.account().has(Role.AGENT) || g.account().has(Role.SUPERVISOR)) {
            return "/instruction#contenu";
        }
        if (g.account().has(Role.MEDIATOR) && g.account().organisationId() != null) {
            return OrganisationPages.PATH + "#contenu";
        }
        if (g.account().has(Role.DIRECTORATE)) {
            return ObservatoryPage.PATH + "#contenu";
        }
        return "/mes-demandes#contenu";
    }

    static Map<String, String> errors(Ui ui, GuichetException e, List<String> fields) {
        return errors(ui, e, fields, null);
    }

    /**
     * A refusal as the form's errors, in the order of its fields: every problem the service listed (sign-up gives
     * them all at once), else the refusal itself on its field. A problem about no field of this form (an expired
     * link) is listed first, unlinked; {@code fallback} is the field it belongs to instead, when there is one.
     */
    static Map<String, String> errors(Ui ui, GuichetException e, List<String> fields, String fallback) {
        if ("RATE_LIMITED".equals(e.code())) {
            throw e; // not a mistake in the form: the servlet answers 429 with Retry-After and a page that says so
        }
        Map<String, String> found = new LinkedHashMap<>();
        if (e.errors() != null) {
            for (Object item : e.errors()) {
                if (item instanceof AnswerError a) {
                    found.putIfAbsent(place(a.field(), fields, fallback),
                            ui.error(GuichetException.invalid(a.code(), a.field(), a.message())));
                }
            }
        }
        if (found.isEmpty()) {
            found.put(place(e.field(), fields, fallback), ui.error(e));
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        if (found.containsKey("")) {
            ordered.put("", found.get(""));
        }
        for (String f : fields) {
            if (found.containsKey(f)) {
                ordered.put(f, found.get(f));
            }
        }
        return ordered;
    }

    private static String place(String field, List<String> fields, String fallback) {
        if (field != null && fields.contains(field)) {
            return field;
        }
        return fallback == null ? "" : fallback;
    }
}
