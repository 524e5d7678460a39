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
@Table(name = "COMPLEMENT_REQUEST")
public class ComplementRequestEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "DOSSIER_ID") public Long dossierId;
    @Column(name = "MESSAGE") public String message;
    /** comma-separated */
    @Column(name = "DOCUMENT_TYPES") public String documentTypes;
    /** comma-separated */
    @Column(name = "FIELDS") public String fields;
    @Column(name = "DEADLINE") public Date deadline;
    /** APPLICANT or ORGANISATION */
    @Column(name = "ADDRESSEE") public String addressee;
    /** OPEN or ANSWERED */
    @Column(name = "STATE") public String state;
    @Column(name = "REQUESTED_BY") public Long requestedBy;
    @Column(name = "REQUESTED_AT") public Timestamp requestedAt;
    @Column(name = "ANSWERED_BY") public Long answeredBy;
    @Column(name = "ANSWERED_AT") public Timestamp answeredAt;
    @Column(name = "ANSWER") public String answer;
}
