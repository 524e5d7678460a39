package org.guichet.api.dossiers;

/** Where a dossier stands. */
public enum DossierState {
    /** being prepared: answers and documents can change */
    DRAFT,
    /** submitted with its evaluation snapshot and receipt; waits for an agent */
    SUBMITTED
}
