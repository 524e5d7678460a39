package org.guichet.api.dossiers;

import java.time.Instant;
import java.util.List;

/**
 * An organisation's enrolment of the applicant, offered to a draft she had already opened: nothing of it enters the
 * dossier until she (or her mediator) accepts.
 *
 * @param fields      the questions its data would answer
 * @param certificate whether it brings a training entry certificate the scheme asks for
 */
public record EnrolmentOffer(long enrolmentId, long organisationId, String organisationName, List<String> fields,
        boolean certificate, Instant receivedAt) { }
