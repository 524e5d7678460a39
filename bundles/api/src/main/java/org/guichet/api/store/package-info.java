/** The database as a dependency: present once the schema migrations are applied. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.guichet.api.store;
