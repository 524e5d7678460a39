package org.guichet.dossiers.internal.jpa;

import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "ENROLMENT")
public class EnrolmentEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "ORGANISATION_ID") public Long organisationId;
    @Column(name = "TRAINEE_EMAIL") public String traineeEmail;
    @Column(name = "FIRST_NAME") public String firstName;
    @Column(name = "LAST_NAME") public String lastName;
    /** JSON object of the answers it pre-fills (training dates, hours, programme, regionFunded, birthDate) */
    @Column(name = "DATA") public String data;
    @Column(name = "CERTIFICATE_DOCUMENT_ID") public Long certificateDocumentId;
    @Column(name = "RECEIVED_AT") public Timestamp receivedAt;
}
