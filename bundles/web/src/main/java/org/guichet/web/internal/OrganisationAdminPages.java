package org.guichet.web.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;
import org.guichet.api.partners.OrganisationCreated;
import org.guichet.api.partners.OrganisationOverview;

/**
 * For admins (/admin/organisations): the partner organisations with their staff and the state of their API key;
 * registering one (its first key shown once), and inviting its first member (the account service's invitation and
 * activation mail). The partner service and the account service decide and record everything.
 */
public final class OrganisationAdminPages {
    static final String PATH = "/admin/organisations";
    static final List<String> KINDS = List.of("TRAINING_ORGANISATION", "MISSION_LOCALE");

    private final Portal portal;

    OrganisationAdminPages(Portal portal) {
        this.portal = portal;
    }

    void list(Exchange x) throws IOException {
        Caller c = StaffAdminPages.admin(x);
        if (c == null) {
            return;
        }
        String done = x.param("fait");
        String notice = done != null && done.matches("invite") ? x.ui().t("orgadmin.done." + done) : null;
        render(x, 200, c, notice, null, Map.of(), Map.of());
    }

    private void render(Exchange x, int status, Caller c, String notice, OrganisationCreated created,
            Map<String, String> errors, Map<String, String> sent) throws IOException {
        List<OrganisationOverview> all = portal.partners().organisations(c).stream()
                .map(o -> portal.partners().overview(c, o.id())).toList();
        if (created != null) {
            x.resp().setHeader("Cache-Control", "no-store");
        }
        x.render(status, "admin/organisations.jte", "organisations", all, "done", notice, "created", created,
                "errors", errors, "sent", sent);
    }

    /** Registers an organisation; its first API key is shown on this answer only. */
    void create(Exchange x) throws IOException {
        Caller c = StaffAdminPages.admin(x);
        if (c == null) {
            return;
        }
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("name", x.param("name"));
        sent.put("kind", x.param("kind"));
        try {
            OrganisationCreated created = portal.partners().createOrganisation(c, sent.get("name"), sent.get("kind"));
            render(x, 201, c, x.ui().t("orgadmin.done.created", created.organisation().name()), created, Map.of(), Map.of());
        } catch (GuichetException e) {
            if (e.kind() != GuichetException.Kind.INVALID) {
                throw e;
            }
            render(x, 400, c, null, null, Map.of("kind".equals(e.field()) ? "kind-" + KINDS.get(0) : "name",
                    x.ui().error(e)), sent);
        }
    }

    /** Invites a member of the organisation's staff (its first one, or another). */
    void invite(Exchange x) throws IOException {
        Caller c = StaffAdminPages.admin(x);
        if (c == null) {
            return;
        }
        long id = x.id("organisation");
        // the fields are named after the organisation (one form per row of the table): email-<id>, name-<id>
        String email = x.param("email-" + id);
        String name = x.param("name-" + id);
        try {
            portal.accounts().invite(c, email, name, Role.MEDIATOR, id, Set.of());
            x.redirect(PATH + "?fait=invite#fait");
        } catch (GuichetException e) {
            if (e.kind() == GuichetException.Kind.FORBIDDEN || e.kind() == GuichetException.Kind.NOT_FOUND) {
                throw e;
            }
            Map<String, String> sent = new LinkedHashMap<>();
            sent.put("email-" + id, email);
            sent.put("name-" + id, name);
            render(x, e.kind().status(), c, null, null, Map.of("email-" + id, x.ui().error(e)), sent);
        }
    }
}
