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
@Table(name = "DECISION")
public class DecisionEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "DOSSIER_ID") public Long dossierId;
    /** GRANTED or REFUSED */
    @Column(name = "OUTCOME") public String outcome;
    @Column(name = "AMOUNT") public BigDecimal amount;
    @Column(name = "RULES_AMOUNT") public BigDecimal rulesAmount;
    @Column(name = "JUSTIFICATION") public String justification;
    /** JSON list of {code, label} */
    @Column(name = "REASONS") public String reasons;
    /** JSON list of Installment */
    @Column(name = "INSTALLMENTS") public String installments;
    @Column(name = "EXPLANATION") public String explanation;
    @Column(name = "PAYEE_NAME") public String payeeName;
    @Column(name = "PAYEE_IBAN") public String payeeIban;
    @Column(name = "PAYEE_BIC") public String payeeBic;
    @Column(name = "DECIDED_BY") public Long decidedBy;
    @Column(name = "DECIDED_AT") public Timestamp decidedAt;
    @Column(name = "SUPERSEDES_ID") public Long supersedesId;
    @Column(name = "LETTER_DOCUMENT_ID") public Long letterDocumentId;
    @Column(name = "SCHEME_VERSION") public String schemeVersion;
}
