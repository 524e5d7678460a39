package org.guichet.api.dossiers;

/** Where a dossier stands. */
public enum DossierState {
    /** being prepared: answers and documents can change */
    DRAFT,
    /** submitted with its evaluation snapshot and receipt; waits for an agent to take it */
    SUBMITTED,
    /** an agent has taken it */
    IN_REVIEW,
    /** a complement was asked: waits on the applicant (or the organisation), who may add what was asked */
    WAITING_COMPLEMENT,
    /** decided: granted (payments follow) */
    GRANTED,
    /** decided: refused, with reasons */
    REFUSED,
    /** withdrawn by the applicant (or her mediator) before a decision: nothing more happens to it */
    WITHDRAWN,
    /** closed by an agent: archived after its decision, or left without an answer past a complement's deadline */
    CLOSED;

    /** Submitted and not yet decided, withdrawn or closed: an agent has work on it. */
    public boolean underInstruction() {
        return this == SUBMITTED || this == IN_REVIEW || this == WAITING_COMPLEMENT;
    }

    /** Granted or refused (a decision exists and may still be corrected). */
    public boolean decided() {
        return this == GRANTED || this == REFUSED;
    }
}
