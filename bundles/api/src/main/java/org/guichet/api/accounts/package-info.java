/** Accounts, roles, sign-in (password or one-time code by email), sessions. */
@org.osgi.annotation.versioning.Version("2.3.0")
package org.guichet.api.accounts;
