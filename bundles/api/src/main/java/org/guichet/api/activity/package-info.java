/** What happened, who did it, on whose behalf and through which channel: the measure of everyone's work. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.guichet.api.activity;
