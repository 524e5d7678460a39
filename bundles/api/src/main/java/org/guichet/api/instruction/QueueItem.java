package org.guichet.api.instruction;

import java.time.Instant;
import java.time.LocalDate;
import org.guichet.api.dossiers.PersonRef;

/** One line of the queue. */
public record QueueItem(long id, String reference, String schemeId, String schemeTitle, String state,
        PersonRef applicant, PersonRef assignee, String waitingOn, Instant submittedAt, long ageDays,
        LocalDate deadline, long version) { }
