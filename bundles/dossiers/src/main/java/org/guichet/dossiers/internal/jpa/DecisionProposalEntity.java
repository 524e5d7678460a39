package org.guichet.dossiers.internal.jpa;

import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** A decision waiting for a second agent (V8). */
@Entity
@Table(name = "DECISION_PROPOSAL")
public class DecisionProposalEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "DOSSIER_ID") public Long dossierId;
    /** the dossier's version when proposed: a dossier changed since makes the proposal stale */
    @Column(name = "DOSSIER_VERSION") public long dossierVersion;
    /** the DecisionRequest as JSON */
    @Column(name = "REQUEST") public String request;
    /** comma-separated reasons for approval */
    @Column(name = "WHY") public String why;
    /** PENDING or APPROVED */
    @Column(name = "STATUS") public String status;
    @Column(name = "PROPOSED_BY") public Long proposedBy;
    @Column(name = "PROPOSED_AT") public Timestamp proposedAt;
    @Column(name = "APPROVED_BY") public Long approvedBy;
    @Column(name = "APPROVED_AT") public Timestamp approvedAt;
    @Column(name = "DECISION_ID") public Long decisionId;
}
