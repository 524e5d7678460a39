package org.guichet.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.rules.engine.descriptor.SchemeModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validFrom / validUntil / referenceDate in scheme.yaml: read, and every mistake named with its line. */
class DescriptorDatesTest {
    @TempDir Path dir;
    private int copies;

    private CompilationResult compileWith(String lines) {
        return Fixture.copy("mini", dir.resolve("copy" + (++copies))).replace("scheme.yaml", "version: 2.1.0\n", "version: 2.1.0\n" + lines).compile();
    }

    private static SchemeProblem only(CompilationResult r) {
        assertFalse(r.ok(), "the scheme should not compile");
        List<SchemeProblem> d = r.problems().stream().filter(p -> "DESCRIPTOR".equals(p.kind())).toList();
        assertEquals(1, d.size(), r.problems().toString());
        return d.get(0);
    }

    @Test
    void datesAreRead() {
        CompilationResult r = compileWith("validFrom: 2027-01-01\nvalidUntil: \"2027-12-31\"\nreferenceDate: APPLICATION_DATE\n");
        assertTrue(r.ok(), () -> r.problems().toString());
        SchemeModel.Validity v = r.scheme().validity();
        assertEquals(LocalDate.of(2027, 1, 1), v.validFrom());
        assertEquals(LocalDate.of(2027, 12, 31), v.validUntil());
        assertEquals("APPLICATION_DATE", v.referenceDate());
    }

    @Test
    void noDatesMeansAlwaysInForce() {
        CompilationResult r = compileWith("");
        assertTrue(r.ok(), () -> r.problems().toString());
        assertNull(r.scheme().validity().validFrom());
        assertNull(r.scheme().validity().validUntil());
    }

    @Test
    void aMalformedDateIsNamedWithItsLine() {
        SchemeProblem p = only(compileWith("validFrom: 2027-13-01\n"));
        assertEquals("scheme.yaml", p.file());
        assertEquals(4, p.line());
        assertTrue(p.message().contains("validFrom '2027-13-01' must be a date written YYYY-MM-DD"), p.message());
        p = only(compileWith("validFrom: 1/1/2027\n"));
        assertEquals(4, p.line());
    }

    @Test
    void validUntilBeforeValidFromIsRefused() {
        SchemeProblem p = only(compileWith("validFrom: 2027-06-01\nvalidUntil: 2027-05-31\n"));
        assertEquals(5, p.line());
        assertTrue(p.message().contains("validUntil 2027-05-31 is before validFrom 2027-06-01"), p.message());
    }

    @Test
    void anUnknownReferenceDateIsRefused() {
        SchemeProblem p = only(compileWith("referenceDate: TRAINING_START\n"));
        assertEquals(4, p.line());
        assertTrue(p.message().contains("referenceDate 'TRAINING_START' is not known"), p.message());
    }
}
