package org.guichet.dossiers.internal.jpa;

import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** A mailed secret (link token or code), kept only as its SHA-256. */
@Entity
@Table(name = "ACCOUNT_TOKEN")
public class AccountTokenEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "ACCOUNT_ID") public Long accountId;
    /** ACTIVATION, PASSWORD_RESET, SIGN_IN_CODE, MANDATE_LINK, MANDATE_CODE */
    @Column(name = "PURPOSE") public String purpose;
    @Column(name = "TOKEN_HASH") public String tokenHash;
    /** what the token is about (the mandate), else null */
    @Column(name = "SUBJECT_ID") public Long subjectId;
    @Column(name = "CREATED_AT") public Timestamp createdAt;
    @Column(name = "EXPIRES_AT") public Timestamp expiresAt;
    @Column(name = "USED_AT") public Timestamp usedAt;
    @Column(name = "ATTEMPTS") public int attempts;
}
