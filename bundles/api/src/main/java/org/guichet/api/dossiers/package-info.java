/** Dossiers: answers saved as typed, documents, the live evaluation, submission and its receipt. */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.guichet.api.dossiers;
