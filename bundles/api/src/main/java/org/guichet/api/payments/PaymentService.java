package org.guichet.api.payments;

import java.io.Reader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.guichet.api.accounts.Caller;
import org.guichet.api.partners.Organisation;
import org.osgi.annotation.versioning.ProviderType;

/** Payments of granted dossiers. */
@ProviderType
public interface PaymentService {
    /** The payments of a dossier, for its applicant, her mediator or an agent of the scheme. */
    List<Payment> payments(Caller caller, long dossierId);

    /**
     * A training organisation reports a month's attendance: rows of traineeEmail, month (YYYY-MM), attendedHours,
     * scheduledHours; the month's payable amount becomes installment × min(1, attended ÷ scheduled).
     */
    AttendanceReport reportAttendance(Organisation organisation, List<Map<String, Object>> rows);

    AttendanceReport importAttendanceCsv(Organisation organisation, Reader csv);

    /**
     * The same from the organisation's own file (.xlsx or CSV, read as {@code PartnerService.importSpreadsheet}
     * reads it; headings Courriel, Mois, Heures suivies, Heures prévues or the API's; the month as MM/YYYY too).
     *
     * @since 1.1
     */
    AttendanceReport importAttendanceSpreadsheet(Organisation organisation, java.io.InputStream content);

    /** PAYABLE payments promised on or before that day, across the schemes the agent instructs. */
    List<Payment> due(Caller agent, LocalDate asOf);

    /** Puts every payment due into one SEPA file (validated against the pain.001.001.03 schema). */
    PaymentBatch issue(Caller agent, LocalDate asOf, LocalDate executionDate);

    List<PaymentBatch> batches(Caller agent);

    Path batchFile(Caller agent, long batchId);

    /** The bank executed the file: its payments are PAID on that day. */
    PaymentBatch confirmPaid(Caller agent, long batchId, LocalDate paidOn);
}
