package org.guichet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.junit.jupiter.api.Test;

/**
 * Who may not open the organisation's space or the admins' organisations page: an applicant, an agent, an admin, a
 * mediator without an organisation are refused (403, a page in words) before any service is asked; a member of an
 * organisation's staff goes through the guard (here to a 503, the services being absent from this test).
 */
class OrganisationPagesRefusalTest {
    record Answer(int status, String body) { }

    static final List<String> SPACE = List.of("/organisation", "/organisation/inscriptions", "/organisation/presences",
            "/organisation/cle", "/organisation/collegues");

    static Answer get(String path, Caller caller) throws Exception {
        return get(new Portal(), path, caller, Map.of());
    }

    /** A GET of the portal's servlet, with these query parameters, as {@code caller} (null: nobody signed in). */
    static Answer get(Portal portal, String path, Caller caller, Map<String, String> query) throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(WebPipeline.UI, new Ui(Locale.FRENCH, path, () -> "csrf", () -> caller));
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> "GET";
                    case "getRequestURI" -> path;
                    case "getContextPath" -> "";
                    case "setAttribute" -> attributes.put((String) a[0], a[1]);
                    case "getAttribute" -> attributes.get((String) a[0]);
                    case "getParameter" -> query.get((String) a[0]);
                    case "getParameterNames" -> java.util.Collections.enumeration(query.keySet());
                    default -> m.getReturnType() == boolean.class ? Boolean.FALSE : null;
                });
        AtomicInteger status = new AtomicInteger(200);
        StringWriter body = new StringWriter();
        PrintWriter writer = new PrintWriter(body);
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status.set((Integer) a[0]);
                        yield null;
                    }
                    case "getWriter" -> writer;
                    default -> null;
                });
        new PortalServlet(portal).service(req, resp);
        writer.flush();
        return new Answer(status.get(), body.toString());
    }

    private static ClassLoader getClassLoader() {
        return OrganisationPagesRefusalTest.class.getClassLoader();
    }

    static Caller caller(Set<Role> roles, Long organisationId) {
        return new Caller(1001, "x@exemple.fr", "X", roles, organisationId, Set.of());
    }

    @Test
    void onlyAnOrganisationsStaffOpenItsSpace() throws Exception {
        for (Caller refused : List.of(caller(Set.of(Role.APPLICANT), null), caller(Set.of(Role.AGENT), null),
                caller(Set.of(Role.ADMIN), null), caller(Set.of(Role.MEDIATOR), null),
                caller(Set.of(Role.APPLICANT), 7L))) {
            for (String path : SPACE) {
                Answer a = get(path, refused);
                assertEquals(403, a.status(), refused.roles() + " on " + path);
                assertTrue(a.body().contains("Réservé au personnel des organisations partenaires"), a.body());
            }
        }
        for (String path : SPACE) {
            assertEquals(503, get(path, caller(Set.of(Role.MEDIATOR), 7L)).status(), "past the guard: " + path);
        }
    }

    @Test
    void onlyAdminsOpenTheOrganisationsPage() throws Exception {
        for (Caller refused : List.of(caller(Set.of(Role.MEDIATOR), 7L), caller(Set.of(Role.AGENT, Role.SUPERVISOR), null))) {
            Answer a = get("/admin/organisations", refused);
            assertEquals(403, a.status());
            assertTrue(a.body().contains("Réservé aux administrateurs"), a.body());
        }
        assertEquals(503, get("/admin/organisations", caller(Set.of(Role.ADMIN), null)).status());
    }
}
