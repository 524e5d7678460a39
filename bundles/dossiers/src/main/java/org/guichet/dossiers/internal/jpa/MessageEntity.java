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
@Table(name = "DOSSIER_MESSAGE")
public class MessageEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "DOSSIER_ID") public Long dossierId;
    @Column(name = "AUTHOR_ID") public Long authorId;
    /** APPLICANT, MEDIATOR or AGENT */
    @Column(name = "AUTHOR_ROLE") public String authorRole;
    @Column(name = "BODY") public String body;
    @Column(name = "POSTED_AT") public Timestamp postedAt;
}
