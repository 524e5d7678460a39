package org.guichet.api.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A SEPA credit-transfer file (pain.001.001.03) and what it pays. */
public record PaymentBatch(long id, String messageId, Instant createdAt, LocalDate executionDate, int count,
        BigDecimal total, List<Long> paymentIds, String status, String sha256) { }
