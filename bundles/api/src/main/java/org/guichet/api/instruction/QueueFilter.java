package org.guichet.api.instruction;

import java.time.LocalDate;

/**
 * What an agent asks of the queue; every criterion is optional.
 *
 * @param assigneeId    dossiers taken by this agent (a supervisor may name any of hers)
 * @param unassigned    only dossiers nobody has taken
 * @param waitingOn     AGENT, APPLICANT or ORGANISATION
 * @param minAgeDays    submitted at least this many days ago
 * @param deadlineBefore deadline on or before this day
 */
public record QueueFilter(String schemeId, String state, Long assigneeId, Boolean unassigned, String waitingOn,
        Integer minAgeDays, LocalDate deadlineBefore) {

    public static QueueFilter all() {
        return new QueueFilter(null, null, null, null, null, null, null);
    }
}
