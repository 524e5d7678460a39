package org.guichet.api.accounts;

/** PENDING until the email address is proven (activation link or one-time code); DISABLED by an admin. */
public enum AccountState { PENDING, ACTIVE, DISABLED }
