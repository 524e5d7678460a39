package org.guichet.api.partners;

/** A member of an organisation's staff (a MEDIATOR account of it); state as the account's (PENDING, ACTIVE, DISABLED). @since 1.2 */
public record Member(long accountId, String displayName, String email, String state) { }
