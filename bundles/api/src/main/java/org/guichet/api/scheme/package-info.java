/** Aid schemes: descriptors, lifecycle states, and the evaluation of answers against a scheme's rules. */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.guichet.api.scheme;
