package org.guichet.dossiers.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Move;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Snapshot;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Step;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Transition;
import org.junit.jupiter.api.Test;

/**
 * Every state × transition, against a table written here by hand (not derived from the code): an allowed move
 * gives the state after it; a refused one gives its 409 code. The same table, rendered, must be the one in
 * docs/dossier-lifecycle.md.
 */
class DossierLifecycleTest {
    static final LocalDate TODAY = LocalDate.of(2026, 9, 15);
    static final long AGENT = 1_234L;
    static final long OTHER_AGENT = 5_678L;

    /** state → the cells in the order of {@link Transition#values()} */
    static final Map<DossierState, List<String>> TABLE = new EnumMap<>(DossierState.class);

    static {
        // SUBMIT, TAKE, RELEASE, ASSIGN, ASK_COMPLEMENT, ANSWER_COMPLEMENT, DECIDE, CORRECT, REPIN, WITHDRAW, CLOSE
        row(DossierState.DRAFT, "SUBMITTED", "409 DOSSIER_NOT_SUBMITTED", "409 DOSSIER_NOT_SUBMITTED",
                "409 DOSSIER_NOT_SUBMITTED", "409 DOSSIER_NOT_SUBMITTED", "409 COMPLEMENT_NOT_OPEN",
                "409 DOSSIER_NOT_SUBMITTED", "409 NOT_DECIDED", "409 DOSSIER_NOT_SUBMITTED", "WITHDRAWN",
                "409 DOSSIER_NOT_SUBMITTED");
        row(DossierState.SUBMITTED, "409 DOSSIER_NOT_DRAFT", "IN_REVIEW", "409 NOT_TAKEN", "IN_REVIEW",
                "WAITING_COMPLEMENT", "409 COMPLEMENT_NOT_OPEN", "GRANTED", "409 NOT_DECIDED", "SUBMITTED", "WITHDRAWN",
                "409 DOSSIER_NOT_DECIDED");
        row(DossierState.IN_REVIEW, "409 DOSSIER_NOT_DRAFT", "IN_REVIEW", "SUBMITTED", "IN_REVIEW",
                "WAITING_COMPLEMENT", "409 COMPLEMENT_NOT_OPEN", "GRANTED", "409 NOT_DECIDED", "IN_REVIEW", "WITHDRAWN",
                "409 DOSSIER_NOT_DECIDED");
        row(DossierState.WAITING_COMPLEMENT, "409 DOSSIER_NOT_DRAFT", "WAITING_COMPLEMENT", "WAITING_COMPLEMENT",
                "WAITING_COMPLEMENT", "409 COMPLEMENT_ALREADY_OPEN", "IN_REVIEW", "409 COMPLEMENT_OPEN",
                "409 NOT_DECIDED", "WAITING_COMPLEMENT", "WITHDRAWN", "CLOSED");
        row(DossierState.GRANTED, "409 DOSSIER_NOT_DRAFT", "409 DOSSIER_DECIDED", "409 DOSSIER_DECIDED",
                "409 DOSSIER_DECIDED", "409 DOSSIER_DECIDED", "409 COMPLEMENT_NOT_OPEN", "409 DOSSIER_DECIDED",
                "GRANTED", "409 DOSSIER_DECIDED", "409 DOSSIER_DECIDED", "CLOSED");
        row(DossierState.REFUSED, "409 DOSSIER_NOT_DRAFT", "409 DOSSIER_DECIDED", "409 DOSSIER_DECIDED",
                "409 DOSSIER_DECIDED", "409 DOSSIER_DECIDED", "409 COMPLEMENT_NOT_OPEN", "409 DOSSIER_DECIDED",
                "GRANTED", "409 DOSSIER_DECIDED", "409 DOSSIER_DECIDED", "CLOSED");
        row(DossierState.WITHDRAWN, "409 DOSSIER_NOT_DRAFT", "409 DOSSIER_WITHDRAWN", "409 DOSSIER_WITHDRAWN",
                "409 DOSSIER_WITHDRAWN", "409 DOSSIER_WITHDRAWN", "409 COMPLEMENT_NOT_OPEN", "409 DOSSIER_WITHDRAWN",
                "409 DOSSIER_WITHDRAWN", "409 DOSSIER_WITHDRAWN", "409 DOSSIER_WITHDRAWN", "409 DOSSIER_WITHDRAWN");
        row(DossierState.CLOSED, "409 DOSSIER_NOT_DRAFT", "409 DOSSIER_CLOSED", "409 DOSSIER_CLOSED",
                "409 DOSSIER_CLOSED", "409 DOSSIER_CLOSED", "409 COMPLEMENT_NOT_OPEN", "409 DOSSIER_CLOSED",
                "409 DOSSIER_CLOSED", "409 DOSSIER_CLOSED", "409 DOSSIER_CLOSED", "409 DOSSIER_CLOSED");
    }

