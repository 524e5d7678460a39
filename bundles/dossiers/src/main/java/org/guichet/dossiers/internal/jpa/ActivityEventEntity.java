package org.guichet.dossiers.internal.jpa;

import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "ACTIVITY_EVENT")
public class ActivityEventEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "OCCURRED_AT") public Timestamp occurredAt;
    @Column(name = "EVENT_TYPE") public String type;
    @Column(name = "ACTOR_ID") public Long actorId;
    @Column(name = "ACTOR_NAME") public String actorName;
    @Column(name = "ON_BEHALF_OF_ID") public Long onBehalfOfId;
    @Column(name = "CHANNEL") public String channel;
    @Column(name = "DOSSIER_ID") public Long dossierId;
    @Column(name = "ORGANISATION_ID") public Long organisationId;
    @Column(name = "DETAIL") public String detail;
}
