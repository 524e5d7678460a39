package org.guichet.dossiers.internal.jpa;

/** Where a mandate stands. */
public enum MandateState {
    /** asked, or recorded with a signed form: waits for the applicant's confirmation (or an agent's check) */
    PENDING,
    /** confirmed: the mediator reaches the dossiers filed under it or shared with it */
    ACTIVE,
    /** ended by the applicant or the mediator */
    REVOKED,
    /** the signed form was found not valid by an agent */
    REFUSED
}