    private static void row(DossierState s, String... cells) {
        if (cells.length != Transition.values().length) {
            throw new IllegalStateException(s + ": " + cells.length + " cells");
        }
        TABLE.put(s, List.of(cells));
    }

    /** The dossier in each state as the table assumes it: held by AGENT once taken, the deadline passed. */
    static Snapshot snapshot(DossierState s) {
        Long holder = s == DossierState.DRAFT || s == DossierState.SUBMITTED ? null : AGENT;
        WaitingOn on = s == DossierState.WAITING_COMPLEMENT ? WaitingOn.APPLICANT
                : s.underInstruction() ? WaitingOn.AGENT : null;
        LocalDate deadline = s.underInstruction() ? TODAY.minusDays(1) : null;
        return new Snapshot(s, on, deadline, holder);
    }

    static Move move(Transition t) {
        return switch (t) {
            case TAKE, RELEASE, ASSIGN -> Move.byAgent(t, AGENT);
            case ASK_COMPLEMENT -> Move.complement(WaitingOn.APPLICANT, TODAY.plusDays(15));
            case DECIDE, CORRECT -> Move.decision(t, DossierState.GRANTED);
            default -> Move.of(t);
        };
    }

    static String cell(DossierState s, Transition t) {
        try {
            return DossierLifecycle.next(snapshot(s), move(t), TODAY).state().name();
        } catch (GuichetException e) {
            return e.kind().status() + " " + e.code();
        }
    }

    @Test
    void everyStateTimesEveryTransition() {
        assertEquals(DossierState.values().length, TABLE.size(), "a row per state");
        List<String> wrong = new ArrayList<>();
        for (DossierState s : DossierState.values()) {
            for (Transition t : Transition.values()) {
                String expected = TABLE.get(s).get(t.ordinal());
                String actual = cell(s, t);
                if (!expected.equals(actual)) {
                    wrong.add(s + " × " + t + ": expected " + expected + " but was " + actual);
                }
            }
        }
        if (!wrong.isEmpty()) {
            fail(String.join("\n", wrong));
        }
    }

    @Test
    void theOtherColumnsFollowEachMove() {
        Step submitted = DossierLifecycle.next(snapshot(DossierState.DRAFT), Move.of(Transition.SUBMIT), TODAY);
        assertEquals(WaitingOn.AGENT, submitted.waitingOn());
        assertEquals(TODAY.plusDays(DossierLifecycle.INSTRUCTION_DAYS), submitted.deadline());
        assertNull(submitted.assigneeId());

        Step taken = DossierLifecycle.next(snapshot(DossierState.SUBMITTED), Move.byAgent(Transition.TAKE, AGENT), TODAY);
        assertEquals(AGENT, taken.assigneeId());

        Step asked = DossierLifecycle.next(snapshot(DossierState.IN_REVIEW),
                Move.complement(WaitingOn.ORGANISATION, TODAY.plusDays(10)), TODAY);
        assertEquals(WaitingOn.ORGANISATION, asked.waitingOn());
        assertEquals(TODAY.plusDays(10), asked.deadline());
        assertEquals(AGENT, asked.assigneeId());

        // the answer gives the agent a fresh deadline, whoever brought it
        Step answered = DossierLifecycle.next(snapshot(DossierState.WAITING_COMPLEMENT),
                Move.of(Transition.ANSWER_COMPLEMENT), TODAY);
        assertEquals(WaitingOn.AGENT, answered.waitingOn());
        assertEquals(TODAY.plusDays(DossierLifecycle.RESUME_DAYS), answered.deadline());
        Step answeredUnheld = DossierLifecycle.next(new Snapshot(DossierState.WAITING_COMPLEMENT, WaitingOn.APPLICANT,
                TODAY, null), Move.of(Transition.ANSWER_COMPLEMENT), TODAY);
        assertEquals(DossierState.SUBMITTED, answeredUnheld.state(), "nobody holds it: back to the queue");

        Step released = DossierLifecycle.next(snapshot(DossierState.IN_REVIEW), Move.byAgent(Transition.RELEASE, AGENT),
                TODAY);
        assertNull(released.assigneeId());

        Step decided = DossierLifecycle.next(snapshot(DossierState.IN_REVIEW),
                Move.decision(Transition.DECIDE, DossierState.REFUSED), TODAY);
        assertEquals(DossierState.REFUSED, decided.state());
        assertNull(decided.waitingOn(), "a decided dossier waits on nobody");
        assertNull(decided.deadline());
    }

