package org.guichet.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.SessionGrant;

/**
 * The web session: the API's session token in an HttpOnly, SameSite=Lax cookie; and CSRF protection for every form
 * by double submission: a random value in its own cookie, repeated in a hidden field, compared on every POST (a
 * foreign site can make a browser post a form, not read or set this site's cookie).
 */
final class WebSession {
    static final String SESSION = "guichet_session";
    static final String CSRF = "guichet_csrf";
    static final String CSRF_FIELD = "_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebSession() { }

    /**
     * Over HTTPS (or behind a trusted proxy saying so) the cookies are named {@code __Host-…}: a browser accepts such a
     * cookie only from this very host, Secure, on Path=/ and without a Domain, so that a neighbouring sub-domain cannot
     * plant a session or a CSRF value (ASVS 3.3.3). Over plain HTTP (a developer's machine) the plain name is used, and
     * a plain-named cookie is never read over HTTPS.
     */
    static String named(HttpServletRequest req, String name) {
        return https(req) ? HOST_PREFIX + name : name;
    }

    static final String HOST_PREFIX = "__Host-";

    static String cookie(HttpServletRequest req, String name) {
        if (req.getCookies() == null) {
            return null;
        }
        String wanted = named(req, name);
        for (Cookie c : req.getCookies()) {
            if (wanted.equals(c.getName()) && c.getValue() != null && !c.getValue().isBlank()) {
                return c.getValue();
            }
        }
        return null;
    }

    static Optional<Caller> caller(HttpServletRequest req, AccountService accounts) {
        String token = cookie(req, SESSION);
        return token == null || accounts == null ? Optional.empty() : accounts.authenticate(token);
    }

    static void open(HttpServletRequest req, HttpServletResponse resp, SessionGrant grant) {
        long seconds = Math.max(60, Duration.between(Instant.now(), grant.absoluteExpiry()).getSeconds());
        set(req, resp, SESSION, grant.token(), seconds);
    }

    static void close(HttpServletRequest req, HttpServletResponse resp) {
        set(req, resp, SESSION, "", 0);
    }

    /** The CSRF value of this browser, created (and set as a cookie) on the first form it is shown. */
    static String csrf(HttpServletRequest req, HttpServletResponse resp) {
        Object already = req.getAttribute(CSRF);
        if (already != null) {
            return (String) already;
        }
        String value = cookie(req, CSRF);
        if (value == null || value.length() < 20) {
            byte[] b = new byte[24];
            RANDOM.nextBytes(b);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            set(req, resp, CSRF, value, 60L * 60 * 24 * 30);
        }
        req.setAttribute(CSRF, value);
        return value;
    }

    /** The form's value is the cookie's, compared in constant time. */
    static boolean csrfOk(HttpServletRequest req) {
        String cookie = cookie(req, CSRF);
        String field = req.getParameter(CSRF_FIELD);
        return cookie != null && field != null && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                field.getBytes(StandardCharsets.UTF_8));
    }

    static void set(HttpServletRequest req, HttpServletResponse resp, String name, String value, long maxAge) {
        resp.addHeader("Set-Cookie", named(req, name) + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
                + (https(req) ? "; Secure" : ""));
    }

    /** HTTPS as the pipeline judged it (a trusted proxy's X-Forwarded-Proto included), else the request's own. */
    static boolean https(HttpServletRequest req) {
        Object judged = req.getAttribute(WebPipeline.HTTPS);
        return judged instanceof Boolean b ? b : req.isSecure();
    }
}
