package org.guichet.dossiers.internal.lifecycle;

import static org.guichet.api.dossiers.DossierState.CLOSED;
import static org.guichet.api.dossiers.DossierState.DRAFT;
import static org.guichet.api.dossiers.DossierState.GRANTED;
import static org.guichet.api.dossiers.DossierState.IN_REVIEW;
import static org.guichet.api.dossiers.DossierState.REFUSED;
import static org.guichet.api.dossiers.DossierState.SUBMITTED;
import static org.guichet.api.dossiers.DossierState.WAITING_COMPLEMENT;
import static org.guichet.api.dossiers.DossierState.WITHDRAWN;

import java.time.LocalDate;
import java.util.Map;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.error.GuichetException;

/**
 * The dossier's lifecycle: every state × transition with its guard, and the only writer of a dossier's state, who it
 * waits on, its deadline and its assignee. Pure (no database, no clock of its own): the use cases give it the
 * dossier, the move and today's date, and it either returns the {@link Step} to apply or refuses with the
 * documented 409. A dossier row applies a move with {@code DossierEntity.move}, which asks {@link #next} here.
 *
 * <p>The table it implements is in docs/dossier-lifecycle.md, kept honest by DossierLifecycleTest.
 */
public final class DossierLifecycle {
    /** the region's target: a submitted dossier is decided within this many days */
    public static final int INSTRUCTION_DAYS = 30;
    /** after a complement arrives, the agent has this many days again */
    public static final int RESUME_DAYS = 15;

    /** What can happen to a dossier. */
    public enum Transition {
        /** the applicant (or her mediator, or an agent on a call) sends it */
        SUBMIT,
        /** an agent takes it */
        TAKE,
        /** the agent holding it puts it back in the queue */
        RELEASE,
        /** a supervisor gives it to an agent */
        ASSIGN,
        /** the agent asks the applicant or the organisation for documents or answers */
        ASK_COMPLEMENT,
        /** what was asked arrived: from the applicant, her mediator or the organisation */
        ANSWER_COMPLEMENT,
        /** granted or refused */
        DECIDE,
        /** a decision is replaced by a new, justified one */
        CORRECT,
        /** an undecided dossier moves to another version of its scheme */
        REPIN,
        /** the applicant gives up before a decision */
        WITHDRAW,
        /** archived after its decision, or closed when a complement's deadline passed unanswered */
        CLOSE
    }

    /** The four columns after a transition; made only here. */
    public static final class Step {
        private final DossierState state;
        private final WaitingOn waitingOn;
        private final LocalDate deadline;
        private final Long assigneeId;

        private Step(DossierState state, WaitingOn waitingOn, LocalDate deadline, Long assigneeId) {
            this.state = state;
            this.waitingOn = waitingOn;
            this.deadline = deadline;
            this.assigneeId = assigneeId;
        }

        public DossierState state() {
            return state;
        }

        public WaitingOn waitingOn() {
            return waitingOn;
        }

        public LocalDate deadline() {
            return deadline;
        }

        public Long assigneeId() {
            return assigneeId;
        }
    }

    /**
     * Where a dossier stands, as far as the lifecycle is concerned.
     *
     * @param test a test dossier (staff trying a version): it is never submitted, so nothing after SUBMIT happens to it
     */
    public record Snapshot(DossierState state, WaitingOn waitingOn, LocalDate deadline, Long assigneeId,
            boolean test) {
        /** A dossier that is no test dossier. */
        public Snapshot(DossierState state, WaitingOn waitingOn, LocalDate deadline, Long assigneeId) {
            this(state, waitingOn, deadline, assigneeId, false);
        }
    }

    /**
     * What a move brings.
     *
     * @param agentId   TAKE, RELEASE, ASSIGN: the agent taking, releasing, or given the dossier
     * @param addressee ASK_COMPLEMENT: who must answer (APPLICANT or ORGANISATION)
     * @param deadline  ASK_COMPLEMENT: the date it is due
     * @param outcome   DECIDE, CORRECT: GRANTED or REFUSED
     */
    public record Move(Transition transition, Long agentId, WaitingOn addressee, LocalDate deadline,
            DossierState outcome) {
        public static Move of(Transition t) {
            return new Move(t, null, null, null, null);
        }

        public static Move byAgent(Transition t, long agentId) {
            return new Move(t, agentId, null, null, null);
        }

        public static Move complement(WaitingOn addressee, LocalDate due) {
            return new Move(Transition.ASK_COMPLEMENT, null, addressee, due, null);
        }

        public static Move decision(Transition t, DossierState outcome) {
            return new Move(t, null, null, null, outcome);
        }
    }

    private DossierLifecycle() { }

