package org.guichet.api.partners;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One of the organisation's enrolments, with the dossiers that name the organisation for this trainee: what its
 * staff may see (never the answers or the documents, which are the applicant's).
 *
 * @since 1.2
 */
public record Trainee(long enrolmentId, String email, String firstName, String lastName, LocalDate trainingStart,
        LocalDate trainingEnd, String programme, Instant receivedAt, boolean certificateReceived,
        List<TraineeDossier> dossiers) {

    /**
     * A dossier naming the organisation: its state, whom it waits on and until when, and — when an agent asked the
     * organisation for something — the complement's message and the documents it still waits for.
     *
     * @param waitingOn       APPLICANT, AGENT, ORGANISATION… (null when it waits on nobody)
     * @param complementId    the open complement addressed to the organisation, if any
     * @param missingDocuments the document types that complement still waits for
     */
    public record TraineeDossier(long dossierId, String reference, String schemeId, String state, String waitingOn,
            LocalDate deadline, Long complementId, String complementMessage, List<String> missingDocuments) { }
}
