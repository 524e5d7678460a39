package org.guichet.web.internal;

import static org.guichet.web.internal.OrganisationPagesRefusalTest.caller;
import static org.guichet.web.internal.OrganisationPagesRefusalTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.junit.jupiter.api.Test;

/**
 * The impact page and its CSV: an applicant, a mediator or an agent is refused (403, a page in words) before any
 * service is asked; an admin or a supervisor goes through the gate (here to a 503, the services being absent), and
 * the service then decides for the scheme (a supervisor of another scheme: 403 IMPACT_FORBIDDEN, ImpactRunTest).
 */
class ImpactPageRefusalTest {
    static final List<String> PAGES = List.of("/admin/dispositifs/vocational-training/0.9.0/impact",
            "/admin/dispositifs/vocational-training/0.9.0/impact/export.csv");

    @Test
    void onlyAdminsAndSupervisorsPassTheGate() throws Exception {
        for (Caller refused : List.of(caller(Set.of(Role.APPLICANT), null), caller(Set.of(Role.MEDIATOR), 7L),
                caller(Set.of(Role.AGENT), null))) {
            for (String path : PAGES) {
                OrganisationPagesRefusalTest.Answer a = get(path, refused);
                assertEquals(403, a.status(), refused.roles() + " on " + path);
                assertTrue(a.body().contains("Cette page sert aux directions et aux administrateurs"), a.body());
            }
        }
        for (Caller allowed : List.of(caller(Set.of(Role.ADMIN), null), caller(Set.of(Role.SUPERVISOR), null))) {
            for (String path : PAGES) {
                assertEquals(503, get(path, allowed).status(), "past the gate: " + allowed.roles() + " on " + path);
            }
        }
    }
}
