package org.guichet.dossiers.internal.lifecycle;

/** Whose move it is on a dossier under instruction. */
public enum WaitingOn {
    /** an agent of the region must act (take, check, decide) */
    AGENT,
    /** the applicant (or her mediator) must send what a complement request asks */
    APPLICANT,
    /** the training organisation must send what a complement request asks */
    ORGANISATION
}
