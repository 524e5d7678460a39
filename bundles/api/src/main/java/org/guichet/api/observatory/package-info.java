/**
 * The observatory of applications, assistance and delays (issue 15): the figures a directorate needs to govern a
 * scheme, with no personal data and small counts suppressed.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.guichet.api.observatory;
