package org.guichet.dossiers.internal.jpa;

import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "AUTH_SESSION")
public class SessionEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "TOKEN_HASH") public String tokenHash;
    @Column(name = "ACCOUNT_ID") public Long accountId;
    /** PASSWORD or CODE */
    @Column(name = "METHOD") public String method;
    @Column(name = "CREATED_AT") public Timestamp createdAt;
    @Column(name = "LAST_SEEN_AT") public Timestamp lastSeenAt;
    @Column(name = "EXPIRES_AT") public Timestamp expiresAt;
    @Column(name = "ABSOLUTE_EXPIRY") public Timestamp absoluteExpiry;
    @Column(name = "ENDED_AT") public Timestamp endedAt;
}
