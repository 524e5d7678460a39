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
@Table(name = "PHONE_CALL")
public class PhoneCallEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "AGENT_ID") public Long agentId;
    @Column(name = "APPLICANT_ID") public Long applicantId;
    @Column(name = "DOSSIER_ID") public Long dossierId;
    @Column(name = "REASON") public String reason;
    @Column(name = "OUTCOME") public String outcome;
    @Column(name = "STARTED_AT") public Timestamp startedAt;
    @Column(name = "ENDED_AT") public Timestamp endedAt;
    /** the call gives access until it ends, and never after this */
    @Column(name = "ENDS_AT") public Timestamp endsAt;
}
