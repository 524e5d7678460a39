package org.guichet.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import javax.servlet.ServletException;
import javax.servlet.http.Part;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.scheme.SchemeDeployment;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeRef;
import org.guichet.api.scheme.SchemeUnavailableException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * For directorates and admins (/admin/dispositifs): every installed scheme version with its state in words, its
 * test results and its errors (file:line); and, for admins only, deploying a scheme bundle from a file. The bundle is
 * installed in the running portal like any other; the scheme extender then compiles it, runs its test pack and makes
 * it ACTIVE or FAILED with its errors. After a deployment the page says which scheme was deployed from a code and the
 * scheme's id checked against the registry, never from text taken from the address.
 * <p>
 * Only jars signed with a key of the region's truststore are deployed from here ({@link SchemeTrust}), and only by
 * an admin whose session was opened with the second factor ({@link Caller#secondFactor()}), whatever the development
 * switch {@code staff.mfa.required} says: the file is refused before it is even read.
 */
final class SchemeAdminPages {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SchemeAdminPages.class);
    static final String LOCATION = "guichet-upload:";
    static final String PATH = "/admin/dispositifs";

    private final Portal portal;

    SchemeAdminPages(Portal portal) {
        this.portal = portal;
    }

    void list(Exchange x) throws IOException {
        Caller c = allowed(x);
        if (c == null) {
            return;
        }
        List<SchemeInfo> schemes = portal.registry().list();
        String done = done(x.ui(), schemes, x.param("fait"), x.param("dispositif"));
        show(x, c, 200, schemes, Map.of(), done);
    }

    /**
     * Who may change what applicants are served (deploy a jar or a zip, promote a preview): an admin whose session
     * was opened with the second factor. Null when refused (the page has answered).
     */
    private Caller deployer(Exchange x, String what) throws IOException {
        Caller c = allowed(x);
        if (c == null) {
            return null;
        }
        if (!c.has(Role.ADMIN) || c.assistance() != null) {
            refuse(x, c, 403, x.ui().t("admin.error.adminOnly"));
            return null;
        }
        if (!c.secondFactor()) {
            LOG.warn("Scheme {} by account {} refused: its session was opened without the second factor", what,
                    c.accountId());
            refuse(x, c, 403, x.ui().t("admin.error.secondFactor"));
            return null;
        }
        return c;
    }

    /**
     * A zip of a scheme's folder (no Maven): the rules engine builds the bundle, installs it, and the extender
     * compiles and tests it as any scheme. « Prévisualisation » (the default) makes it PREVIEW once tested.
     */
    void deployZip(Exchange x) throws IOException {
        Caller c = deployer(x, "zip upload");
        if (c == null) {
            return;
        }
        boolean preview = !"active".equals(x.param("mode"));
        try {
            Part part = x.req().getPart("zip");
            if (part == null || part.getSize() == 0) {
                refuse(x, c, 400, x.ui().t("admin.zip.error.noFile"), "zip");
                return;
            }
            SchemeRef ref;
            try (InputStream in = part.getInputStream()) {
                ref = portal.deployment().deployPackage(in, null, preview, "account " + c.accountId());
            }
            x.redirect(PATH + "?fait=" + (preview ? "zip-apercu" : "zip") + "&dispositif=" + ref.id() + "#fait");
        } catch (SchemeDeployment.PackageRefusedException e) {
            LOG.warn("Scheme zip from account {} refused: {} {}", c.accountId(), e.code(), e.getMessage());
            refuse(x, c, e.status(), e.getMessage(), "zip");
        } catch (IllegalStateException | ServletException e) {
            refuse(x, c, 413, x.ui().t("admin.error.tooLarge"), "zip");
        }
    }

    /** Makes a PREVIEW version ACTIVE for everyone; recorded (who, when) by the engine. Twice is harmless. */
    void promote(Exchange x) throws IOException {
        Caller c = deployer(x, "promotion");
        if (c == null) {
            return;
        }
        String scheme = x.param("scheme");
        String version = x.param("version");
        if (scheme == null || version == null || !scheme.matches("[a-z0-9-]{1,100}") || !version.matches("[0-9.]{1,40}")) {
            refuse(x, c, 400, x.ui().t("admin.promote.error.unknown"), "promotion");
            return;
        }
        try {
            boolean promoted = portal.deployment().promote(scheme, version, "account " + c.accountId());
            x.redirect(PATH + "?fait=" + (promoted ? "promu" : "deja-promu") + "&dispositif=" + scheme + "#fait");
        } catch (SchemeNotFoundException e) {
            refuse(x, c, 404, x.ui().t("admin.promote.error.unknown"), "promotion");
        } catch (SchemeUnavailableException e) {
            refuse(x, c, 409, x.ui().t("admin.promote.error.state", x.ui().t("admin.state." + e.state().name())),
                    "promotion");
        }
    }

    void deploy(Exchange x) throws IOException {
        Caller c = deployer(x, "upload");
        if (c == null) {
            return;
        }
        BundleContext context = portal.bundleContext();
        Path tmp = Files.createTempFile("scheme-", ".jar");
        try {
            Part part = x.req().getPart("file");
            if (part == null || part.getSize() == 0) {
                refuse(x, c, 400, x.ui().t("admin.error.noFile"));
                return;
            }
            try (InputStream in = part.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            // only what the region signed (or anything, with the development switch of etc/): the jar runs on the server
            String signer;
            try {
                signer = portal.schemeTrust().check(tmp);
            } catch (SchemeSignatures.Refused r) {
                LOG.warn("Scheme upload by account {} refused: {}", c.accountId(), r.getMessage());
                refuse(x, c, 400, x.ui().t(r.key()));
                return;
            }
            Manifest mf;
            try (JarInputStream jar = new JarInputStream(Files.newInputStream(tmp))) {
                mf = jar.getManifest();
            }
            String scheme = mf == null ? null : mf.getMainAttributes().getValue("Guichet-Scheme");
            String bsn = mf == null ? null : mf.getMainAttributes().getValue("Bundle-SymbolicName");
            if (scheme == null || bsn == null) {
                refuse(x, c, 400, x.ui().t("admin.error.notScheme"));
                return;
            }
            String location = LOCATION + bsn.split(";")[0].strip();
            Bundle existing = context.getBundle(location);
            try (InputStream in = Files.newInputStream(tmp)) {
                if (existing != null) {
                    existing.update(in);
                } else {
                    context.installBundle(location, in).start();
                }
            }
            LOG.info("Scheme {} deployed from the web by account {}, signed by {}", location, c.accountId(), signer);
            x.redirect(PATH + "?fait=installe&dispositif=" + (scheme.strip().matches("[a-z0-9-]{1,100}")
                    ? scheme.strip() : "") + "#fait");
        } catch (BundleException e) {
            refuse(x, c, 400, x.ui().t("admin.error.install", e.getMessage()));
        } catch (IllegalStateException | ServletException e) {
            refuse(x, c, 413, x.ui().t("admin.error.tooLarge"));
        } catch (ZipException e) {
            refuse(x, c, 400, x.ui().t("admin.error.notJar"));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** What the page says after an action, from a code (never text from the address). */
    static String done(Ui ui, List<SchemeInfo> schemes, String code, String id) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "installe" -> installed(ui, schemes, id);
            case "zip", "zip-apercu", "promu", "deja-promu" -> ui.t("admin.done." + code, named(ui, schemes, id));
            default -> null;
        };
    }

    private static String named(Ui ui, List<SchemeInfo> schemes, String id) {
        return schemes.stream().filter(i -> i.id().equals(id)).findFirst()
                .map(i -> (i.title() == null ? i.id() : ui.in(i.title())) + " (" + i.id() + ")").orElse("");
    }

    /** "« Aide au permis de conduire » (driving-licence) is deployed" for an id the registry knows; else no name. */
    static String installed(Ui ui, List<SchemeInfo> schemes, String id) {
        return schemes.stream().filter(i -> i.id().equals(id)).max(Comparator.comparing(SchemeInfo::since,
                Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(i -> ui.t("admin.done.installe", i.title() == null ? i.id() : ui.in(i.title()), i.id()))
                .orElse(ui.t("admin.done.installe.new"));
    }

    private void refuse(Exchange x, Caller c, int status, String error) throws IOException {
        refuse(x, c, status, error, "file");
    }

    private void refuse(Exchange x, Caller c, int status, String error, String field) throws IOException {
        show(x, c, status, portal.registry().list(), Map.of(field, error), null);
    }

    private void show(Exchange x, Caller c, int status, List<SchemeInfo> schemes, Map<String, String> errors,
            String done) throws IOException {
        x.render(status, "admin/schemes.jte", "schemes", schemes, "admin", c.has(Role.ADMIN), "secondFactor",
                c.secondFactor(), "errors", errors, "done", done, "impact", candidates(schemes));
    }

    /** "id@version" of the versions whose impact can be measured (none while the impact service is away). */
    private java.util.Set<String> candidates(List<SchemeInfo> schemes) {
        try {
            org.guichet.api.impact.ImpactService impact = portal.impact();
            return schemes.stream().filter(i -> impact.isCandidate(i.id(), i.version()))
                    .map(i -> i.id() + "@" + i.version()).collect(java.util.stream.Collectors.toSet());
        } catch (Portal.Unavailable e) {
            return java.util.Set.of();
        }
    }

    /** Directorates (supervisors) and admins; anyone else is told so, and nobody signed in goes to sign in. */
    static Caller allowed(Exchange x) throws IOException {
        Caller c = x.caller();
        if (!c.has(Role.ADMIN) && !c.has(Role.SUPERVISOR)) {
            x.render(403, "refused.jte", "title", x.ui().t("admin.forbidden.title"), "message",
                    x.ui().t("admin.forbidden.text"));
            return null;
        }
        return c;
    }
}
