package org.guichet.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.ws.rs.core.Response;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.SchemeDeployment;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeRef;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeState;
import org.guichet.api.scheme.SchemeUnavailableException;
import org.junit.jupiter.api.Test;

/** Who may deploy a zip and promote a preview through the API, and who sees a preview in the scheme list. */
class SchemeKitApiTest {
    static final Map<String, Caller> SESSIONS = Map.of(
            "admin", new Caller(1, "admin@example.fr", "Admin", Set.of(Role.ADMIN), null, Set.of()),
            "admin2fa", new Caller(4, "chef@example.fr", "Chef", Set.of(Role.ADMIN), null, Set.of(), null, true),
            "agent", new Caller(2, "agent@example.fr", "Agent", Set.of(Role.AGENT), null, Set.of("permis"), null, true),
            "lea", new Caller(3, "lea@example.fr", "Léa", Set.of(Role.APPLICANT), null, Set.of()));

    final List<String> calls = new ArrayList<>();

    static Authenticator auth() {
        AccountService accounts = (AccountService) Proxy.newProxyInstance(SchemeKitApiTest.class.getClassLoader(),
                new Class<?>[] {AccountService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("authenticate")) {
                        return Optional.ofNullable(SESSIONS.get((String) args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new Authenticator(() -> accounts, () -> null, () -> null);
    }

    static SchemeInfo installed(String version, SchemeState state) {
        return new SchemeInfo("permis", version, state, null, 1, "org.guichet.scheme.permis", version, null, null,
                List.of(), List.of(), LocalDate.of(2026, 1, 1), null);
    }

    final SchemeRegistry registry = new SchemeRegistry() {
        @Override public List<SchemeInfo> list() {
            return List.of(installed("1.0.0", SchemeState.ACTIVE), installed("1.1.0", SchemeState.PREVIEW));
        }
        @Override public Optional<SchemeInfo> info(String id, String version) { return Optional.empty(); }
        @Override public Optional<SchemeDescriptor> activeDescriptor(String id, String version) { return Optional.empty(); }
    };

    final SchemeDeployment deployment = new SchemeDeployment() {
        @Override public SchemeRef deployPackage(InputStream zip, String expectedId, boolean preview, String actor) {
            calls.add("deploy " + expectedId + " " + preview + " " + actor);
            return new SchemeRef("permis", "1.1.0");
        }
        @Override public boolean promote(String id, String version, String actor)
                throws SchemeNotFoundException, SchemeUnavailableException {
            calls.add("promote " + id + " " + version + " " + actor);
            return calls.stream().filter(c -> c.startsWith("promote")).count() == 1;
        }
    };

    SchemeResource resource() {
        return new SchemeResource(() -> registry, () -> null, () -> null, () -> deployment, auth());
    }

    @Test
    void aPreviewIsListedForStaffOnly() {
        for (String applicantOrNobody : new String[] {null, "Bearer lea"}) {
            assertEquals(List.of("1.0.0"), resource().list(applicantOrNobody).stream().map(SchemeInfo::version).toList());
        }
        assertEquals(List.of("1.0.0", "1.1.0"), resource().list("Bearer agent").stream().map(SchemeInfo::version).toList());
        assertEquals(Audience.STAFF, Audience.of(SESSIONS.get("agent")));
        assertEquals(Audience.PUBLIC, Audience.of(SESSIONS.get("lea")));
        assertEquals(Audience.PUBLIC, Audience.of(null));
    }

    @Test
    void onlyAnAdminWithTheSecondFactorDeploysOrPromotes() {
        record Refusal(String who, GuichetException.Kind kind, String code) { }
        for (Refusal r : List.of(new Refusal(null, GuichetException.Kind.UNAUTHENTICATED, null),
                new Refusal("Bearer lea", GuichetException.Kind.FORBIDDEN, "ADMIN_ONLY"),
                new Refusal("Bearer agent", GuichetException.Kind.FORBIDDEN, "ADMIN_ONLY"),
                new Refusal("Bearer admin", GuichetException.Kind.FORBIDDEN, "SECOND_FACTOR_REQUIRED"))) {
            GuichetException deploy = assertThrows(GuichetException.class, () -> resource().deployZip(r.who(), null,
                    null, new ByteArrayInputStream(new byte[] {1})));
            assertEquals(r.kind(), deploy.kind(), r.who());
            GuichetException promote = assertThrows(GuichetException.class,
                    () -> resource().promote(r.who(), "permis", "1.1.0"));
            assertEquals(r.kind(), promote.kind(), r.who());
            if (r.code() != null) {
                assertEquals(r.code(), deploy.code());
                assertEquals(r.code(), promote.code());
            }
        }
        assertEquals(List.of(), calls, "nothing reached the deployment service");
    }

    @Test
    void anAdminDeploysAsPreviewByDefaultAndPromotesOnce() throws Exception {
        Response r = resource().deployZip("Bearer admin2fa", null, "permis", new ByteArrayInputStream(new byte[] {1}));
        assertEquals(202, r.getStatus());
        SchemeResource.DeployedVersion v = (SchemeResource.DeployedVersion) r.getEntity();
        assertTrue(v.preview());
        resource().deployZip("Bearer admin2fa", "false", null, new ByteArrayInputStream(new byte[] {1}));
        assertEquals(List.of("deploy permis true account 4", "deploy null false account 4"), calls);
        assertTrue(resource().promote("Bearer admin2fa", "permis", "1.1.0").promoted());
        assertEquals(false, resource().promote("Bearer admin2fa", "permis", "1.1.0").promoted());
    }

    @Test
    void aRefusedZipKeepsItsCodeAndStatus() {
        SchemeDeployment refusing = new SchemeDeployment() {
            @Override public SchemeRef deployPackage(InputStream zip, String expectedId, boolean preview, String actor)
                    throws PackageRefusedException {
                throw new PackageRefusedException("ZIP_BOMB", 413, "trop gros une fois décompressé");
            }
            @Override public boolean promote(String id, String version, String actor) { return false; }
        };
        SchemeResource res = new SchemeResource(() -> registry, () -> null, () -> null, () -> refusing, auth());
        GuichetException e = assertThrows(GuichetException.class, () -> res.deployZip("Bearer admin2fa", null, null,
                new ByteArrayInputStream(new byte[] {1})));
        assertEquals(GuichetException.Kind.TOO_LARGE, e.kind());
        assertEquals("ZIP_BOMB", e.code());
    }

    @Test
    void aMalformedDateIsABadRequest() {
        GuichetException e = assertThrows(GuichetException.class,
                () -> resource().descriptor(null, "permis", null, "01/09/2027"));
        assertEquals("INVALID_DATE", e.code());
    }
}
