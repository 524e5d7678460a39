/**
 * Data from the administrations instead of documents ("dites-le-nous une fois"): with the applicant's consent, the
 * portal asks an administration (API Particulier style) for answers she would otherwise type and prove with a
 * document.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.guichet.api.connectors;
