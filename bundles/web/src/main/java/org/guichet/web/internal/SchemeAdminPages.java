package org.guichet.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.Part;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.api.scheme.SchemeRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * For directorates and admins: every installed scheme version with its state, test results and errors; and, for
 * admins only, deploying a scheme bundle from a file. The bundle is installed in the running portal like any other;
 * the scheme extender then compiles it, runs its test pack and makes it ACTIVE or FAILED with its errors.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("guichet-scheme-admin")
@HttpWhiteboardServletPattern("/admin/*")
@HttpWhiteboardServletMultipart(enabled = true, maxFileSize = 52_428_800L, maxRequestSize = 53_000_000L)
public class SchemeAdminPages extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String LOCATION = "guichet-upload:";

    private transient BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AccountService accounts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SchemeRegistry registry;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Locale l = Page.locale(req);
        Caller c = allowed(req, resp, l);
        if (c == null) {
            return;
        }
        if (!"/dispositifs".equals(req.getPathInfo())) {
            Page.notFound(resp, l, "Page introuvable", "Page not found", "Cette page n'existe pas.", "No such page.");
            return;
        }
        list(req, resp, l, c, null, req.getParameter("installe"));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Locale l = Page.locale(req);
        Caller c = allowed(req, resp, l);
        if (c == null) {
            return;
        }
        if (!WebSession.csrfOk(req)) {
            Pages.csrfRefused(req, resp, l);
            return;
        }
        if (!c.has(Role.ADMIN)) {
            list(req, resp, l, c, Page.t(l, "Seul un administrateur peut déployer un dispositif.",
                    "Only an admin can deploy a scheme."), null);
            return;
        }
        Path tmp = Files.createTempFile("scheme-", ".jar");
        try {
            Part part = req.getPart("file");
            if (part == null || part.getSize() == 0) {
                list(req, resp, l, c, Page.t(l, "Choisissez le fichier du dispositif (.jar).", "Choose the scheme's file (.jar)."), null);
                return;
            }
            try (InputStream in = part.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Manifest mf;
            try (JarInputStream jar = new JarInputStream(Files.newInputStream(tmp))) {
                mf = jar.getManifest();
            }
            String scheme = mf == null ? null : mf.getMainAttributes().getValue("Guichet-Scheme");
            String bsn = mf == null ? null : mf.getMainAttributes().getValue("Bundle-SymbolicName");
            if (scheme == null || bsn == null) {
                list(req, resp, l, c, Page.t(l, "Ce fichier n'est pas un dispositif Guichet : il lui manque l'en-tête"
                        + " Guichet-Scheme (un bundle construit depuis rules/<dispositif>).", "This file is not a Guichet"
                        + " scheme: it lacks the Guichet-Scheme header."), null);
                return;
            }
            String location = LOCATION + bsn.split(";")[0].strip();
            Bundle existing = context.getBundle(location);
            try (InputStream in = Files.newInputStream(tmp)) {
                if (existing != null) {
                    existing.update(in);
                } else {
                    Bundle b = context.installBundle(location, in);
                    b.start();
                }
            }
            resp.sendRedirect("/admin/dispositifs?installe=" + java.net.URLEncoder.encode(scheme,
                    java.nio.charset.StandardCharsets.UTF_8) + Page.langQuery(l, "&"));
        } catch (BundleException e) {
            list(req, resp, l, c, Page.t(l, "Le dispositif n'a pas pu être installé : ", "The scheme could not be installed: ")
                    + e.getMessage(), null);
        } catch (IllegalStateException | ServletException e) {
            list(req, resp, l, c, Page.t(l, "L'envoi n'a pas abouti (fichier trop lourd ?).", "The upload failed (file too"
                    + " large?)."), null);
        } catch (java.util.zip.ZipException e) {
            list(req, resp, l, c, Page.t(l, "Ce fichier n'est pas un .jar lisible.", "This file is not a readable .jar."), null);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Caller allowed(HttpServletRequest req, HttpServletResponse resp, Locale l) throws IOException {
        if (accounts == null || registry == null) {
            Pages.unavailable(resp, l);
            return null;
        }
        Optional<Caller> c = WebSession.caller(req, accounts);
        if (c.isEmpty()) {
            Pages.signInFirst(req, resp, l);
            return null;
        }
        if (!c.get().has(Role.ADMIN) && !c.get().has(Role.SUPERVISOR)) {
            Page.start(resp, 403, l, Page.t(l, "Réservé aux directions et aux administrateurs", "Directorates and admins only"));
            PrintWriter out = resp.getWriter();
            out.println("<p><a href=\"/mes-demandes" + Page.langQuery(l, "?") + "\">" + Page.t(l, "Mon espace", "My space")
                    + "</a></p>");
            Page.end(out, l);
            return null;
        }
        return c.get();
    }

    private void list(HttpServletRequest req, HttpServletResponse resp, Locale l, Caller c, String error, String installed)
            throws IOException {
        String csrf = WebSession.hiddenField(req, resp);
        Page.start(resp, error == null ? 200 : 400, l, Page.t(l, "Les dispositifs d'aide", "The aid schemes"));
        PrintWriter out = resp.getWriter();
        if (error != null) {
            Inputs.errorSummary(out, l, java.util.Map.of("file", error));
        }
        if (installed != null) {
            Inputs.notice(out, Page.t(l, "Le dispositif « " + installed + " » est déposé : il est compilé puis testé ; son"
                    + " état apparaît ci-dessous (rechargez la page).", "The scheme " + installed + " is deployed: it is"
                    + " compiled then tested; its state shows below (reload the page)."));
        }
        out.println("<table><caption>" + Page.t(l, "Versions installées", "Installed versions") + "</caption><thead><tr>"
                + "<th scope=\"col\">" + Page.t(l, "Dispositif", "Scheme") + "</th><th scope=\"col\">Version</th>"
                + "<th scope=\"col\">" + Page.t(l, "État", "State") + "</th><th scope=\"col\">" + Page.t(l, "Tests", "Tests")
                + "</th><th scope=\"col\">" + Page.t(l, "Erreurs", "Errors") + "</th></tr></thead><tbody>");
        for (SchemeInfo i : registry.list()) {
            StringBuilder errors = new StringBuilder();
            for (SchemeProblem p : i.errors()) {
                errors.append("<li>").append(Html.esc(p.file() == null ? "" : p.file() + (p.line() != null && p.line() > 0 ? ":" + p.line() : "")
                        + " — ")).append(Html.esc(p.message())).append("</li>");
            }
            out.println("<tr><td>" + Html.esc(i.title() == null ? i.id() : i.title().in(l)) + "<br><span class=\"small\">"
                    + Html.esc(i.id()) + "</span></td><td>" + Html.esc(i.version()) + "</td><td class=\"scheme-state\">"
                    + Html.esc(i.state().name()) + "</td><td>" + i.testsPassed() + "/" + i.testResults().size() + "</td><td>"
                    + (errors.length() == 0 ? "—" : "<ul>" + errors + "</ul>") + "</td></tr>");
        }
        out.println("</tbody></table>");
        if (c.has(Role.ADMIN)) {
            out.println("<h2>" + Page.t(l, "Déployer une version", "Deploy a version") + "</h2><p>" + Html.esc(Page.t(l,
                    "Le fichier .jar construit par « mvn install » dans rules/<dispositif>. Une nouvelle version s'installe"
                    + " à côté des autres ; les demandes déjà ouvertes gardent la leur.", "The .jar built by mvn install in"
                    + " rules/<scheme>. A new version is installed beside the others; open applications keep theirs."))
                    + "</p><form method=\"post\" enctype=\"multipart/form-data\" action=\"/admin/dispositifs"
                    + Page.langQuery(l, "?") + "\">" + csrf + "<div class=\"field" + (error == null ? "" : " has-error")
                    + "\"><label for=\"file\">" + Page.t(l, "Fichier du dispositif (.jar)", "Scheme file (.jar)") + "</label>"
                    + "<input type=\"file\" id=\"file\" name=\"file\" accept=\".jar,application/java-archive\""
                    + (error == null ? "" : " aria-invalid=\"true\"") + "></div>");
            Pages.submit(out, l, "Déployer", "Deploy");
        }
        Page.end(out, l);
    }
}
