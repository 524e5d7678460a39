/** Outgoing mail: activation links, one-time codes, receipts, decisions. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.guichet.api.mail;
