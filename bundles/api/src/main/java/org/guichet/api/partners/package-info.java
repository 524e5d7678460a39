/** Partner organisations (training organisations, Missions locales), their API keys and enrolments. */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.guichet.api.partners;
