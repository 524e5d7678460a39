/** Scheme deployment history, kept in the database. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.guichet.api.events;
