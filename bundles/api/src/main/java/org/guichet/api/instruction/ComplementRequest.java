package org.guichet.api.instruction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.guichet.api.dossiers.PersonRef;

/**
 * What an agent asks for to go on: documents and answers, with a message in plain French and a deadline.
 *
 * @param addressee APPLICANT (or her mediator) or ORGANISATION (the training organisation)
 * @param state     OPEN, ANSWERED
 */
public record ComplementRequest(long id, String message, List<String> documentTypes, List<String> fields,
        LocalDate deadline, String addressee, String state, PersonRef requestedBy, Instant requestedAt,
        PersonRef answeredBy, Instant answeredAt, String answer) { }
