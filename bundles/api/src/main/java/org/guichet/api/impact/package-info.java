/**
 * Impact of a candidate scheme version before it is promoted: a background run replays the candidate on the
 * dossiers of a period (with their stored answers) and compares with the evaluation stored on each; it never changes
 * a dossier.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.guichet.api.impact;
