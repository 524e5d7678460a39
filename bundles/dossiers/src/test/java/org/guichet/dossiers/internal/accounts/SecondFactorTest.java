package org.guichet.dossiers.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.accounts.SecondFactorEnrolment;
import org.guichet.api.accounts.SessionGrant;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.Refusals;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Staff second factor (issue 14, point 4): TOTP (RFC 6238) with recovery codes, on the real migrations; every race
 * with many threads at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondFactorTest {
    static final String PASSWORD = "un cheval blanc traverse la lande";
    Guichet g;
    final AtomicInteger n = new AtomicInteger();

    protected TestPortal.Kind kind() {
        return TestPortal.Kind.DERBY;
    }

    @BeforeAll
    void start() {
        g = new Guichet(kind());
    }

    @AfterAll
    void stop() {
        g.close();
    }

    /** A staff account with a password (set as activation would: argon2id). */
    Caller staff(Role role) {
        String name = role.name().toLowerCase() + n.incrementAndGet();
        long id = g.portal.insertAccount(name + "@region.example", name, Set.of(role), Set.of(Guichet.VT), null);
        g.portal.update("UPDATE ACCOUNT SET PASSWORD_HASH = ? WHERE ID = ?", new PasswordHasher().hash(PASSWORD), id);
        return g.portal.caller(id);
    }

    SessionGrant.SecondStep step(Caller c) {
        SessionGrant first = g.accounts.signIn(c.email(), PASSWORD);
        assertNull(first.token(), "no session before the second factor");
        assertNotNull(first.secondStep());
        return first.secondStep();
    }

    /** Enrols with the current step's code; returns the secret and keeps the recovery codes in the grant. */
    record Enrolled(String secret, long step, SessionGrant grant) { }

    Enrolled enrol(Caller c) {
        SessionGrant.SecondStep s = step(c);
        assertTrue(s.enrol());
        SecondFactorEnrolment e = g.accounts.secondFactorEnrolment(s.ticket());
        long now = Totp.step(Instant.now()) - 1;
        SessionGrant grant = g.accounts.verifySecondFactor(s.ticket(), Totp.code(e.secret(), now));
        return new Enrolled(e.secret(), now, grant);
    }

    /** How many sessions and which refusals, by code. */
    static Map<String, Long> summary(List<TestPortal.Outcome<SessionGrant>> outcomes) {
        return outcomes.stream().collect(java.util.stream.Collectors.groupingBy(o -> o.ok() ? "session"
                : o.failure() instanceof GuichetException e ? e.code() : o.failure().toString(),
                java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    long events(String type, long accountId) {
        return g.portal.queryLong("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE EVENT_TYPE = ? AND ACTOR_ID = ?", type,
                accountId);
    }

    @Test
    void anAgentEnrolsByQrCodeOrTextThenSignsInWithHerApp() {
        Caller agent = staff(Role.AGENT);
        SessionGrant.SecondStep s = step(agent);
        assertTrue(s.enrol(), "no factor yet: she enrols");
        SecondFactorEnrolment e = g.accounts.secondFactorEnrolment(s.ticket());
        assertEquals(e, g.accounts.secondFactorEnrolment(s.ticket()), "the same secret for the ticket's whole life");
        assertEquals(32, e.secret().length(), "160 bits in base32");
        assertEquals(e.secret(), e.grouped().replace(" ", ""));
        assertTrue(e.otpauthUri().startsWith("otpauth://totp/Guichet:" + agent.email().replace("@", "%40")
                + "?secret=" + e.secret() + "&issuer=Guichet"), e.otpauthUri());
        String wrong = Totp.match(e.secret(), "000000", Instant.now()) < 0 ? "000000" : "999999";
        assertEquals("SECOND_FACTOR_INVALID", Refusals.code(() -> g.accounts.verifySecondFactor(s.ticket(), wrong)),
                "a wrong first code does not enrol");
        assertEquals(0, g.portal.queryLong("SELECT COUNT(*) FROM SECOND_FACTOR WHERE ACCOUNT_ID = ?", agent.accountId()));
        SessionGrant grant = g.accounts.verifySecondFactor(s.ticket(), Totp.code(e.secret(), Totp.step(Instant.now())));
        assertNotNull(grant.token());
        assertEquals(10, grant.recoveryCodes().size());
        assertEquals(10, Set.copyOf(grant.recoveryCodes()).size());
        for (String code : grant.recoveryCodes()) {
            assertTrue(code.matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}"), code);
            assertEquals(0, g.portal.queryLong("SELECT COUNT(*) FROM RECOVERY_CODE WHERE CODE_HASH = ? OR CODE_HASH = ?",
                    code, code.replace("-", "")), "only hashes are stored");
        }
        assertEquals(10, g.portal.queryLong("SELECT COUNT(*) FROM RECOVERY_CODE WHERE ACCOUNT_ID = ?", agent.accountId()));
        Caller session = g.accounts.authenticate(grant.token()).orElseThrow();
        assertTrue(session.secondFactor(), "the session says it was opened with the second factor");
        assertEquals("SECOND_STEP_INVALID", Refusals.code(() -> g.accounts.verifySecondFactor(s.ticket(),
                Totp.code(e.secret(), Totp.step(Instant.now()) + 1))), "a ticket serves once");
        assertEquals(1, events("SECOND_FACTOR_ENROLLED", agent.accountId()));

        // the next sign-in asks for a code of the app, and enrolment is closed
        SessionGrant.SecondStep next = step(agent);
        assertFalse(next.enrol());
        assertEquals("SECOND_FACTOR_ENROLLED", Refusals.code(() -> g.accounts.secondFactorEnrolment(next.ticket())));
        SessionGrant again = g.accounts.verifySecondFactor(next.ticket(),
                Totp.code(e.secret(), Totp.step(Instant.now()) + 1));
        assertNull(again.recoveryCodes(), "recovery codes are shown once, at enrolment");
        assertTrue(g.accounts.authenticate(again.token()).orElseThrow().secondFactor());
        assertEquals(1, events("SECOND_FACTOR_VERIFIED", agent.accountId()));
    }

    @Test
    void aReplayedCodeIsRefused() {
        Caller admin = staff(Role.ADMIN);
        Enrolled e = enrol(admin);
        String code = Totp.code(e.secret(), e.step() + 1);
        assertNotNull(g.accounts.verifySecondFactor(step(admin).ticket(), code).token());
        assertEquals("SECOND_FACTOR_REPLAYED", Refusals.code(() -> g.accounts.verifySecondFactor(step(admin).ticket(),
                code)), "the same code, even with a new ticket");
        assertEquals("SECOND_FACTOR_REPLAYED", Refusals.code(() -> g.accounts.verifySecondFactor(step(admin).ticket(),
                Totp.code(e.secret(), e.step()))), "nor an older step's code (the enrolment's)");
    }

    @Test
    void fiftySubmissionsOfOneValidCodeAtOnceGiveOneSession() {
        Caller agent = staff(Role.SUPERVISOR);
        Enrolled e = enrol(agent);
        // five sign-ins, each ticket sent ten times at once with the same code
        List<String> tickets = java.util.stream.IntStream.range(0, 5).mapToObj(i -> step(agent).ticket()).toList();
        String code = Totp.code(e.secret(), e.step() + 1);
        var outcomes = TestPortal.race(50, i -> g.accounts.verifySecondFactor(tickets.get(i % 5), code));
        List<SessionGrant> sessions = outcomes.stream().filter(TestPortal.Outcome::ok).map(TestPortal.Outcome::value)
                .toList();
        assertEquals(1, sessions.size(), () -> "exactly one session: " + summary(outcomes));
        for (var o : outcomes) {
            if (!o.ok()) {
                assertTrue(o.failure() instanceof GuichetException, o.failure().toString());
                assertTrue(Set.of("SECOND_FACTOR_REPLAYED", "SECOND_FACTOR_LOCKED", "SECOND_STEP_INVALID")
                        .contains(((GuichetException) o.failure()).code()), o.failure().toString());
            }
        }
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM AUTH_SESSION WHERE ACCOUNT_ID = ? AND METHOD LIKE"
                + " '%+TOTP'", agent.accountId()) - 1, "one session besides the enrolment's");
    }

    @Test
    void oneTicketSentWithTenDifferentValidCodesAtOnceGivesOneSession() {
        Caller agent = staff(Role.AGENT);
        Enrolled e = enrol(agent);
        String ticket = step(agent).ticket();
        // the app's code and nine recovery codes, all valid, with one ticket: a ticket serves once
        var outcomes = TestPortal.race(10, i -> g.accounts.verifySecondFactor(ticket,
                i == 0 ? Totp.code(e.secret(), e.step() + 1) : e.grant().recoveryCodes().get(i - 1)));
        assertEquals(1, outcomes.stream().filter(TestPortal.Outcome::ok).count(), () -> summary(outcomes).toString());
    }

    @Test
    void thirtyWrongCodesAtOnceAreAllCountedAndLockTheSecondFactor() {
        Caller agent = staff(Role.AGENT);
        Enrolled e = enrol(agent);
        String right = Totp.code(e.secret(), e.step() + 1);
        String wrong = right.equals("123456") ? "654321" : "123456";
        List<String> tickets = java.util.stream.IntStream.range(0, 3).mapToObj(i -> step(agent).ticket()).toList();
        var outcomes = TestPortal.race(30, i -> g.accounts.verifySecondFactor(tickets.get(i % 3), wrong));
        assertTrue(outcomes.stream().noneMatch(TestPortal.Outcome::ok));
        Map<String, Long> codes = outcomes.stream().collect(java.util.stream.Collectors.groupingBy(
                o -> ((GuichetException) o.failure()).code(), java.util.stream.Collectors.counting()));
        assertEquals(Set.of("SECOND_FACTOR_INVALID", "SECOND_FACTOR_LOCKED"), codes.keySet(), codes.toString());
        assertEquals(5, events("SECOND_FACTOR_FAILED", agent.accountId()), "five compared, no more: " + codes);
        assertEquals(25, events("SECOND_FACTOR_REFUSED_LOCKED", agent.accountId()),
                "the 25 others were refused without comparison, and recorded: " + codes);
        assertEquals(26, codes.get("SECOND_FACTOR_LOCKED"), "the fifth wrong code locks, and says so: " + codes);
        assertEquals("SECOND_FACTOR_LOCKED", Refusals.code(() -> g.accounts.verifySecondFactor(step(agent).ticket(),
                right)), "even the right code waits out the lock");
        g.portal.update("UPDATE SECOND_FACTOR SET LOCKED_UNTIL = ? WHERE ACCOUNT_ID = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), agent.accountId());
        assertNotNull(g.accounts.verifySecondFactor(step(agent).ticket(), right).token(), "after the lock, it works");
    }

    @Test
    void aRecoveryCodeWorksOnceEvenSentTwiceAtOnce() {
        Caller admin = staff(Role.ADMIN);
        Enrolled e = enrol(admin);
        String recovery = e.grant().recoveryCodes().get(3);
        List<String> tickets = List.of(step(admin).ticket(), step(admin).ticket());
        var outcomes = TestPortal.race(2, i -> g.accounts.verifySecondFactor(tickets.get(i),
                i == 0 ? recovery : recovery.toLowerCase().replace("-", " ")));
        assertEquals(1, outcomes.stream().filter(TestPortal.Outcome::ok).count(), () -> summary(outcomes).toString());
        String session = outcomes.stream().filter(TestPortal.Outcome::ok).findFirst().orElseThrow().value().token();
        assertTrue(g.accounts.authenticate(session).orElseThrow().secondFactor());
        assertEquals("SECOND_FACTOR_INVALID", Refusals.code(() -> g.accounts.verifySecondFactor(step(admin).ticket(),
                recovery)), "used once, never again");
        assertEquals(1, events("SECOND_FACTOR_RECOVERY_CODE_USED", admin.accountId()));
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM RECOVERY_CODE WHERE ACCOUNT_ID = ? AND USED_AT IS NOT"
                + " NULL", admin.accountId()));
        assertNotNull(g.accounts.verifySecondFactor(step(admin).ticket(), e.grant().recoveryCodes().get(4)).token(),
                "another one works");
    }

    @Test
    void anApplicantIsNotAskedForASecondFactor() {
        Caller applicant = g.applicant("Lina" + n.incrementAndGet());
        g.portal.update("UPDATE ACCOUNT SET PASSWORD_HASH = ? WHERE ID = ?", new PasswordHasher().hash(PASSWORD),
                applicant.accountId());
        SessionGrant grant = g.accounts.signIn(applicant.email(), PASSWORD);
        assertNotNull(grant.token());
        assertNull(grant.secondStep());
        assertFalse(g.accounts.authenticate(grant.token()).orElseThrow().secondFactor());
        Caller mediator = g.mediator("Mehdi" + n.incrementAndGet(), g.organisation("Centre " + n.get()).id());
        g.accounts.sendSignInCode(mediator.email());
        assertNotNull(g.accounts.signInWithCode(mediator.email(), g.portal.mail().lastCode(mediator.email())
                .orElseThrow()).token(), "nor a mediator");
    }

    @Test
    void staffNeverGetASessionWithoutTheSecondFactorByPasswordOrByCode() {
        for (Role role : List.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN)) {
            Caller c = staff(role);
            SessionGrant byPassword = g.accounts.signIn(c.email(), PASSWORD);
            assertNull(byPassword.token(), role + " by password");
            g.accounts.sendSignInCode(c.email());
            SessionGrant byCode = g.accounts.signInWithCode(c.email(), g.portal.mail().lastCode(c.email()).orElseThrow());
            assertNull(byCode.token(), role + " by mailed code");
            assertNotNull(byCode.secondStep());
        }
        assertEquals(0, g.portal.queryLong("SELECT COUNT(*) FROM AUTH_SESSION s JOIN ACCOUNT a ON a.ID = s.ACCOUNT_ID"
                + " WHERE a.ROLES <> 'APPLICANT' AND a.ROLES <> 'MEDIATOR' AND s.METHOD NOT LIKE '%+%'"),
                "no staff session without the second factor, in the whole test");
    }

    @Test
    void withTheDevelopmentSwitchOffStaffSignInWithOneFactorAndTheSessionSaysSo() {
        AccountServiceImpl relaxed = new AccountServiceImpl(g.portal.emf(), g.portal.mail(), g.limits,
                g.portal.config(Map.of("staff.mfa.required", false)), Runnable::run);
        Caller admin = staff(Role.ADMIN);
        SessionGrant grant = relaxed.signIn(admin.email(), PASSWORD);
        assertNotNull(grant.token());
        assertFalse(relaxed.authenticate(grant.token()).orElseThrow().secondFactor(),
                "such a session cannot deploy a scheme from the web");
        g.portal.update("DELETE FROM AUTH_SESSION WHERE ACCOUNT_ID = ?", admin.accountId());
    }

    @Test
    void anExpiredOrUnknownTicketIsRefused() {
        Caller agent = staff(Role.AGENT);
        Enrolled e = enrol(agent);
        String ticket = step(agent).ticket();
        g.portal.update("UPDATE SECOND_STEP SET EXPIRES_AT = ? WHERE ACCOUNT_ID = ? AND USED_AT IS NULL",
                Timestamp.from(Instant.now().minusSeconds(1)), agent.accountId());
        assertEquals("SECOND_STEP_INVALID", Refusals.code(() -> g.accounts.verifySecondFactor(ticket,
                Totp.code(e.secret(), e.step() + 1))));
        assertEquals("SECOND_STEP_INVALID", Refusals.code(() -> g.accounts.verifySecondFactor("pas-un-ticket", "123456")));
        assertEquals("CODE_REQUIRED", Refusals.code(() -> g.accounts.verifySecondFactor(step(agent).ticket(), " ")));
    }

    @Test
    void anAdminResetsALostSecondFactorAndThePersonEnrolsAgain() {
        Caller admin = staff(Role.ADMIN);
        Caller agent = staff(Role.AGENT);
        Enrolled e = enrol(agent);
        assertEquals("ADMIN_ONLY", Refusals.code(() -> g.accounts.resetSecondFactor(agent, admin.accountId())));
        assertEquals("CANNOT_RESET_OWN_SECOND_FACTOR", Refusals.code(() -> g.accounts.resetSecondFactor(admin,
                admin.accountId())));
        g.accounts.resetSecondFactor(admin, agent.accountId());
        assertTrue(g.accounts.authenticate(e.grant().token()).isEmpty(), "her sessions end");
        assertEquals(0, g.portal.queryLong("SELECT COUNT(*) FROM RECOVERY_CODE WHERE ACCOUNT_ID = ?", agent.accountId()));
        assertTrue(step(agent).enrol(), "she enrols again at her next sign-in");
        assertEquals(1, events("SECOND_FACTOR_RESET", admin.accountId()));
    }
}
