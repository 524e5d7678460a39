package org.guichet.web.internal;

import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.SchemeDeployment;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRef;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeState;
import org.junit.jupiter.api.Test;

/** The scheme kit on the pages: the preview banner and the date of the simulator; zip and promotion for admins only. */
class SchemeKitPagesTest {
    static final String CSRF = SchemeDeployGateTest.CSRF;

    static SchemeInfo version(String v, SchemeState state) {
        return new SchemeInfo("driving-licence", v, state, new LocalizedText("Aide au permis", null), 12,
                "org.guichet.scheme.driving-licence", v, null, 300L, List.of(), List.of(), LocalDate.of(2027, 9, 1),
                null);
    }

    @Test
    void theStaffSimulatorOfAPreviewSaysSo() {
        String preview = render("simulator.jte", "ui", Samples.ui(Locale.FRENCH), "d", Samples.scheme(), "answers",
                Map.of(), "errors", Map.of(), "preview", true, "date", "01/09/2027");
        assertTrue(preview.contains("Version en prévisualisation — réservée au personnel, jamais proposée aux demandeurs"),
                preview);
        assertTrue(preview.contains("name=\"date-simulation\" value=\"01/09/2027\""), preview);
        String applicant = render("simulator.jte", "ui", Samples.ui(Locale.FRENCH), "d", Samples.scheme(), "answers",
                Map.of(), "errors", Map.of());
        assertFalse(applicant.contains("prévisualisation"), applicant);
        assertTrue(applicant.contains("<label for=\"date-simulation\">"), "the date has its label");
        // the staff try the preview in a test dossier from its banner; applicants are never offered one
        assertTrue(preview.contains("action=\"/mes-demandes/essai\"") && preview.contains("name=\"_csrf\"")
                && preview.contains("name=\"schemeId\" value=\"" + Samples.scheme().id() + "\""), preview);
        assertTrue(preview.contains("Ouvrir un dossier de test sur cette version"), preview);
        assertFalse(applicant.contains("/mes-demandes/essai") || applicant.contains("dossier de test"), applicant);
    }

    @Test
    void theAdminSeesAPromoteButtonOnPreviewsOnly() {
        List<SchemeInfo> schemes = List.of(version("1.0.0", SchemeState.ACTIVE), version("1.1.0", SchemeState.PREVIEW));
        String html = render("admin/schemes.jte", "ui", Samples.ui(Locale.FRENCH), "schemes", schemes, "admin", true,
                "secondFactor", true, "errors", Map.of());
        assertEquals(1, html.split("action=\"/admin/dispositifs/promotion#suite\"", -1).length - 1, html);
        assertTrue(html.contains("name=\"version\" value=\"1.1.0\""), html);
        assertTrue(html.contains("En prévisualisation (personnel seulement)"), html);
        assertTrue(html.contains("en vigueur du "), "the dates in force are shown: " + html);
        assertTrue(html.contains("action=\"/admin/dispositifs/zip#suite\""), "the zip form");
        assertTrue(html.contains("name=\"mode\" value=\"preview\" checked"), "preview by default");
        String supervisor = render("admin/schemes.jte", "ui", Samples.ui(Locale.FRENCH), "schemes", schemes, "admin",
                false, "errors", Map.of());
        assertFalse(supervisor.contains("/promotion"), "a directorate sees the states, not the button");
        assertFalse(supervisor.contains("/zip"), supervisor);
    }

    record Answer(int status, String body, List<String> calls) { }

    /**
     * A POST to the schemes page through the pipeline and the servlet, as a browser would send it (CSRF cookie and
     * field; multipart but for the promotion); {@code calls} says what reached the file and the rules engine.
     */
    static Answer post(Caller caller, String path, Map<String, String> params) throws Exception {
        return send("POST", caller, path, params);
    }

    /**
     * The registry of a scheme (vocational-training) whose only version is a PREVIEW: served to staff, to nobody else
     * (as the rules engine's version choice does, tested in VersionChoiceTest).
     */
    static SchemeRegistry previewOnly() {
        SchemeInfo preview = new SchemeInfo("vocational-training", "1.1.0", SchemeState.PREVIEW, null, 12,
                "org.guichet.scheme.vocational-training", "1.1.0", null, 300L, List.of(), List.of(), null, null);
        return new SchemeRegistry() {
            @Override public List<SchemeInfo> list() { return List.of(preview); }
            @Override public Optional<SchemeInfo> info(String id, String v) { return Optional.of(preview); }
            @Override public Optional<org.guichet.api.scheme.SchemeDescriptor> activeDescriptor(String id, String v) {
                return Optional.empty();
            }
            @Override public Optional<SchemeInfo> served(String id, String v, LocalDate date,
                    org.guichet.api.scheme.Audience audience) {
                return audience.sees(preview.state()) ? Optional.of(preview) : Optional.empty();
            }
            @Override public Optional<org.guichet.api.scheme.SchemeDescriptor> descriptor(String id, String v,
                    LocalDate date, org.guichet.api.scheme.Audience audience) {
                return served(id, v, date, audience).map(i -> Samples.scheme());
            }
        };
    }

