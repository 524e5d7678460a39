package org.guichet.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.error.GuichetException;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeInfo;

/**
 * The applicant's (and the mediator's) home: her applications, starting a new one (for herself, or for a person who
 * gave the mediator a mandate), and asking a person for a mandate. The steps, documents, review and receipt are
 * {@link ApplicationSteps}; the dossier afterwards is {@link DossierPage}.
 */
final class ApplicantPages {
    private final Portal portal;

    ApplicantPages(Portal portal) {
        this.portal = portal;
    }

    void home(Exchange x) throws IOException {
        show(x, 200, Map.of(), x.param("mandat") == null ? null : x.ui().t("applicant.home.mandateSent"), Map.of());
    }

    void create(Exchange x) throws IOException {
        Caller caller = x.caller();
        String applicant = x.param("applicantId");
        try {
            Dossier d = portal.dossiers().create(caller, x.param("schemeId"), applicant == null ? null : id(applicant));
            x.redirect("/mes-demandes/" + d.id() + "/etape/1#contenu");
        } catch (GuichetException e) {
            show(x, e.kind().status(), Map.of(applicant == null ? "schemeId" : "schemeId-pour", x.ui().error(e)), null,
                    Map.of());
        }
    }

    /**
     * A test dossier (the region's staff, from the simulator's preview banner): opened on the
     * version the staff are served, then its first step. Anyone else is refused in words (403).
     */
    void createTest(Exchange x) throws IOException {
        Caller caller = x.caller();
        try {
            Dossier d = portal.dossiers().openTest(caller, x.param("schemeId"));
            x.redirect("/mes-demandes/" + d.id() + "/etape/1#contenu");
        } catch (GuichetException e) {
            x.render(e.kind().status(), "refused.jte", "title", x.ui().t("test.refused.title"), "message",
                    x.ui().error(e));
        }
    }

    void requestMandate(Exchange x) throws IOException {
        Caller caller = x.caller();
        portal.limit(x.req(), org.guichet.api.limits.RateLimits.MANDATE_REQUEST);
        String email = x.param("applicantEmail");
        String name = x.param("applicantName");
        try {
            portal.mandates().request(caller, email, name);
            x.redirect("/mes-demandes?mandat=1#fait");
        } catch (GuichetException e) {
            String field = e.field() == null ? "" : switch (e.field()) {
                case "email", "applicantEmail" -> "applicantEmail";
                case "name", "displayName", "applicantName" -> "applicantName";
                default -> "";
            };
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("applicantEmail", email == null ? "" : email);
            typed.put("applicantName", name == null ? "" : name);
            show(x, e.kind().status(), Map.of(field, x.ui().error(e)), null, typed);
        }
    }

    private void show(Exchange x, int status, Map<String, String> errors, String notice, Map<String, String> typed)
            throws IOException {
        Caller caller = x.caller();
        List<SchemeDescriptor> open = new ArrayList<>();
        var registry = portal.registry();
        for (SchemeInfo i : registry.list()) {
            registry.activeDescriptor(i.id(), null).filter(s -> open.stream().noneMatch(o -> o.id().equals(s.id())))
                    .ifPresent(open::add);
        }
        List<SchemeDescriptor> forMe = caller.has(Role.APPLICANT)
                ? open.stream().filter(s -> s.filers().contains("APPLICANT")).toList() : null;
        List<Mandate> held = caller.has(Role.MEDIATOR)
                ? portal.mandates().list(caller).stream().filter(m -> "ACTIVE".equals(m.state())).toList() : null;
        List<SchemeDescriptor> forPeople = open.stream().filter(s -> s.filers().contains("MEDIATOR")).toList();
        Map<String, SchemeDescriptor> schemes = new LinkedHashMap<>();
        open.forEach(s -> schemes.put(s.id(), s));
        x.render(status, "applicant/home.jte", "caller", caller, "dossiers", portal.dossiers().list(caller),
                "schemes", schemes, "forMe", forMe, "held", held, "forPeople", forPeople, "errors", errors,
                "notice", notice, "typed", typed);
    }

    /** A dossier's state in words ("envoyée, en attente d'un agent"), never its code. */
    static String stateText(Locale locale, String state) {
        String key = "applicant.state." + state;
        return Messages.has(locale, key) ? Messages.text(locale, key) : Messages.text(locale, "applicant.state.other");
    }

    static long id(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new Exchange.NotFound();
        }
    }
}
