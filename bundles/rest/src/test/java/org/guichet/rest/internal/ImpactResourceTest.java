package org.guichet.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;
import org.guichet.api.impact.ImpactChange;
import org.guichet.api.impact.ImpactChanges;
import org.guichet.api.impact.ImpactResults;
import org.guichet.api.impact.ImpactRun;
import org.guichet.api.impact.ImpactRunState;
import org.guichet.api.impact.ImpactService;
import org.junit.jupiter.api.Test;

/**
 * The impact resource over a service double: who is refused (the service decides; its refusal comes out as it is),
 * the newest run by default, a run of another version is not found, JSON or CSV by format or Accept.
 */
class ImpactResourceTest {
    static final ImpactRun DONE = new ImpactRun(7, "vt", "2.0.0", "1.0.0", LocalDate.of(2026, 9, 1),
            LocalDate.of(2026, 9, 30), ImpactRunState.DONE, 3, 3, 0, "Adèle", Instant.now(), Instant.now(),
            Instant.now(), null);

    final List<String> calls = new ArrayList<>();

    ImpactService service = new ImpactService() {
        @Override
        public ImpactRun start(Caller staff, String schemeId, String v, LocalDate from, LocalDate to) {
            calls.add("start " + staff.email() + " " + schemeId + " " + v + " " + from + " " + to);
            if (!staff.has(Role.ADMIN)) {
                throw GuichetException.forbidden("IMPACT_FORBIDDEN", "non");
            }
            return new ImpactRun(8, schemeId, v, "1.0.0", from, to, ImpactRunState.QUEUED, 0, 0, 0, "A",
                    Instant.now(), null, null, null);
        }

        @Override
        public boolean isCandidate(String schemeId, String v) {
            return v.equals("2.0.0");
        }

        @Override
        public ImpactRun run(Caller staff, long runId) {
            return DONE;
        }

        @Override
        public Optional<ImpactRun> latest(Caller staff, String schemeId, String v) {
            return v.equals("2.0.0") ? Optional.of(DONE) : Optional.empty();
        }

        @Override
        public List<ImpactRun> runs(Caller staff, String schemeId, String v) {
            return List.of(DONE);
        }

        @Override
        public ImpactResults results(Caller staff, long runId) {
            return new ImpactResults(DONE, 3, 1, 0, 1, 0, List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(), BigDecimal.TEN, BigDecimal.ONE);
        }

        @Override
        public ImpactChanges changes(Caller staff, long runId, int page, int size) {
            calls.add("changes " + runId + " " + page + " " + size);
            return new ImpactChanges(List.of(), page, size, 0);
        }

        @Override
        public void eachChange(Caller staff, long runId, Consumer<ImpactChange> sink) {
            sink.accept(new ImpactChange(41, "VT-2026-0000041", "GRANTED", true, false, List.of("TRAINING_TOO_SHORT"),
                    List.of(), new BigDecimal("2582.76"), null, List.of(), List.of("RIB"), null));
            sink.accept(new ImpactChange(42, "VT-2026-0000042", "SUBMITTED", true, null, List.of(), List.of(), null,
                    null, List.of(), List.of(), "=cmd; \"x\""));
        }
    };

    ImpactResource resource() {
        return new ImpactResource(() -> service, ApiExposureTest.auth());
    }

    @Test
    void startingIsForWhomTheServiceAllowsAndAnswers202() {
        GuichetException refused = assertThrows(GuichetException.class, () -> resource().start("Bearer agent", "vt",
                "2.0.0", new ImpactResource.ImpactPeriod("2026-09-01", "2026-09-30")));
        assertEquals(403, refused.kind().status());
        assertEquals(401, assertThrows(GuichetException.class, () -> resource().start(null, "vt", "2.0.0",
                new ImpactResource.ImpactPeriod("2026-09-01", "2026-09-30"))).kind().status());
        Response r = resource().start("Bearer admin", "vt", "2.0.0", new ImpactResource.ImpactPeriod("2026-09-01",
                "2026-09-30"));
        assertEquals(202, r.getStatus());
        assertEquals(ImpactRunState.QUEUED, ((ImpactResource.ImpactStatus) r.getEntity()).run().state());
        assertEquals("start admin@example.fr vt 2.0.0 2026-09-01 2026-09-30", calls.get(calls.size() - 1));
        assertEquals("DATE_INVALID", assertThrows(GuichetException.class, () -> resource().start("Bearer admin", "vt",
                "2.0.0", new ImpactResource.ImpactPeriod("01/09/2026", "2026-09-30"))).code());
    }

    @Test
    void theStatusIsJsonWithResultsOnceDoneOrTheChangedDossiersAsCsv() throws Exception {
        Response json = resource().status("Bearer admin", "application/json", "vt", "2.0.0", null, null);
        ImpactResource.ImpactStatus s = (ImpactResource.ImpactStatus) json.getEntity();
        assertEquals(100, s.percent());
        assertEquals(1, s.results().becameIneligible());
        for (Response csv : List.of(resource().status("Bearer admin", null, "vt", "2.0.0", null, "csv"),
                resource().status("Bearer admin", "text/csv", "vt", "2.0.0", null, null))) {
            assertTrue(csv.getMediaType().toString().startsWith("text/csv"), csv.getMediaType().toString());
            assertTrue(String.valueOf(csv.getHeaderString("Content-Disposition")).contains("impact-vt-2.0.0-run-7.csv"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ((StreamingOutput) csv.getEntity()).write(out);
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
            assertEquals(3, lines.length);
            assertTrue(lines[0].startsWith("reference;etat;eligible_avant"), lines[0]);
            assertEquals("VT-2026-0000041;GRANTED;oui;non;TRAINING_TOO_SHORT;;2582.76;;-2582.76;;RIB;", lines[1]);
            // a formula is never handed to a spreadsheet; a semicolon or a quote is quoted
            assertEquals("VT-2026-0000042;SUBMITTED;oui;;;;;;;;;\"'=cmd; \"\"x\"\"\"", lines[2]);
        }
    }

    @Test
    void aVersionWithoutRunOrARunOfAnotherVersionIsNotFound() {
        assertEquals("IMPACT_RUN_NOT_FOUND", assertThrows(GuichetException.class,
                () -> resource().status("Bearer admin", null, "vt", "3.0.0", null, null)).code());
        assertEquals("IMPACT_RUN_NOT_FOUND", assertThrows(GuichetException.class,
                () -> resource().changes("Bearer admin", "vt", "3.0.0", 7L, 1, 10)).code());
        resource().changes("Bearer admin", "vt", "2.0.0", null, null, null);
        assertEquals("changes 7 1 100", calls.get(calls.size() - 1));
        assertNull(((ImpactResource.ImpactStatus) resource().start("Bearer admin", "vt", "2.0.0",
                new ImpactResource.ImpactPeriod("2026-09-01", "2026-09-30")).getEntity()).results());
    }
}
