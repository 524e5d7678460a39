package org.guichet.dossiers.internal.jpa;

import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

@Entity
@Table(name = "MANDATE")
public class MandateEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "MEDIATOR_ID") public Long mediatorId;
    @Column(name = "ORGANISATION_ID") public Long organisationId;
    @Column(name = "APPLICANT_ID") public Long applicantId;
    @javax.persistence.Enumerated(javax.persistence.EnumType.STRING) @Column(name = "STATE") public MandateState state;
    /** EMAIL_CONFIRMATION or SIGNED_CONSENT */
    @Column(name = "METHOD") public String method;
    @Column(name = "CONSENT_DOCUMENT_ID") public Long consentDocumentId;
    @Column(name = "CREATED_AT") public Timestamp createdAt;
    @Column(name = "ACCEPTED_AT") public Timestamp acceptedAt;
    @Column(name = "REVOKED_AT") public Timestamp revokedAt;
    @Column(name = "REVOKED_BY") public Long revokedBy;
    /** the agent who checked a signed consent form, when, and what she found */
    @Column(name = "CHECKED_BY") public Long checkedBy;
    @Column(name = "CHECKED_AT") public Timestamp checkedAt;
    @Column(name = "CHECK_COMMENT") public String checkComment;
    @Version @Column(name = "VERSION") public long version;
}
