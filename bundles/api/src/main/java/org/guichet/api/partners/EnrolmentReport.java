package org.guichet.api.partners;

import java.util.List;

/** What became of a batch: good rows are kept, each bad row is said. */
public record EnrolmentReport(int received, int accepted, List<Long> enrolmentIds, List<RowError> rejected) { }
