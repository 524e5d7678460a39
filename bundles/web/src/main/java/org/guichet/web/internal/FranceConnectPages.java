package org.guichet.web.internal;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.guichet.api.accounts.IdentityProvider;
import org.guichet.api.accounts.IdentitySignIn;
import org.guichet.api.accounts.SessionGrant;
import org.guichet.api.accounts.VerifiedIdentity;
import org.guichet.api.error.GuichetException;
import org.guichet.api.limits.RateLimits;

/**
 * Sign in with FranceConnect (/compte/franceconnect): the link of the sign-in page's button sends the browser to the
 * provider (a link, not a form: the pages' Content-Security-Policy allows forms to post only here, and a browser
 * applies it to a form's redirects); the provider sends it back to the callback, where every check of the OpenID
 * Connect client is made and the account service signs her in, creates her account, or asks her to prove the mailbox
 * of an account that has her address (a code is mailed; the identity waits here, server-side, under a ticket in a
 * hidden field). Every refusal has its page, in plain French, offering to try again or to sign in with a code.
 */
final class FranceConnectPages {
    static final String START = "/compte/franceconnect";
    static final String CALLBACK = "/compte/franceconnect/retour";
    static final String LINK = "/compte/franceconnect/lien";
    /** the browser binding of a started sign-in (HttpOnly, SameSite=Lax: sent back on the provider's redirect) */
    static final String BINDING = "guichet_fc";
    /** the ID token of the session, for the logout's id_token_hint */
    static final String ID_TOKEN = "guichet_fc_id";
    private static final Duration LINK_WAIT = Duration.ofMinutes(30);
    private static final int MAX_WAITING = 5_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Portal portal;
    /** identities waiting for the mailbox proof of the account with their address, by ticket */
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    private record Waiting(VerifiedIdentity identity, String idToken, String maskedEmail, Instant until) { }

    private final ApplicationSteps steps;

    FranceConnectPages(Portal portal, ApplicationSteps steps) {
        this.portal = portal;
        this.steps = steps;
    }

    private IdentityProvider provider() {
        IdentityProvider p = portal.franceConnectOrNull();
        if (p == null) {
            throw new Exchange.NotFound(); // switched off: these pages do not exist
        }
        return p;
    }

    /** The button: to the provider, with a fresh state, nonce and PKCE challenge. */
    void start(Exchange x) throws IOException {
        portal.limit(x.req(), RateLimits.SIGN_IN);
        IdentityProvider.Start start;
        try {
            start = provider().begin();
        } catch (GuichetException e) {
            refused(x, e);
            return;
        }
        WebSession.set(x.req(), x.resp(), BINDING, start.browserBinding(), 60L * 15);
        x.resp().setHeader("Cache-Control", "no-store");
        x.resp().sendRedirect(start.location().toString());
    }

    /** Back from the provider: checked, then signed in, created, or asked for the mailbox's code. */
    void callback(Exchange x) throws IOException {
        portal.limit(x.req(), RateLimits.SIGN_IN);
        IdentityProvider provider = provider();
        Map<String, String> params = new LinkedHashMap<>();
        for (Enumeration<String> names = x.req().getParameterNames(); names.hasMoreElements();) {
            String n = names.nextElement();
            params.put(n, x.req().getParameter(n));
        }
        String binding = WebSession.cookie(x.req(), BINDING);
        WebSession.set(x.req(), x.resp(), BINDING, "", 0);
        if (provider.isDataAccess(params)) {
            // she came back for her data (a step's block), not to sign in
            steps.fromFranceConnect(x, provider, params, binding);
            return;
        }
        IdentityProvider.Completion done;
        IdentitySignIn signIn;
        try {
            done = provider.complete(params, binding);
            signIn = portal.accounts().signInWithVerifiedIdentity(done.identity());
        } catch (GuichetException e) {
            if ("RATE_LIMITED".equals(e.code())) {
                throw e;
            }
            refused(x, e);
            return;
        }
        if (signIn.outcome() == IdentitySignIn.Outcome.LINK_NEEDED) {
            String ticket = keep(new Waiting(done.identity(), done.idToken(), signIn.maskedEmail(),
                    Instant.now().plus(LINK_WAIT)));
            x.render(200, "account/franceConnectLink.jte", "ticket", ticket, "maskedEmail", signIn.maskedEmail(),
                    "errors", Map.of());
            return;
        }
        open(x, signIn.grant(), done.idToken());
    }

    /** The mailed code proves the mailbox: the identity is linked to that account, and she is signed in. */
    void link(Exchange x) throws IOException {
        portal.limit(x.req(), RateLimits.CODE_SIGN_IN);
        String ticket = x.param("ticket");
        Waiting w = ticket == null ? null : waiting.get(ticket);
        if (w == null || w.until().isBefore(Instant.now())) {
            if (ticket != null) {
                waiting.remove(ticket);
            }
            refused(x, GuichetException.invalid("IDENTITY_LINK_EXPIRED", null, "Cette étape a expiré :"
                    + " reconnectez-vous avec FranceConnect."));
            return;
        }
        SessionGrant grant;
        try {
            grant = portal.accounts().linkVerifiedIdentity(w.identity(), x.param("code"));
        } catch (GuichetException e) {
            if ("INVALID_CODE".equals(e.code()) || "CODE_REQUIRED".equals(e.code())) {
                x.render(400, "account/franceConnectLink.jte", "ticket", ticket, "maskedEmail", w.maskedEmail(),
                        "errors", AccountPages.errors(x.ui(), e, AccountPages.CODE, "code"));
                return;
            }
            waiting.remove(ticket);
            refused(x, e);
            return;
        }
        waiting.remove(ticket);
        open(x, grant, w.idToken());
    }

    /** Where to sign out at the provider, if she signed in with it (and forgets the ID token). */
    static URI logout(Portal portal, Exchange x) {
        String idToken = WebSession.cookie(x.req(), ID_TOKEN);
        IdentityProvider p = portal.franceConnectOrNull();
        if (idToken == null) {
            return null;
        }
        WebSession.set(x.req(), x.resp(), ID_TOKEN, "", 0);
        try {
            return p == null ? null : p.logout(idToken);
        } catch (GuichetException unavailable) {
            return null; // signed out here at least
        }
    }

    private void open(Exchange x, SessionGrant grant, String idToken) throws IOException {
        WebSession.open(x.req(), x.resp(), grant);
        long seconds = Math.max(60, Duration.between(Instant.now(), grant.absoluteExpiry()).getSeconds());
        WebSession.set(x.req(), x.resp(), ID_TOKEN, idToken, seconds);
        x.redirect(AccountPages.home(grant));
    }

    private String keep(Waiting w) {
        if (waiting.size() >= MAX_WAITING) {
            waiting.values().removeIf(old -> old.until().isBefore(Instant.now()));
        }
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        waiting.put(ticket, w);
        return ticket;
    }

    /** The refusal's page: what happened, in plain words, and the two ways on. */
    private static void refused(Exchange x, GuichetException e) throws IOException {
        x.render(e.kind().status(), "account/franceConnectRefused.jte", "message", x.ui().error(e), "code", e.code());
    }
}
