/** Documents the portal writes: decision letters (PDF), SEPA credit-transfer files. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.guichet.api.letters;
