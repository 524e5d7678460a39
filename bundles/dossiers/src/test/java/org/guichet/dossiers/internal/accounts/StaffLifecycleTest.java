package org.guichet.dossiers.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.guichet.api.accounts.AccountState;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.accounts.SessionGrant;
import org.guichet.api.error.GuichetException;
import org.guichet.api.partners.Organisation;
import org.guichet.api.partners.OrganisationCreated;
import org.guichet.dossiers.internal.partners.PartnerServiceImpl;
import org.guichet.dossiers.testing.Guichet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Staff and key lifecycle (issue 14, point 5). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffLifecycleTest {
    Guichet g;

    protected org.guichet.dossiers.testing.TestPortal.Kind kind() {
        return org.guichet.dossiers.testing.TestPortal.Kind.DERBY;
    }

    @BeforeAll
    void start() {
        g = new Guichet(kind());
    }

    @AfterAll
    void stop() {
        g.close();
    }

    static String code(Runnable r) {
        return assertThrows(GuichetException.class, r::run).code();
    }

    Caller admin(String name) {
        return g.portal.caller(g.portal.insertAccount(name + "@region.example", name, Set.of(Role.ADMIN), Set.of(), null));
    }

    /** Staff sign in with the second factor (the portal gives them no session without it). */
    SessionGrant signIn(String email) {
        return g.staffSignIn(email);
    }

    @Test
    void aDisabledAccountsSessionsEndAtOnceAndItComesBackOnlyWhenEnabled() {
        Caller admin = admin("adele");
        Caller agent = g.agent("Dora", Guichet.VT);
        SessionGrant session = signIn(agent.email());
        assertTrue(g.accounts.authenticate(session.token()).isPresent());
        assertEquals("ADMIN_ONLY", code(() -> g.accounts.disable(agent, admin.accountId(), null)));
        assertEquals("CANNOT_DISABLE_SELF", code(() -> g.accounts.disable(admin, admin.accountId(), null)));
        assertEquals(AccountState.DISABLED, g.accounts.disable(admin, agent.accountId(), "a quitté le service").state());
        assertTrue(g.accounts.authenticate(session.token()).isEmpty(), "the open session is refused at once");
        g.accounts.sendSignInCode(agent.email());
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE EVENT_TYPE = 'ACCOUNT_DISABLED'"
                + " AND ACTOR_ID = ?", admin.accountId()));
        assertEquals(AccountState.ACTIVE, g.accounts.enable(admin, agent.accountId()).state());
        assertTrue(g.accounts.authenticate(session.token()).isEmpty(), "an old session does not come back");
        assertTrue(g.accounts.authenticate(signIn(agent.email()).token()).isPresent());
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE EVENT_TYPE = 'ACCOUNT_ENABLED'"
                + " AND ACTOR_ID = ?", admin.accountId()));
    }

    @Test
    void anActivationLinkMailedBeforeTheAccountWasDisabledDoesNotBringItBack() {
        Caller admin = admin("armand");
        var invited = g.accounts.invite(admin, "invitee@region.example", "Invitée", Role.AGENT, null, Set.of());
        String token = g.portal.mail().lastLinkParameter("invitee@region.example", "jeton").orElseThrow();
        g.accounts.disable(admin, invited.id(), null);
        assertEquals("ACCOUNT_DISABLED", code(() -> g.accounts.activate(token, "la mer est calme ce matin")));
        assertEquals(AccountState.PENDING, g.accounts.enable(admin, invited.id()).state());
    }

    @Test
    void anAdminChangesRolesAndSchemesAndTheNewRightsApplyAtOnce() {
        Caller admin = admin("agathe");
        Caller agent = g.agent("Rita", Guichet.VT);
        SessionGrant session = signIn(agent.email());
        var changed = g.accounts.changeStaff(admin, agent.accountId(), Set.of(Role.SUPERVISOR),
                Set.of(Guichet.VT, Guichet.DL));
        assertEquals(Set.of(Role.SUPERVISOR), changed.roles());
        assertEquals(Set.of(Guichet.VT, Guichet.DL), changed.schemes());
        assertTrue(g.accounts.authenticate(session.token()).isEmpty(), "sessions carrying the old rights end");
        Caller now = g.accounts.authenticate(signIn(agent.email()).token()).orElseThrow();
        assertEquals(Set.of(Role.SUPERVISOR), now.roles());
        assertEquals("ROLES_INVALID", code(() -> g.accounts.changeStaff(admin, agent.accountId(),
                Set.of(Role.APPLICANT), Set.of())));
        assertEquals("NOT_STAFF", code(() -> g.accounts.changeStaff(admin, g.applicant("Paul").accountId(),
                Set.of(Role.AGENT), Set.of())));
        assertEquals("CANNOT_DEMOTE_SELF", code(() -> g.accounts.changeStaff(admin, admin.accountId(),
                Set.of(Role.AGENT), Set.of())));
        assertTrue(g.accounts.staff(admin).stream().anyMatch(a -> a.id() == agent.accountId()));
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE EVENT_TYPE = 'ACCOUNT_ROLES_CHANGED'"
                + " AND ACTOR_ID = ?", admin.accountId()));
    }

    @Test
    void aRotatedKeyWorksForTheGracePeriodAndARevokedOneNever() {
        Caller admin = admin("alice");
        OrganisationCreated created = g.partners.createOrganisation(admin, "Centre des clés", "TRAINING_ORGANISATION");
        long id = created.organisation().id();
        Caller mediator = g.mediator("Mona", id);
        Caller stranger = g.mediator("Sam", g.organisation("Ailleurs").id());
        assertEquals("KEY_NOT_YOURS", code(() -> g.partners.rotateKey(stranger, id)));
        OrganisationCreated rotated = g.partners.rotateKey(mediator, id);
        assertTrue(g.partners.authenticate(rotated.apiKey()).isPresent());
        assertTrue(g.partners.authenticate(created.apiKey()).isPresent(), "the old key works during the grace period");
        // after the grace period the old key is refused
        g.portal.update("UPDATE ORGANISATION SET PREVIOUS_KEY_UNTIL = ? WHERE ID = ?", java.sql.Timestamp.from(
                java.time.Instant.now().minus(Duration.ofSeconds(1))), id);
        assertTrue(g.partners.authenticate(created.apiKey()).isEmpty());
        assertEquals(Duration.ofDays(7), PartnerServiceImpl.ROTATION_GRACE);
        OrganisationCreated again = g.partners.rotateKey(admin, id);
        Organisation revoked = g.partners.revokeKey(admin, id);
        assertEquals(id, revoked.id());
        assertTrue(g.partners.authenticate(again.apiKey()).isEmpty(), "a revoked key stops at once");
        assertTrue(g.partners.authenticate(rotated.apiKey()).isEmpty(), "and the previous one too");
        assertEquals(List.of(2L, 1L), List.of(
                g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE EVENT_TYPE = 'API_KEY_ROTATED'"
                        + " AND ORGANISATION_ID = ?", id),
                g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE EVENT_TYPE = 'API_KEY_REVOKED'"
                        + " AND ORGANISATION_ID = ?", id)));
    }

    @Test
    void twoAdminsChangingOnesRightsAtOnceLeaveOneWholeSetNeverAMix() {
        Caller first = admin("alma");
        Caller second = admin("albin");
        Caller agent = g.agent("Mixte", Guichet.VT);
        List<Set<Role>> roles = List.of(Set.of(Role.AGENT), Set.of(Role.SUPERVISOR));
        List<Set<String>> schemes = List.of(Set.of(Guichet.VT), Set.of("driving-licence"));
        var outcomes = org.guichet.dossiers.testing.TestPortal.race(2, i -> g.accounts.changeStaff(i == 0 ? first
                : second, agent.accountId(), roles.get(i), schemes.get(i)));
        List<String> bad = outcomes.stream().filter(o -> !o.ok() && !(o.failure() instanceof GuichetException e
                && "EDIT_CONFLICT".equals(e.code()))).map(o -> String.valueOf(o.failure())).toList();
        assertEquals(List.of(), bad);
        var now = g.accounts.find(agent.accountId()).orElseThrow();
        int which = now.roles().equals(roles.get(0)) ? 0 : 1;
        assertEquals(roles.get(which), now.roles(), "one admin's roles");
        assertEquals(schemes.get(which), now.schemes(), "with the same admin's schemes, never the other's");
        assertEquals(outcomes.stream().filter(o -> o.ok()).count(), g.portal.queryLong("SELECT COUNT(*) FROM"
                + " ACTIVITY_EVENT WHERE EVENT_TYPE = 'ACCOUNT_ROLES_CHANGED' AND ACTOR_ID IN (?, ?)",
                first.accountId(), second.accountId()),
                "each change that went through is recorded");
    }

    @Test
    void sessionsInUseWhileTheAccountIsDisabledAllEndWhateverTheOrder() {
        Caller admin = admin("aubin");
        Caller agent = g.agent("Occupee", Guichet.VT);
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(signIn(agent.email()).token());
        }
        var outcomes = org.guichet.dossiers.testing.TestPortal.race(9, i -> {
            if (i == 0) {
                return g.accounts.disable(admin, agent.accountId(), "départ").state().name();
            }
            return String.valueOf(g.accounts.authenticate(tokens.get(i % tokens.size())).isPresent());
        });
        assertTrue(outcomes.stream().allMatch(o -> o.ok()), outcomes.toString());
        for (String t : tokens) {
            assertTrue(g.accounts.authenticate(t).isEmpty(), "no session outlives the disabling");
        }
    }
}
