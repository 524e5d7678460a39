/** Partner organisations (training organisations, Missions locales), their API keys and enrolments. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.guichet.api.partners;
