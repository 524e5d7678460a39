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
@Table(name = "DOCUMENT_CHECK")
public class DocumentCheckEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "DOSSIER_ID") public Long dossierId;
    @Column(name = "DOCUMENT_ID") public Long documentId;
    @Column(name = "DOCUMENT_TYPE") public String documentType;
    /** ACCEPTED or REJECTED */
    @Column(name = "STATUS") public String status;
    @Column(name = "REASON_CODE") public String reasonCode;
    @Column(name = "COMMENT_TEXT") public String comment;
    @Column(name = "AGENT_ID") public Long agentId;
    @Column(name = "CHECKED_AT") public Timestamp checkedAt;
}
