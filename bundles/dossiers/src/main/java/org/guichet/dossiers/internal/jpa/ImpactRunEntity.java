package org.guichet.dossiers.internal.jpa;

import java.sql.Date;
import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import org.guichet.api.impact.ImpactRunState;

/** A replay of a candidate scheme version (V11); written only by the impact worker and at start-up. */
@Entity
@Table(name = "IMPACT_RUN")
public class ImpactRunEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "SCHEME_ID") public String schemeId;
    @Column(name = "CANDIDATE_VERSION") public String candidateVersion;
    @Column(name = "BASELINE_VERSION") public String baselineVersion;
    @Column(name = "PERIOD_FROM") public Date periodFrom;
    @Column(name = "PERIOD_TO") public Date periodTo;
    @Enumerated(EnumType.STRING) @Column(name = "STATE") public ImpactRunState state;
    @Column(name = "DONE_COUNT") public int doneCount;
    @Column(name = "TOTAL_COUNT") public int totalCount;
    @Column(name = "FAILED_COUNT") public int failedCount;
    @Column(name = "LAST_DOSSIER_ID") public Long lastDossierId;
    @Column(name = "STARTED_BY") public Long startedBy;
    @Column(name = "STARTED_BY_NAME") public String startedByName;
    @Column(name = "CREATED_AT") public Timestamp createdAt;
    @Column(name = "STARTED_AT") public Timestamp startedAt;
    @Column(name = "ENDED_AT") public Timestamp endedAt;
    @Column(name = "ERROR") public String error;
    /** JSON of ImpactResults (its run left out), once DONE */
    @Column(name = "RESULTS") public String results;
}
