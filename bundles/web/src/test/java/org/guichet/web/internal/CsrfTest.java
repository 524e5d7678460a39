package org.guichet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

/** A form posted from elsewhere (no CSRF value, or another one) is refused before any page runs. */
class CsrfTest {
    record Answer(int status, String body) { }

    static Answer post(String path, String cookie, String field) throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(CsrfTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> "POST";
                    case "getRequestURI" -> path;
                    case "getContextPath" -> "";
                    case "getCookies" -> cookie == null ? null : new Cookie[] {new Cookie(WebSession.CSRF, cookie)};
                    case "getParameter" -> WebSession.CSRF_FIELD.equals(a[0]) ? field
                            : "email".equals(a[0]) ? "lea@example.fr" : "password".equals(a[0]) ? "x" : null;
                    case "setAttribute" -> attributes.put((String) a[0], a[1]);
                    case "getAttribute" -> attributes.get((String) a[0]);
                    case "isSecure" -> false;
                    default -> null;
                });
        AtomicInteger status = new AtomicInteger(200);
        StringWriter body = new StringWriter();
        PrintWriter writer = new PrintWriter(body);
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(CsrfTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status.set((Integer) a[0]);
                        yield null;
                    }
                    case "getWriter" -> writer;
                    default -> null;
                });
        new PortalServlet(new Portal()).service(req, resp);
        writer.flush();
        return new Answer(status.get(), body.toString());
    }

    @Test
    void aPostWithoutTheFormsValueIsRefused() throws Exception {
        Answer none = post("/compte/connexion", null, null);
        assertEquals(403, none.status());
        Answer forged = post("/compte/connexion", "the-browser-s-own-value-123456", "a-value-the-attacker-chose-1234");
        assertEquals(403, forged.status());
        assertTrue(forged.body().contains("<h1"), forged.body());
    }

    @Test
    void theBrowsersOwnValueGoesThrough() throws Exception {
        // past the check, the page needs the account service, which is not there: 503, not 403
        Answer ok = post("/compte/connexion", "the-browser-s-own-value-123456", "the-browser-s-own-value-123456");
        assertEquals(503, ok.status(), ok.body());
    }
}
