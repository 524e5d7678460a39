package org.guichet.api.partners;

import java.io.InputStream;
import java.io.Reader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guichet.api.accounts.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Partner organisations and the enrolments their systems send. An enrolment's fields (traineeEmail, firstName,
 * lastName, birthDate, trainingStartDate, trainingEndDate, trainingHours, programme, regionFunded) pre-fill the
 * answers of the same names when the trainee opens a dossier.
 */
@ProviderType
public interface PartnerService {
    OrganisationCreated createOrganisation(Caller admin, String name, String kind);

    List<Organisation> organisations(Caller caller);

    /**
     * A new API key for the organisation, shown this once; the previous key keeps working for a grace period (7 days)
     * so that the partner can switch without an outage. An admin, or a mediator of that organisation.
     *
     * @since 1.1
     */
    OrganisationCreated rotateKey(Caller caller, long organisationId);

    /** Ends every key of the organisation at once, with no grace period (a key that leaked). @since 1.1 */
    Organisation revokeKey(Caller caller, long organisationId);

    /** The organisation an API key belongs to (its current key, or the previous one during the grace period). */
    Optional<Organisation> authenticate(String apiKey);

    /** Validates row by row; good rows are stored (a trainee's newer enrolment replaces the older one). */
    EnrolmentReport submitEnrolments(Organisation organisation, List<Map<String, Object>> rows);

    /** The same from a CSV file with a header line of those field names (comma or semicolon separated). */
    EnrolmentReport importCsv(Organisation organisation, Reader csv);

    /** The organisation supplies the trainee's training entry certificate for one of its enrolments. */
    long attachCertificate(Organisation organisation, long enrolmentId, String fileName, InputStream content);
}
