package org.guichet.dossiers.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Opening a dossier when no version is served today: each case says why, in words and by code. */
class SchemesInForceTest {
    static Schemes with(SchemeState state) {
        SchemeInfo only = new SchemeInfo("permis", "2.0.0", state, null, 1, "org.guichet.scheme.permis", "2.0.0", null,
                null, List.of(), List.of(), LocalDate.now().plusYears(1), null);
        return new Schemes(new SchemeRegistry() {
            @Override public List<SchemeInfo> list() { return List.of(only); }
            @Override public Optional<SchemeInfo> info(String id, String version) { return Optional.of(only); }
            // none served today: an ACTIVE one starts next year, a PREVIEW one is nobody's, a FAILED one is broken
            @Override public Optional<SchemeDescriptor> activeDescriptor(String id, String version) {
                return Optional.empty();
            }
        });
    }

    @ParameterizedTest(name = "only a {0} version → {1}")
    @CsvSource({"ACTIVE, SCHEME_NOT_IN_FORCE, UNAVAILABLE", "PREVIEW, SCHEME_NOT_FOUND, NOT_FOUND",
            "FAILED, SCHEME_UNAVAILABLE, UNAVAILABLE"})
    void noVersionServedToday(SchemeState state, String code, GuichetException.Kind kind) {
        GuichetException e = assertThrows(GuichetException.class, () -> with(state).active("permis", null));
        assertEquals(code, e.code());
        assertEquals(kind, e.kind());
    }

    @Test
    void anUnknownSchemeIsNotFound() {
        assertEquals("SCHEME_NOT_FOUND", assertThrows(GuichetException.class,
                () -> with(SchemeState.ACTIVE).active("autre", null)).code());
    }
}
