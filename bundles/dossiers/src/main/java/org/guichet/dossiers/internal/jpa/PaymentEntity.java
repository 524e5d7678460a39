package org.guichet.dossiers.internal.jpa;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

@Entity
@Table(name = "PAYMENT")
public class PaymentEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "DOSSIER_ID") public Long dossierId;
    @Column(name = "DECISION_ID") public Long decisionId;
    /** YYYY-MM */
    @Column(name = "MONTH_KEY") public String month;
    @Column(name = "PROMISED_AMOUNT") public BigDecimal promisedAmount;
    @Column(name = "PAYABLE_AMOUNT") public BigDecimal payableAmount;
    @Column(name = "PROMISED_DATE") public Date promisedDate;
    /** SCHEDULED, PAYABLE, ISSUED, PAID, CANCELLED */
    @Column(name = "STATUS") public String status;
    @Column(name = "ATTENDED_HOURS") public BigDecimal attendedHours;
    @Column(name = "SCHEDULED_HOURS") public BigDecimal scheduledHours;
    @Column(name = "BATCH_ID") public Long batchId;
    @Column(name = "PAID_ON") public Date paidOn;
    @Version @Column(name = "VERSION") public long version;
}
