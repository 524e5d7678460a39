/** Rate limits per client address, per mail address and per account, counted in the database. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.guichet.api.limits;
