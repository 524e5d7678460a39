package org.guichet.api.payments;

import java.util.List;
import org.guichet.api.partners.RowError;

/** What became of an attendance batch: each good row set a month's payable amount; each bad row is said. */
public record AttendanceReport(int received, int accepted, List<Long> paymentIds, List<RowError> rejected) { }
