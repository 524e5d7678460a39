package org.guichet.dossiers.internal.jpa;

import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** An identity provider's subject linked to an account (V12): unique per provider and subject. */
@Entity
@Table(name = "IDENTITY_LINK")
public class IdentityLinkEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "PROVIDER") public String provider;
    @Column(name = "SUBJECT") public String subject;
    @Column(name = "ACCOUNT_ID") public Long accountId;
    @Column(name = "CREATED_AT") public Timestamp createdAt;
    @Column(name = "LAST_USED_AT") public Timestamp lastUsedAt;
}
