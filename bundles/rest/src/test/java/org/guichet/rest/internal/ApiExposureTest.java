package org.guichet.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.ws.rs.core.Response;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;
import org.guichet.api.events.SchemeEventStore;
import org.guichet.api.health.HealthIndicator;
import org.guichet.api.health.HealthStatus;
import org.junit.jupiter.api.Test;

/** What the API shows to whom: health details, the deployment history, WADL. */
class ApiExposureTest {
    static final Map<String, Caller> SESSIONS = Map.of(
            "admin", new Caller(1, "admin@example.fr", "Admin", Set.of(Role.ADMIN), null, Set.of()),
            "agent", new Caller(2, "agent@example.fr", "Agent", Set.of(Role.AGENT), null, Set.of("permis")),
            "lea", new Caller(3, "lea@example.fr", "Léa", Set.of(Role.APPLICANT), null, Set.of()));

    static Authenticator auth() {
        AccountService accounts = (AccountService) Proxy.newProxyInstance(ApiExposureTest.class.getClassLoader(),
                new Class<?>[] {AccountService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("authenticate")) {
                        return Optional.ofNullable(SESSIONS.get((String) args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new Authenticator(() -> accounts, () -> null, () -> null);
    }

    static HealthResource health() {
        HealthIndicator db = new HealthIndicator() {
            @Override public String name() { return "database"; }
            @Override public HealthStatus check() { return HealthStatus.up("PostgreSQL 16.4 at db.internal:5432"); }
        };
        HealthIndicator broken = new HealthIndicator() {
            @Override public String name() { return "rules-engine"; }
            @Override public HealthStatus check() {
                throw new IllegalStateException("secret path /opt/guichet/data/x failed");
            }
        };
        return new HealthResource(() -> List.of(db, broken), () -> List.of("database"), auth());
    }

    @Test
    void anonymousAndNonAdminsSeeTheStatusOnly() {
        for (String authorization : new String[] {null, "Bearer nobody", "Bearer lea", "Bearer agent", "garbage"}) {
            Response r = health().health(authorization);
            HealthResource.Health h = (HealthResource.Health) r.getEntity();
            assertEquals(200, r.getStatus());
            assertEquals("UP", h.status());
            assertEquals(Map.of(), h.checks(), authorization + " sees no details");
        }
    }

    @Test
    void adminsSeeTheDetailsButNeverAnExceptionsText() {
        HealthResource.Health h = (HealthResource.Health) health().health("Bearer admin").getEntity();
        assertEquals("PostgreSQL 16.4 at db.internal:5432", h.checks().get("database").detail());
        assertEquals("DOWN", h.checks().get("rules-engine").status());
        assertFalse(h.checks().get("rules-engine").detail().contains("secret"), h.checks().toString());
        assertFalse(h.checks().get("rules-engine").detail().contains("IllegalStateException"));
    }

    @Test
    void theDeploymentHistoryIsForStaffOnly() {
        SchemeEventStore store = new SchemeEventStore() {
            @Override public org.guichet.api.events.SchemeEvent record(org.guichet.api.events.SchemeEvent e) { return e; }
            @Override public List<org.guichet.api.events.SchemeEvent> recent(int limit) { return List.of(); }
            @Override public List<org.guichet.api.events.SchemeEvent> forScheme(String s) { return List.of(); }
        };
        SchemeResource schemes = new SchemeResource(() -> null, () -> null, () -> store, () -> null, auth());
        GuichetException anonymous = assertThrows(GuichetException.class, () -> schemes.events(null, null, null));
        assertEquals(GuichetException.Kind.UNAUTHENTICATED, anonymous.kind());
        GuichetException applicant = assertThrows(GuichetException.class,
                () -> schemes.events("Bearer lea", null, null));
        assertEquals(GuichetException.Kind.FORBIDDEN, applicant.kind());
        assertEquals(List.of(), schemes.events("Bearer agent", null, 10));
        assertEquals(List.of(), schemes.events("Bearer admin", "permis", null));
    }

    @Test
    void wadlRequestsAreRecognisedInEveryForm() {
        assertTrue(NoWadl.asksForWadl("/api/v1", "_wadl"));
        assertTrue(NoWadl.asksForWadl("/api/v1/health", "_wadl"));
        assertTrue(NoWadl.asksForWadl("/api/v1/health", "a=1&_wadl=&b=2"));
        assertTrue(NoWadl.asksForWadl("/api/v1/health", "%5Fwadl"));
        assertTrue(NoWadl.asksForWadl("/api/v1/health", "_type=wadl"));
        assertTrue(NoWadl.asksForWadl("/api/v1/health;wadl", null));
        assertTrue(NoWadl.asksForWadl("/api/v1/health.wadl", ""));
        assertFalse(NoWadl.asksForWadl("/api/v1/health", null));
        assertFalse(NoWadl.asksForWadl("/api/v1/schemes", "scheme=wadlerie&limit=2"));
    }
}
