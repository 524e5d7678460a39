/** Readiness contract: each part of the portal that must be ready before it serves registers a HealthIndicator. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.guichet.api.health;
