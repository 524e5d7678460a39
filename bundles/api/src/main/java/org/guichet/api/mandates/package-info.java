/** Mandates: an applicant lets a mediator file for her, and can see and revoke it. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.guichet.api.mandates;
