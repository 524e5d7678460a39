package org.guichet.store.internal;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import org.guichet.api.events.SchemeEvent;

@Entity
@Table(name = "SCHEME_EVENT")
public class SchemeEventEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    private Long id;

    // a java.sql.Timestamp column: Instant mapping needs JPA 2.2 and the container offers 2.1 as well
    @Column(name = "OCCURRED_AT", nullable = false)
    private java.sql.Timestamp occurredAt;

    @Column(name = "SCHEME_ID", nullable = false, length = 100)
    private String schemeId;

    @Column(name = "SCHEME_VERSION", length = 50)
    private String schemeVersion;

    @Column(name = "BUNDLE", length = 255)
    private String bundle;

    @Column(name = "EVENT_TYPE", nullable = false, length = 30)
    private String type;

    @Column(name = "DETAIL", length = 4000)
    private String detail;

    protected SchemeEventEntity() { }

    static SchemeEventEntity from(SchemeEvent e) {
        SchemeEventEntity x = new SchemeEventEntity();
        x.occurredAt = java.sql.Timestamp.from(e.at() == null ? Instant.now() : e.at());
        x.schemeId = e.schemeId();
        x.schemeVersion = e.version();
        x.bundle = e.bundle();
        x.type = e.type();
        x.detail = e.detail() == null ? null : e.detail().length() > 4000 ? e.detail().substring(0, 3997) + "..." : e.detail();
        return x;
    }

    SchemeEvent toEvent() {
        return new SchemeEvent(id, occurredAt.toInstant(), schemeId, schemeVersion, bundle, type, detail);
    }
}
