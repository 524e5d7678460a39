package org.guichet.dossiers.internal.jpa;

import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "STORED_DOCUMENT")
public class DocumentEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    /** null for a mandate's consent form or a certificate not yet attached to a dossier */
    @Column(name = "DOSSIER_ID") public Long dossierId;
    @Column(name = "DOCUMENT_TYPE") public String documentType;
    @Column(name = "FILE_NAME") public String fileName;
    @Column(name = "MEDIA_TYPE") public String mediaType;
    @Column(name = "SIZE_BYTES") public long sizeBytes;
    @Column(name = "SHA256") public String sha256;
    @Column(name = "UPLOADED_AT") public Timestamp uploadedAt;
    @Column(name = "UPLOADED_BY") public Long uploadedBy;
    @Column(name = "ORGANISATION_ID") public Long organisationId;
    /** APPLICANT, MEDIATOR, ORGANISATION */
    @Column(name = "SOURCE") public String source;
}
