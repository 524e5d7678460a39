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

    /**
     * The same from the file the organisation already has, whatever its name: an .xlsx workbook (first sheet) or a
     * CSV as French Excel writes it (semicolon or comma; UTF-8 or Windows-1252, detected strictly: a file that is
     * neither is refused, never read with a letter replaced); the API's column names or the French headings; dates
     * as DD/MM/YYYY or YYYY-MM-DD. Each row error gives the row's number (1 = the first row after the headings).
     *
     * @since 1.2
     */
    EnrolmentReport importSpreadsheet(Organisation organisation, InputStream content);

    /** The caller's organisation's enrolments and their dossiers (a MEDIATOR of an organisation). @since 1.2 */
    List<Trainee> trainees(Caller caller);

    /** An organisation, its staff and its key state: an admin, or a member of it. @since 1.2 */
    OrganisationOverview overview(Caller caller, long organisationId);

    /**
     * {@link #rotateKey(Caller, long)} only if the key is still at {@code expectedVersion} ({@link KeyState#version});
     * else 409 KEY_CHANGED_MEANWHILE and nothing changes.
     *
     * @since 1.2
     */
    OrganisationCreated rotateKey(Caller caller, long organisationId, String expectedVersion);

    /** {@link #revokeKey(Caller, long)}, conditional the same way. @since 1.2 */
    Organisation revokeKey(Caller caller, long organisationId, String expectedVersion);

    /** The organisation supplies the trainee's training entry certificate for one of its enrolments. */
    long attachCertificate(Organisation organisation, long enrolmentId, String fileName, InputStream content);
}
