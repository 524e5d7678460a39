/** Payments: the schedule of granted installments, attendance, SEPA credit-transfer files. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.guichet.api.payments;
