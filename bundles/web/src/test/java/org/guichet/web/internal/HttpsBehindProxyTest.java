package org.guichet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

/** Secure cookies and HSTS: over HTTPS, or behind a proxy of etc/ that says so; never because a client says so. */
class HttpsBehindProxyTest {
    record Answer(Map<String, List<String>> headers) {
        String header(String name) {
            List<String> v = headers.get(name);
            return v == null ? null : String.join("\n", v);
        }
    }

    static WebPipeline.Config config(long hsts) {
        return (WebPipeline.Config) Proxy.newProxyInstance(WebPipeline.Config.class.getClassLoader(),
                new Class<?>[] {WebPipeline.Config.class}, (p, m, a) -> switch (m.getName()) {
                    case "hsts_max_age" -> hsts;
                    case "annotationType" -> WebPipeline.Config.class;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /**
     * The portal's gate with a rate limits service whose trusted proxies are these (the list itself is the rate limits
     * component's, tested in guichet-dossiers: TrustedProxiesTest, RateLimitsTest).
     */
    static Portal behind(String... trusted) {
        Portal portal = new Portal();
        java.util.Set<String> proxies = java.util.Set.of(trusted);
        portal.bindLimitsForTest(new org.guichet.api.limits.RateLimits() {
            @Override
            public void hit(String action, Scope scope, String subject) { }

            @Override
            public String clientAddress(String remoteAddr, String forwardedFor) {
                return remoteAddr;
            }

            @Override
            public boolean fromTrustedProxy(String remoteAddr) {
                return proxies.contains(remoteAddr);
            }
        });
        return portal;
    }

    /** A GET through the pipeline whose page opens a session (as signing in does); the headers of the answer. */
    static Answer get(WebPipeline pipeline, boolean secure, String remote, String forwardedProto) throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(HttpsBehindProxyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "isSecure" -> secure;
                    case "getRemoteAddr" -> remote;
                    case "getHeader" -> "X-Forwarded-Proto".equalsIgnoreCase((String) a[0]) ? forwardedProto : null;
                    case "getCharacterEncoding" -> "UTF-8";
                    case "getRequestURI" -> "/compte/connexion";
                    case "getParameter", "getCookies" -> null;
                    case "setAttribute" -> attributes.put((String) a[0], a[1]);
                    case "getAttribute" -> attributes.get((String) a[0]);
                    default -> null;
                });
        Map<String, List<String>> headers = new HashMap<>();
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(HttpsBehindProxyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "setHeader" -> headers.put((String) a[0], new ArrayList<>(List.of((String) a[1])));
                        case "addHeader" -> headers.computeIfAbsent((String) a[0], k -> new ArrayList<>()).add((String) a[1]);
                        default -> { }
                    }
                    return null;
                });
        pipeline.doFilter(req, resp, (rq, rs) -> WebSession.open((HttpServletRequest) rq, (HttpServletResponse) rs,
                new org.guichet.api.accounts.SessionGrant("tok", java.time.Instant.now().plusSeconds(3600),
                        java.time.Instant.now().plusSeconds(36000), null)));
        return new Answer(headers);
    }

    @Test
    void behindATrustedProxySayingHttpsTheCookieIsSecureAndHstsSent() throws Exception {
        WebPipeline pipeline = new WebPipeline(behind("10.1.2.3", "127.0.0.1"), config(31_536_000));
        Answer a = get(pipeline, false, "10.1.2.3", "https");
        assertTrue(a.header("Set-Cookie").contains("; Secure"), a.header("Set-Cookie"));
        assertTrue(a.header("Set-Cookie").contains("; HttpOnly; SameSite=Lax"), a.header("Set-Cookie"));
        assertTrue(a.header("Set-Cookie").startsWith("__Host-guichet_session=tok; Path=/;"), a.header("Set-Cookie"));
        assertFalse(a.header("Set-Cookie").contains("Domain"), a.header("Set-Cookie"));
        assertEquals("max-age=31536000", a.header("Strict-Transport-Security"));
    }

    @Test
    void theHeaderFromAnyoneElseIsIgnored() throws Exception {
        WebPipeline pipeline = new WebPipeline(behind("10.1.2.3"), config(31_536_000));
        Answer a = get(pipeline, false, "192.0.2.7", "https");
        assertFalse(a.header("Set-Cookie").contains("Secure"), a.header("Set-Cookie"));
        assertNull(a.header("Strict-Transport-Security"));
        assertTrue(a.header("Set-Cookie").startsWith("guichet_session="), "no __Host- prefix without Secure");
        Answer plain = get(pipeline, false, "10.1.2.3", "http");
        assertFalse(plain.header("Set-Cookie").contains("Secure"), plain.header("Set-Cookie"));
    }

    @Test
    void overHttpsItselfTheCookieIsSecureAndHstsSent() throws Exception {
        Answer a = get(new WebPipeline(behind(), config(31_536_000)), true, "192.0.2.7", null);
        assertTrue(a.header("Set-Cookie").contains("; Secure"), a.header("Set-Cookie"));
        assertTrue(a.header("Set-Cookie").startsWith("__Host-guichet_session="), a.header("Set-Cookie"));
        assertEquals("max-age=31536000", a.header("Strict-Transport-Security"));
    }

    @Test
    void overHttpsAPlainNamedCookieIsNotRead() {
        java.util.Map<String, Object> attributes = new java.util.HashMap<>(java.util.Map.of(WebPipeline.HTTPS, true));
        javax.servlet.http.Cookie[] planted = {new javax.servlet.http.Cookie("guichet_csrf", "planted-by-a-sub-domain-0123456789")};
        javax.servlet.http.HttpServletRequest req = (javax.servlet.http.HttpServletRequest) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {javax.servlet.http.HttpServletRequest.class},
                        (p, m, args) -> switch (m.getName()) {
                            case "getCookies" -> planted;
                            case "getAttribute" -> attributes.get((String) args[0]);
                            case "isSecure" -> true;
                            default -> null;
                        });
        assertNull(WebSession.cookie(req, WebSession.CSRF), "only __Host-guichet_csrf is read over HTTPS");
        planted[0] = new javax.servlet.http.Cookie("__Host-guichet_csrf", "set-by-this-host-0123456789");
        assertEquals("set-by-this-host-0123456789", WebSession.cookie(req, WebSession.CSRF));
    }

    @Test
    void onlyTheFirstForwardedProtoCounts() {
        assertTrue(WebPipeline.firstIsHttps("https, http"));
        assertFalse(WebPipeline.firstIsHttps("http, https"));
        assertFalse(WebPipeline.firstIsHttps(null));
    }

    @Test
    void withoutTheRateLimitsServiceNoProxyIsBelieved() throws Exception {
        Answer a = get(new WebPipeline(new Portal(), config(31_536_000)), false, "127.0.0.1", "https");
        assertFalse(a.header("Set-Cookie").contains("Secure"), a.header("Set-Cookie"));
    }
}
