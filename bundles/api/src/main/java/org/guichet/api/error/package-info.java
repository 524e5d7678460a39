/** The one failure type of the domain services: a kind (mapped to an HTTP status), a stable code, a field. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.guichet.api.error;
