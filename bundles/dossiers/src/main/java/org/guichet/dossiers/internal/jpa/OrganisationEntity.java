package org.guichet.dossiers.internal.jpa;

import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "ORGANISATION")
public class OrganisationEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "NAME") public String name;
    @Column(name = "KIND") public String kind;
    @Column(name = "API_KEY_HASH") public String apiKeyHash;
    @Column(name = "CREATED_AT") public Timestamp createdAt;
    /** after a rotation, the previous key works until previousKeyUntil (the grace period) */
    @Column(name = "PREVIOUS_KEY_HASH") public String previousKeyHash;
    @Column(name = "PREVIOUS_KEY_UNTIL") public Timestamp previousKeyUntil;
    @Column(name = "KEY_CHANGED_AT") public Timestamp keyChangedAt;
}
