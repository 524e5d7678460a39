package org.guichet.api.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One installment to pay.
 *
 * @param month          YYYY-MM
 * @param payableAmount  what is due now: the installment, adjusted by attendance for a recurring scheme; null
 *                       while attendance is awaited
 * @param promisedDate   when it is promised (the 10th of the month after, or of the decision month)
 * @param status         SCHEDULED (awaiting attendance), PAYABLE, ISSUED (in a SEPA file), PAID
 */
public record Payment(long id, long dossierId, String reference, String month, BigDecimal promisedAmount,
        BigDecimal payableAmount, LocalDate promisedDate, String status, Long batchId, LocalDate paidOn,
        BigDecimal attendedHours, BigDecimal scheduledHours, String payeeName, String payeeIban) { }
