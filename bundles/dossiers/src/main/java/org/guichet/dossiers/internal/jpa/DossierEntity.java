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
@Table(name = "DOSSIER")
public class DossierEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "REFERENCE") public String reference;
    @Column(name = "SCHEME_ID") public String schemeId;
    @Column(name = "SCHEME_VERSION") public String schemeVersion;
    @Column(name = "STATE") public String state;
    @Column(name = "APPLICANT_ID") public Long applicantId;
    @Column(name = "CREATED_BY") public Long createdBy;
    @Column(name = "MANDATE_ID") public Long mandateId;
    /** JSON object: field name → value as JSON gives it */
    @Column(name = "ANSWERS") public String answers;
    /** JSON object: field name → who gave it (e.g. ORGANISATION:12) for pre-filled answers */
    @Column(name = "ANSWER_SOURCES") public String answerSources;
    /** JSON of the Evaluation stored at submission */
    @Column(name = "EVALUATION") public String evaluation;
    /** JSON of the Receipt */
    @Column(name = "RECEIPT") public String receipt;
    @Column(name = "CREATED_AT") public Timestamp createdAt;
    @Column(name = "UPDATED_AT") public Timestamp updatedAt;
    @Column(name = "SUBMITTED_AT") public Timestamp submittedAt;
    /** the agent who took it */
    @Column(name = "ASSIGNEE_ID") public Long assigneeId;
    /** AGENT, APPLICANT or ORGANISATION once submitted */
    @Column(name = "WAITING_ON") public String waitingOn;
    @Column(name = "DEADLINE") public java.sql.Date deadline;
    @Column(name = "DECIDED_AT") public Timestamp decidedAt;
    /** optimistic lock: two people editing at once never overwrite each other silently */
    @Version @Column(name = "VERSION") public long version;
}