    static Answer send(String method, Caller caller, String path, Map<String, String> params) throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        Portal portal = new Portal();
        SchemeDeployGateTest.set(portal, "accounts", SchemeDeployGateTest.proxy(AccountService.class,
                (m, a) -> "authenticate".equals(m) ? Optional.ofNullable(caller) : null));
        SchemeDeployGateTest.set(portal, "registry", previewOnly());
        SchemeDeployGateTest.set(portal, "context", SchemeDeployGateTest.proxy(org.osgi.framework.BundleContext.class,
                (m, a) -> null));
        SchemeDeployGateTest.set(portal, "deployment", new SchemeDeployment() {
            @Override public SchemeRef deployPackage(InputStream zip, String expectedId, boolean preview, String actor) {
                calls.add("deploy");
                return new SchemeRef("driving-licence", "1.1.0");
            }
            @Override public boolean promote(String id, String version, String actor) {
                calls.add("promote " + id + " " + version + " " + actor);
                return true;
            }
        });
        Map<String, Object> attributes = new HashMap<>();
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(SchemeKitPagesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> path;
                    case "getContextPath" -> "";
                    case "getContentType" -> path.endsWith("/promotion") ? "application/x-www-form-urlencoded"
                            : "multipart/form-data; boundary=x";
                    case "getCharacterEncoding" -> "UTF-8";
                    case "getRemoteAddr" -> "192.0.2.7";
                    case "isSecure" -> false;
                    case "getCookies" -> new Cookie[] {new Cookie(WebSession.CSRF, CSRF),
                            new Cookie(WebSession.SESSION, "session-token")};
                    case "getParameter" -> WebSession.CSRF_FIELD.equals(a[0]) ? CSRF : params.get((String) a[0]);
                    case "getPart", "getParts" -> {
                        calls.add("read the file");
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
                SchemeKitPagesTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (p, m, a) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status.set((Integer) a[0]);
                        yield null;
                    }
                    case "sendRedirect" -> {
                        status.set(303);
                        yield null;
                    }
                    case "getWriter" -> writer;
                    case "isCommitted" -> false;
                    default -> null;
                });
        PortalServlet servlet = new PortalServlet(portal);
        new WebPipeline(portal, HttpsBehindProxyTest.config(0)).doFilter(req, resp,
                (rq, rs) -> servlet.service((HttpServletRequest) rq, (HttpServletResponse) rs));
        writer.flush();
        return new Answer(status.get(), body.toString(), calls);
    }

    @Test
    void theSimulatorOfAPreviewIsForStaffOnly() throws Exception {
        Answer agent = send("GET", with(Set.of(Role.AGENT), true), "/aides/vocational-training", Map.of());
        assertEquals(200, agent.status(), agent.body());
        assertTrue(agent.body().contains("réservée au personnel, jamais proposée aux demandeurs"), agent.body());
        Answer applicant = send("GET", with(Set.of(Role.APPLICANT), false), "/aides/vocational-training", Map.of());
        assertEquals(404, applicant.status(), applicant.body());
        Answer mediator = send("GET", with(Set.of(Role.MEDIATOR), false), "/aides/vocational-training", Map.of());
        assertEquals(404, mediator.status(), mediator.body());
        Answer anonymous = send("GET", null, "/aides/vocational-training", Map.of());
        assertEquals(404, anonymous.status(), anonymous.body());
    }

    static Caller with(Set<Role> roles, boolean secondFactor) {
        return new Caller(1001L, "adele@region.example", "Adèle", roles, null, Set.of(), null, secondFactor);
    }

    @Test
    void onlyAnAdminWithTheSecondFactorUploadsAZipOrPromotes() throws Exception {
        Map<String, String> promotion = Map.of("scheme", "driving-licence", "version", "1.1.0");
        for (Caller refused : List.of(with(Set.of(Role.SUPERVISOR), true), with(Set.of(Role.AGENT), true),
                with(Set.of(Role.APPLICANT), true), with(Set.of(Role.ADMIN), false))) {
            Answer zip = post(refused, "/admin/dispositifs/zip", Map.of());
            assertEquals(403, zip.status(), refused.roles() + " " + zip.body());
            Answer promote = post(refused, "/admin/dispositifs/promotion", promotion);
            assertEquals(403, promote.status(), refused.roles() + " " + promote.body());
            assertEquals(List.of(), zip.calls(), "the file is not even read");
            assertEquals(List.of(), promote.calls());
        }
        Caller admin = with(Set.of(Role.ADMIN), true);
        Answer zip = post(admin, "/admin/dispositifs/zip", Map.of());
        assertEquals(400, zip.status(), "past the gate, no file: said so");
        assertTrue(zip.body().contains("Choisissez le fichier .zip"), zip.body());
        Answer promote = post(admin, "/admin/dispositifs/promotion", promotion);
        assertEquals(303, promote.status(), promote.body());
        assertEquals(List.of("promote driving-licence 1.1.0 account 1001"), promote.calls());
    }
}
