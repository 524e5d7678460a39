package org.guichet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.scheme.SchemeRegistry;
import org.junit.jupiter.api.Test;

/**
 * Deploying a scheme from the web runs code on the server: an admin whose session was opened without the second
 * factor is refused before the file is even read, whatever the development switch of etc/ says (the switch only
 * decides whether staff sessions need the factor; this page always does).
 */
class SchemeDeployGateTest {
    static final String CSRF = "the-browser-s-own-value-123456";

    record Answer(int status, String body, boolean fileRead) { }

    static Answer upload(Caller caller) throws Exception {
        Portal portal = new Portal();
        set(portal, "accounts", proxy(AccountService.class, (m, a) -> "authenticate".equals(m)
                ? Optional.of(caller) : null));
        set(portal, "registry", proxy(SchemeRegistry.class, (m, a) -> "list".equals(m) ? List.of() : null));
        set(portal, "context", proxy(org.osgi.framework.BundleContext.class, (m, a) -> null));
        Map<String, Object> attributes = new HashMap<>();
        AtomicBoolean fileRead = new AtomicBoolean();
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(SchemeDeployGateTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> "POST";
                    case "getRequestURI" -> SchemeAdminPages.PATH;
                    case "getContextPath" -> "";
                    case "getContentType" -> "multipart/form-data; boundary=x";
                    case "getCharacterEncoding" -> "UTF-8";
                    case "getRemoteAddr" -> "192.0.2.7";
                    case "isSecure" -> false;
                    case "getCookies" -> new Cookie[] {new Cookie(WebSession.CSRF, CSRF),
                            new Cookie(WebSession.SESSION, "session-token")};
                    case "getParameter" -> WebSession.CSRF_FIELD.equals(a[0]) ? CSRF : null;
                    case "getPart", "getParts" -> {
                        fileRead.set(true);
                        yield null;
                    }
                    case "setAttribute" -> attributes.put((String) a[0], a[1]);
                    case "getAttribute" -> attributes.get((String) a[0]);
                    default -> null;
                });
        AtomicInteger status = new AtomicInteger(200);
        StringWriter body = new StringWriter();
        PrintWriter writer = new PrintWriter(body);
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(
                SchemeDeployGateTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (p, m, a) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status.set((Integer) a[0]);
                        yield null;
                    }
                    case "getWriter" -> writer;
                    case "isCommitted" -> false;
                    default -> null;
                });
        // through the pipeline (which finds who is signed in from the session cookie), then the servlet
        PortalServlet servlet = new PortalServlet(portal);
        new WebPipeline(portal, HttpsBehindProxyTest.config(0)).doFilter(req, resp,
                (rq, rs) -> servlet.service((HttpServletRequest) rq, (HttpServletResponse) rs));
        writer.flush();
        return new Answer(status.get(), body.toString(), fileRead.get());
    }

    static Caller admin(boolean secondFactor) {
        return new Caller(1001L, "adele@region.example", "Adèle", Set.of(Role.ADMIN), null, Set.of(), null,
                secondFactor);
    }

    @Test
    void anAdminWithoutTheSecondFactorIsRefusedBeforeTheFileIsRead() throws Exception {
        Answer refused = upload(admin(false));
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("second facteur"), refused.body());
        assertFalse(refused.fileRead(), "the upload is not even read");
        assertFalse(refused.body().contains("enctype=\"multipart/form-data\""), "and no upload form is offered");
    }

    @Test
    void anAdminWithTheSecondFactorGoesOnToTheFile() throws Exception {
        // past the gate, the page reads the file; there is none here: the page says so (400), not 403
        Answer ok = upload(admin(true));
        assertTrue(ok.fileRead(), ok.body());
        assertEquals(400, ok.status(), ok.body());
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> "toString".equals(m.getName()) ? type.getSimpleName() : answer.apply(m.getName(), a));
    }

    static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
