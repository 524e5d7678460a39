package org.guichet.web.internal;

import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichet.api.accounts.Account;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.SchemeInfo;

/**
 * For admins (/admin/comptes): inviting a staff member (e-mail, name, role, the schemes she instructs: the account is
 * made and the activation link mailed), the staff accounts with their roles, schemes and state; disabling or enabling
 * one (its sessions end at once), changing its roles and schemes. The account service decides and records everything;
 * its refusals (an admin disabling herself…) come back as the portal's refusal page in words.
 */
public final class StaffAdminPages {
    static final String PATH = "/admin/comptes";
    /** the roles a staff account may hold, in the order the page shows them */
    public static final List<Role> STAFF_ROLES = List.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN,
            Role.DIRECTORATE);

    private final Portal portal;

    StaffAdminPages(Portal portal) {
        this.portal = portal;
    }

    void list(Exchange x) throws IOException {
        Caller c = admin(x);
        if (c == null) {
            return;
        }
        String done = x.param("fait");
        String notice = done != null && done.matches("desactive|active|droits|invite|second-facteur") ? x.ui().t("staff.done." + done)
                : null;
        page(x, c, 200, Map.of(), AgentForm.NONE, notice);
    }

    private void page(Exchange x, Caller c, int status, Map<String, String> errors, AgentForm sent, String notice)
            throws IOException {
        x.render(status, "admin/staff.jte", "accounts", portal.accounts().staff(c), "me", c.accountId(), "done", notice,
                "schemes", schemeTitles(x), "errors", errors, "sent", sent);
    }

    /** The installed schemes by their titles (an invitation names them; the table shows titles, never ids). */
    private Map<String, String> schemeTitles(Exchange x) {
        Map<String, String> titles = new LinkedHashMap<>();
        try {
            for (SchemeInfo i : portal.registry().list()) {
                titles.putIfAbsent(i.id(), i.title() == null ? i.id() : x.ui().in(i.title()));
            }
        } catch (Portal.Unavailable e) {
            // the schemes are starting: the invitation offers none for now
        }
        return titles;
    }

    /** Invites a staff member; every problem at its field, what was typed kept. */
    void invite(Exchange x) throws IOException {
        Caller c = admin(x);
        if (c == null) {
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String roleName = x.param("role");
        Role role = STAFF_ROLES.stream().filter(r -> r.name().equals(roleName)).findFirst().orElse(null);
        int status = 400;
        if (role == null) {
            errors.put("invite-role-AGENT", x.ui().t("staff.invite.chooseRole"));
        } else {
            try {
                portal.accounts().invite(c, x.param("email"), x.param("displayName"), role, null,
                        new LinkedHashSet<>(AgentPage.values(x, "schemes")));
                x.redirect(PATH + "?fait=invite#fait");
                return;
            } catch (GuichetException e) {
                if (e.kind() == GuichetException.Kind.FORBIDDEN || e.kind() == GuichetException.Kind.UNAVAILABLE) {
                    throw e;
                }
                String field = e.field() == null ? "" : switch (e.field()) {
                    case "email" -> "invite-email";
                    case "displayName" -> "invite-name";
                    case "role" -> "invite-role-AGENT";
                    case "schemes" -> "invite-scheme-0";
                    default -> "";
                };
                errors.put(field, x.ui().error(e));
                status = e.kind().status();
            }
        }
        page(x, c, status, errors, AgentForm.of("inviter", x), null);
    }

    void state(Exchange x) throws IOException {
        Caller c = admin(x);
        if (c == null) {
            return;
        }
        long id = x.id("compte");
        if ("desactiver".equals(x.param("action"))) {
            portal.accounts().disable(c, id, x.param("reason"));
            x.redirect(PATH + "?fait=desactive#fait");
        } else {
            portal.accounts().enable(c, id);
            x.redirect(PATH + "?fait=active#fait");
        }
    }

    void rights(Exchange x) throws IOException {
        Caller c = admin(x);
        if (c == null) {
            return;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        String[] ticked = x.req().getParameterValues("roles");
        for (String r : ticked == null ? new String[0] : ticked) {
            STAFF_ROLES.stream().filter(s -> s.name().equals(r)).forEach(roles::add);
        }
        // the schemes ticked (by their titles on the page; an id the registry no longer knows stays offered)
        Set<String> schemes = new LinkedHashSet<>(AgentPage.values(x, "schemes"));
        portal.accounts().changeStaff(c, x.id("compte"), roles, schemes);
        x.redirect(PATH + "?fait=droits#fait");
    }

    /** A lost phone: the second factor erased, its sessions ended; the person enrols again at her next sign-in. */
    void resetSecondFactor(Exchange x) throws IOException {
        Caller c = admin(x);
        if (c == null) {
            return;
        }
        portal.accounts().resetSecondFactor(c, x.id("compte"));
        x.redirect(PATH + "?fait=second-facteur#fait");
    }

    /** Admins only; anyone else is told so, and nobody signed in goes to sign in. */
    /** The signed-in admin, or null once a 403 page has been sent: the gate of every page of the admin's space. */
    static Caller admin(Exchange x) throws IOException {
        Caller c = x.caller();
        if (!c.has(Role.ADMIN)) {
            x.render(403, "refused.jte", "title", x.ui().t("staff.forbidden.title"), "message",
                    x.ui().t("staff.forbidden.text"));
            return null;
        }
        return c;
    }

    /** The roles of an account in words, for the table. */
    public static String roles(Ui ui, Account a) {
        return String.join(", ", a.roles().stream().sorted().map(r -> ui.t("staff.role." + r.name())).toList());
    }
}
