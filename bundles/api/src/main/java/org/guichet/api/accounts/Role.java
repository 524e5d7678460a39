package org.guichet.api.accounts;

/** What an account may do. */
public enum Role {
    /** applies for aids, for herself */
    APPLICANT,
    /** a member of an organisation (training organisation, Mission locale) who files under mandates */
    MEDIATOR,
    /** instructs the dossiers of the schemes assigned */
    AGENT,
    /** oversees agents and their queues */
    SUPERVISOR,
    /** manages accounts, organisations and schemes */
    ADMIN,
    /**
     * a member of the directorate that governs the schemes: reads the observatory's figures (issue 15), nothing else;
     * it gives no access to any dossier
     */
    DIRECTORATE
}