    @Test
    void guardsThatDependOnMoreThanTheState() {
        GuichetException taken = assertThrows(GuichetException.class, () -> DossierLifecycle.next(
                snapshot(DossierState.IN_REVIEW), Move.byAgent(Transition.TAKE, OTHER_AGENT), TODAY));
        assertEquals("ALREADY_TAKEN", taken.code());
        assertEquals(AGENT, taken.details().get("assigneeId"));
        // the same agent taking again changes nothing
        assertEquals(AGENT, DossierLifecycle.next(snapshot(DossierState.IN_REVIEW),
                Move.byAgent(Transition.TAKE, AGENT), TODAY).assigneeId());

        // a test dossier (staff trying a version) is never sent, whatever its state
        for (DossierState st : DossierState.values()) {
            Snapshot test = new Snapshot(st, null, null, null, true);
            assertEquals("TEST_DOSSIER_NOT_SUBMITTABLE", assertThrows(GuichetException.class,
                    () -> DossierLifecycle.next(test, Move.of(Transition.SUBMIT), TODAY)).code(), st.name());
        }
        assertEquals(DossierState.WITHDRAWN, DossierLifecycle.next(new Snapshot(DossierState.DRAFT, null, null, null,
                true), Move.of(Transition.WITHDRAW), TODAY).state(), "it can be given up like any draft");

        Snapshot waitingStill = new Snapshot(DossierState.WAITING_COMPLEMENT, WaitingOn.APPLICANT, TODAY, AGENT);
        assertEquals("COMPLEMENT_DEADLINE_NOT_PASSED", assertThrows(GuichetException.class,
                () -> DossierLifecycle.next(waitingStill, Move.of(Transition.CLOSE), TODAY)).code());

        assertEquals("DEADLINE_INVALID", assertThrows(GuichetException.class, () -> DossierLifecycle.next(
                snapshot(DossierState.IN_REVIEW), Move.complement(WaitingOn.APPLICANT, TODAY), TODAY)).code());
        assertEquals("ADDRESSEE_INVALID", assertThrows(GuichetException.class, () -> DossierLifecycle.next(
                snapshot(DossierState.IN_REVIEW), Move.complement(WaitingOn.AGENT, TODAY.plusDays(3)), TODAY)).code());
        assertEquals("OUTCOME_INVALID", assertThrows(GuichetException.class, () -> DossierLifecycle.next(
                snapshot(DossierState.IN_REVIEW), Move.decision(Transition.DECIDE, DossierState.CLOSED), TODAY)).code());
    }

    /** The table in docs/dossier-lifecycle.md is this one: a change to the lifecycle changes the doc. */
    @Test
    void theDocumentedTableIsTheCodesTable() throws Exception {
        String documented = org.guichet.dossiers.testing.Docs.section("dossier-lifecycle.md", "lifecycle-table");
        assertEquals(render(), documented, "docs/dossier-lifecycle.md is out of date; the table from the code is:\n"
                + render());
    }

    static String render() {
        StringBuilder b = new StringBuilder("| state \\ transition |");
        for (Transition t : Transition.values()) {
            b.append(' ').append(t).append(" |");
        }
        b.append("\n|---|");
        for (int i = 0; i < Transition.values().length; i++) {
            b.append("---|");
        }
        for (DossierState s : DossierState.values()) {
            b.append("\n| **").append(s).append("** |");
            for (Transition t : Transition.values()) {
                String c = cell(s, t);
                b.append(' ').append(c.startsWith("409") ? c : "→ " + c).append(" |");
            }
        }
        return b.toString();
    }
}
