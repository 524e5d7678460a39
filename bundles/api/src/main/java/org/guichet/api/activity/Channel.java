package org.guichet.api.activity;

/** How an action reached the portal, so that help given can be counted. */
public enum Channel {
    /** the applicant alone, online */
    ONLINE,
    /** a mediator (training organisation, Mission locale) acting under a mandate */
    MEDIATOR,
    /** an agent in the back office */
    AGENT,
    /** an agent acting for the applicant during a phone call */
    PHONE,
    /** a partner organisation's system, with its API key */
    PARTNER,
    /** an operator at the Karaf shell or through etc/ */
    OPERATOR,
    /** the portal itself (expiry, batch) */
    SYSTEM
}
