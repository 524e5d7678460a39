package org.guichet.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.guichet.api.accounts.Caller;
import org.guichet.api.error.GuichetException;
import org.guichet.api.observatory.ObservatoryService;
import org.guichet.api.observatory.Summary;
import org.guichet.api.partners.Organisation;
import org.junit.jupiter.api.Test;

/** The REST face of the observatory: its parameters refused with the field, the session's caller passed on. */
class ObservatoryResourceTest {
    final List<String> calls = new ArrayList<>();

    ObservatoryResource resource() {
        ObservatoryService s = new ObservatoryService() {
            @Override
            public void simulated(String schemeId) {
                calls.add("simulated " + schemeId);
            }

            @Override
            public Summary summary(Caller viewer, String schemeId, LocalDate from, LocalDate to, Long organisationId) {
                calls.add(viewer.displayName() + " " + schemeId + " " + from + " " + to + " " + organisationId);
                return null;
            }

            @Override
            public Summary summary(Organisation organisation, String schemeId, LocalDate from, LocalDate to) {
                calls.add(organisation.name());
                return null;
            }
        };
        return new ObservatoryResource(() -> s, ApiExposureTest.auth());
    }

    static GuichetException refusal(Runnable r) {
        return assertThrows(GuichetException.class, r::run);
    }

    @Test
    void badParametersAreRefusedWithTheirField() {
        ObservatoryResource r = resource();
        assertEquals("scheme", refusal(() -> r.summary("Bearer admin", null, null, "2026-01-01", "2026-12-31", null))
                .field());
        GuichetException from = refusal(() -> r.summary("Bearer admin", null, "vt", "2026-13-01", "2026-12-31", null));
        assertEquals("DATE_INVALID", from.code());
        assertEquals("from", from.field());
        assertEquals("to", refusal(() -> r.summary("Bearer admin", null, "vt", "2026-01-01", null, null)).field());
        assertEquals(List.of(), calls, "nothing asked of the service");
    }

    @Test
    void theSessionsCallerIsPassedOnAndNoSessionIs401() {
        ObservatoryResource r = resource();
        r.summary("Bearer admin", null, "vt", "2026-01-01", "2026-12-31", 7L);
        assertEquals(List.of("Admin vt 2026-01-01 2026-12-31 7"), calls);
        assertEquals(GuichetException.Kind.UNAUTHENTICATED, refusal(() -> r.summary(null, null, "vt", "2026-01-01",
                "2026-12-31", null)).kind());
    }
}
