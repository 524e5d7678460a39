package org.guichet.dossiers.internal.jpa;

import java.math.BigDecimal;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** A dossier an impact run found changed, or could not replay (V11). Lists are codes joined by commas. */
@Entity
@Table(name = "IMPACT_CHANGE")
public class ImpactChangeEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "RUN_ID") public Long runId;
    @Column(name = "DOSSIER_ID") public Long dossierId;
    @Column(name = "REFERENCE") public String reference;
    @Column(name = "DOSSIER_STATE") public String dossierState;
    /** 1 eligible, 0 not, null unknown */
    @Column(name = "ELIGIBLE_BEFORE") public Short eligibleBefore;
    @Column(name = "ELIGIBLE_AFTER") public Short eligibleAfter;
    @Column(name = "REASONS_GAINED") public String reasonsGained;
    @Column(name = "REASONS_LOST") public String reasonsLost;
    @Column(name = "AMOUNT_BEFORE") public BigDecimal amountBefore;
    @Column(name = "AMOUNT_AFTER") public BigDecimal amountAfter;
    @Column(name = "DOCUMENTS_ADDED") public String documentsAdded;
    @Column(name = "DOCUMENTS_DROPPED") public String documentsDropped;
    @Column(name = "ERROR") public String error;
}
