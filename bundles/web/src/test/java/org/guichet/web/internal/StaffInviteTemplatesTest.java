package org.guichet.web.internal;

import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.guichet.api.accounts.Account;
import org.guichet.api.accounts.AccountState;
import org.guichet.api.accounts.Role;
import org.junit.jupiter.api.Test;

/** The admin's staff page invites (issue 13, point 2): e-mail, name, role, schemes by title; errors at their fields. */
class StaffInviteTemplatesTest {
    static final List<Account> ACCOUNTS = List.of(new Account(1003, "cyr@region.example", "Cyril", AccountState.ACTIVE,
            Set.of(Role.AGENT), null, Set.of("driving-licence"), Instant.parse("2026-09-14T07:30:00Z"), "fr"));
    static final Map<String, String> SCHEMES = Map.of("driving-licence", "Aide au permis de conduire");

    @Test
    void anAdminInvitesAStaffMemberWithTheSchemesByTheirTitles() {
        String fr = render("admin/staff.jte", "ui", Samples.ui(Locale.FRENCH), "accounts", ACCOUNTS, "me", 1001L,
                "schemes", SCHEMES);
        assertTrue(fr.contains("action=\"/admin/comptes/inviter#suite\""), fr);
        assertTrue(fr.contains("<label for=\"invite-email\">Adresse électronique"), fr);
        assertTrue(fr.contains("id=\"invite-role-SUPERVISOR\" name=\"role\" value=\"SUPERVISOR\""), fr);
        assertTrue(fr.contains("<label for=\"invite-scheme-0\">Aide au permis de conduire</label>"), fr);
        assertTrue(fr.contains("<td>Aide au permis de conduire</td>"), "the table names schemes by title: " + fr);
        assertFalse(fr.contains("<details open"), "folded until used");
        assertTrue(fr.contains("<legend>Aides que Cyril instruit</legend>")
                && fr.contains("id=\"scheme-1003-0\" name=\"schemes\" value=\"driving-licence\" checked"),
                "her rights: the schemes as ticked boxes by their titles, never ids to type: " + fr);
    }

    @Test
    void aRefusedInvitationSaysWhyAtItsFieldAndKeepsWhatWasTyped() {
        AgentForm sent = new AgentForm("inviter", Map.of("email", List.of("pas-une-adresse"), "displayName",
                List.of("Zoé <Z>"), "role", List.of("AGENT"), "schemes", List.of("driving-licence")));
        String fr = render("admin/staff.jte", "ui", Samples.ui(Locale.FRENCH), "accounts", ACCOUNTS, "me", 1001L,
                "schemes", SCHEMES, "errors", Map.of("invite-email", "Adresse mal écrite."), "sent", sent);
        assertTrue(fr.contains("<title>Erreur — Les comptes du personnel"), fr);
        assertTrue(fr.contains("href=\"#invite-email\"") && fr.contains("id=\"invite-email-erreur\""), fr);
        assertTrue(fr.contains("value=\"pas-une-adresse\"") && fr.contains("value=\"Zoé &lt;Z>\""), fr);
        assertTrue(fr.contains("value=\"AGENT\" checked") && fr.contains("value=\"driving-licence\" checked"), fr);
        assertTrue(fr.contains("<details open>"), "open on its errors: " + fr);
        String en = render("admin/staff.jte", "ui", Samples.ui(Locale.ENGLISH), "accounts", ACCOUNTS, "me", 1001L,
                "schemes", SCHEMES, "done", Samples.ui(Locale.ENGLISH).t("staff.done.invite"));
        assertTrue(en.contains("Invite a staff member") && en.contains("Invitation sent"), en);
    }
}
