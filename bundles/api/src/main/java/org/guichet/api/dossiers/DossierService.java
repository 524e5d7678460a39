package org.guichet.api.dossiers;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.accounts.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Dossiers, for applicants and their mediators. A dossier someone may not see is "not found", never
 * "forbidden": its existence does not leak. Every change is recorded with its actor and channel.
 */
@ProviderType
public interface DossierService {
    /**
     * Opens a DRAFT pinned to the scheme version in force.
     *
     * @param applicantId the applicant, when a mediator files for her under an ACTIVE mandate; null for oneself
     */
    Dossier create(Caller caller, String schemeId, Long applicantId);

    /**
     * Opens a test dossier: a DRAFT for the region's staff (agents, supervisors, admins acting as themselves) on the
     * version they are served today — a PREVIEW newer than the ACTIVE one when there is one — to try its questions,
     * documents and amounts before promoting it. It can be answered and get documents like any draft, is seen by its
     * author alone, and is never submitted (409 TEST_DOSSIER_NOT_SUBMITTABLE). Anyone else: 403
     * TEST_DOSSIER_STAFF_ONLY.
     *
     * @since 1.2.0
     */
    Dossier openTest(Caller caller, String schemeId);

    Dossier get(Caller caller, long dossierId);

    /** The same, with the rules' messages (missing answers, reasons, documents) in that language. */
    default Dossier get(Caller caller, long dossierId, Locale locale) {
        return get(caller, dossierId);
    }

    /** The caller's own dossiers; for a mediator, those of the applicants who mandated her. */
    List<DossierSummary> list(Caller caller);

    /**
     * Saves the given answers at once (a null value clears one), whatever their validity, and returns the dossier
     * with its live evaluation. Values of the wrong shape are refused, nothing saved.
     *
     * @param expectedVersion the version the caller last read, or null to skip the check
     */
    Dossier saveAnswers(Caller caller, long dossierId, Map<String, Object> answers, Long expectedVersion);

    /** The same, with the live evaluation's messages in that language. */
    default Dossier saveAnswers(Caller caller, long dossierId, Map<String, Object> answers, Long expectedVersion,
            Locale locale) {
        return saveAnswers(caller, dossierId, answers, expectedVersion);
    }

    /** Adds a file (or replaces {@code replaces}) in a DRAFT; its type is read from its bytes. */
    DossierDocument addDocument(Caller caller, long dossierId, String documentType, String fileName,
            InputStream content, Long replaces);

    void deleteDocument(Caller caller, long dossierId, long documentId);

    DocumentContent document(Caller caller, long dossierId, long documentId);

    /**
     * Submits: refused (CONFLICT, with the missing answers and documents) unless complete; else SUBMITTED with the
     * evaluation snapshot, committed before the receipt is returned and mailed. Submitting again returns the
     * same receipt.
     */
    Receipt submit(Caller caller, long dossierId);

    /**
     * The applicant (or the mediator who files under her mandate) withdraws a dossier that is not decided yet: it
     * becomes WITHDRAWN, an agent holding it is told, and nothing more happens to it.
     *
     * @since 1.1
     */
    Dossier withdraw(Caller caller, long dossierId, String reason);

    /**
     * The applicant lets a mediator who holds her ACTIVE mandate see and complete one of her own dossiers (a mandate
     * alone reaches only the dossiers filed under it); {@code mandateId} null stops sharing it.
     *
     * @since 1.1
     */
    Dossier share(Caller caller, long dossierId, Long mandateId);

    /**
     * What organisations that enrolled the applicant offer to put into this DRAFT (pre-filled answers, their training
     * entry certificate), waiting for her acceptance; empty for anyone but the applicant and her mediator.
     *
     * @since 1.1
     */
    List<EnrolmentOffer> offers(Caller caller, long dossierId);

    /**
     * The applicant (or her mediator) accepts an organisation's offer: its answers and certificate enter the draft,
     * marked as the organisation's, and the dossier names it as the training organisation.
     *
     * @since 1.1
     */
    Dossier acceptOffer(Caller caller, long dossierId, long enrolmentId);
}