    /** The step a move leads to from where the dossier stands, or the refusal (a 409, or a 400 for a bad move). */
    public static Step next(Snapshot s, Move m, LocalDate today) {
        DossierState st = s.state();
        switch (m.transition()) {
            case SUBMIT -> {
                if (s.test()) {
                    throw refuse("TEST_DOSSIER_NOT_SUBMITTABLE", "C'est un dossier de test, ouvert sur une version en"
                            + " prévisualisation : il ne peut jamais être envoyé (il n'irait à aucune instruction).");
                }
                if (st != DRAFT) {
                    throw refuse("DOSSIER_NOT_DRAFT", "Cette demande a déjà été envoyée : elle ne peut plus l'être"
                            + " une seconde fois.");
                }
                return new Step(SUBMITTED, WaitingOn.AGENT, today.plusDays(INSTRUCTION_DAYS), null);
            }
            case TAKE -> {
                requireUnderInstruction(st);
                long agent = required(m.agentId());
                if (s.assigneeId() != null && s.assigneeId().longValue() != agent) {
                    throw new GuichetException(GuichetException.Kind.CONFLICT, "ALREADY_TAKEN", null,
                            "Ce dossier est déjà pris par un autre agent.", null, Map.of("assigneeId", s.assigneeId()));
                }
                return new Step(st == SUBMITTED ? IN_REVIEW : st, s.waitingOn(), s.deadline(), agent);
            }
            case RELEASE -> {
                requireUnderInstruction(st);
                if (s.assigneeId() == null) {
                    throw refuse("NOT_TAKEN", "Personne ne tient ce dossier : il est déjà dans la file.");
                }
                return new Step(st == IN_REVIEW ? SUBMITTED : st, s.waitingOn(), s.deadline(), null);
            }
            case ASSIGN -> {
                requireUnderInstruction(st);
                return new Step(st == SUBMITTED ? IN_REVIEW : st, s.waitingOn(), s.deadline(), required(m.agentId()));
            }
            case ASK_COMPLEMENT -> {
                requireUnderInstruction(st);
                if (st == WAITING_COMPLEMENT) {
                    throw refuse("COMPLEMENT_ALREADY_OPEN", "Un complément est déjà demandé pour ce dossier.");
                }
                if (m.addressee() == null || m.addressee() == WaitingOn.AGENT) {
                    throw GuichetException.invalid("ADDRESSEE_INVALID", "addressee",
                            "Le complément est demandé à APPLICANT ou ORGANISATION.");
                }
                if (m.deadline() == null || !m.deadline().isAfter(today)) {
                    throw GuichetException.invalid("DEADLINE_INVALID", "deadline",
                            "La date limite doit être après aujourd'hui.");
                }
                return new Step(WAITING_COMPLEMENT, m.addressee(), m.deadline(), s.assigneeId());
            }
            case ANSWER_COMPLEMENT -> {
                if (st != WAITING_COMPLEMENT) {
                    throw refuse("COMPLEMENT_NOT_OPEN", "Aucun complément n'est attendu pour ce dossier.");
                }
                return new Step(s.assigneeId() == null ? SUBMITTED : IN_REVIEW, WaitingOn.AGENT,
                        today.plusDays(RESUME_DAYS), s.assigneeId());
            }
            case DECIDE -> {
                requireUnderInstruction(st);
                if (st == WAITING_COMPLEMENT) {
                    throw refuse("COMPLEMENT_OPEN", "Un complément est attendu : attendez la réponse avant de décider.");
                }
                return new Step(outcome(m), null, null, s.assigneeId());
            }
            case CORRECT -> {
                if (!st.decided()) {
                    requireNotEnded(st);
                    throw refuse("NOT_DECIDED", "Ce dossier n'a pas encore de décision à corriger.");
                }
                return new Step(outcome(m), null, null, s.assigneeId());
            }
            case REPIN -> {
                requireUnderInstruction(st);
                return new Step(st, s.waitingOn(), s.deadline(), s.assigneeId());
            }
            case WITHDRAW -> {
                if (st == DRAFT || st.underInstruction()) {
                    return new Step(WITHDRAWN, null, null, s.assigneeId());
                }
                requireNotEnded(st);
                throw refuse("DOSSIER_DECIDED", "Cette demande est déjà décidée : elle ne peut plus être retirée.");
            }
            case CLOSE -> {
                if (st.decided()) {
                    return new Step(CLOSED, null, null, s.assigneeId());
                }
                if (st == WAITING_COMPLEMENT) {
                    if (s.deadline() == null || !s.deadline().isBefore(today)) {
                        throw refuse("COMPLEMENT_DEADLINE_NOT_PASSED", "Le complément peut encore arriver : la date"
                                + " limite n'est pas passée.");
                    }
                    return new Step(CLOSED, null, null, s.assigneeId());
                }
                requireNotEnded(st);
                if (st == DRAFT) {
                    throw notSubmitted();
                }
                throw refuse("DOSSIER_NOT_DECIDED", "Ce dossier attend une décision : décidez-le avant de le clore.");
            }
            default -> throw new IllegalArgumentException("unknown transition " + m.transition());
        }
    }

    private static void requireUnderInstruction(DossierState st) {
        if (st.underInstruction()) {
            return;
        }
        requireNotEnded(st);
        if (st == DRAFT) {
            throw notSubmitted();
        }
        throw refuse("DOSSIER_DECIDED", "Ce dossier est déjà décidé.");
    }

    private static void requireNotEnded(DossierState st) {
        if (st == WITHDRAWN) {
            throw refuse("DOSSIER_WITHDRAWN", "Cette demande a été retirée par la personne.");
        }
        if (st == CLOSED) {
            throw refuse("DOSSIER_CLOSED", "Ce dossier est clos.");
        }
    }

    private static GuichetException notSubmitted() {
        return refuse("DOSSIER_NOT_SUBMITTED", "Cette demande n'a pas encore été envoyée.");
    }

    private static DossierState outcome(Move m) {
        if (m.outcome() != GRANTED && m.outcome() != REFUSED) {
            throw GuichetException.invalid("OUTCOME_INVALID", "outcome",
                    "La décision est GRANTED (accordée) ou REFUSED (refusée).");
        }
        return m.outcome();
    }

    private static long required(Long agentId) {
        if (agentId == null) {
            throw new IllegalArgumentException("this transition needs the agent");
        }
        return agentId;
    }

    private static GuichetException refuse(String code, String message) {
        return GuichetException.conflict(code, message);
    }
}
