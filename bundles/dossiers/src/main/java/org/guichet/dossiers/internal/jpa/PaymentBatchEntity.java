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
@Table(name = "PAYMENT_BATCH")
public class PaymentBatchEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "MESSAGE_ID") public String messageId;
    @Column(name = "CREATED_AT") public Timestamp createdAt;
    @Column(name = "CREATED_BY") public Long createdBy;
    @Column(name = "EXECUTION_DATE") public Date executionDate;
    @Column(name = "TX_COUNT") public int txCount;
    @Column(name = "TOTAL") public BigDecimal total;
    /** ISSUED or PAID */
    @Column(name = "STATUS") public String status;
    @Column(name = "SHA256") public String sha256;
    @Column(name = "PAID_ON") public Date paidOn;
}
