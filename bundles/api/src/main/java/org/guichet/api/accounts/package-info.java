/** Accounts, roles, sign-in (password, mailed one-time code, or an identity verified by FranceConnect), sessions. */
@org.osgi.annotation.versioning.Version("2.4.0")
package org.guichet.api.accounts;
