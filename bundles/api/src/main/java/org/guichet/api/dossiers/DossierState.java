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
    REFUSED
}
