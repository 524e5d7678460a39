package org.guichet.api.observatory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the observatory says of a scheme over a period. Every count below {@code minimumCell} (but 0) is null with
 * {@code suppressed} true, and so is a second cell where a total minus the shown cells would reveal it.
 *
 * @param organisationId  null for the whole scheme, else the organisation whose trainees' figures these are
 * @param funnel          the steps in order: SIMULATED, ACCOUNT_CREATED, ACCOUNT_ACTIVATED, DOSSIER_OPENED,
 *                        ANSWERS_COMPLETE, DOCUMENTS_COMPLETE, SUBMITTED, DECIDED, FIRST_PAYMENT
 * @param stops           the last step reached by the dossiers opened in the period and never submitted
 * @param refusedAtUpload documents refused by the checks at upload, by type and reason, most frequent first
 * @param channels        submissions by who filed them: ONLINE, MEDIATOR, PHONE, PARTNER
 * @param delays          each as days: median and 90th percentile
 * @param complements     documents asked again or rejected, by type, outcome and reason
 * @param complementsAnsweredBy complements answered, by who answered: ONLINE (the applicant alone), MEDIATOR, PHONE
 *                        (an agent for her during a call), PARTNER (her training organisation)
 */
public record Summary(String schemeId, LocalDate from, LocalDate to, Long organisationId, int minimumCell,
        List<Step> funnel, List<Count> stops, List<DocumentCount> refusedAtUpload, List<Count> channels,
        Assistance assistance, List<Delay> delays, List<DocumentCount> complements, List<Count> complementsAnsweredBy,
        Outcomes outcomes,
        Instant computedAt) {

    /**
     * A funnel step.
     *
     * @param unit "simulations" (runs of the simulator, not people), "accounts" (portal-wide: an account is not tied
     *             to a scheme) or "dossiers" (opened in the period)
     */
    public record Step(String step, String unit, Long count, boolean suppressed) { }

    /** A count, suppressed when small. */
    public record Count(String key, Long count, boolean suppressed) { }

    /** Documents of a type, with an outcome (REFUSED_AT_UPLOAD, REJECTED, ASKED_AGAIN) and its reason's code. */
    public record DocumentCount(String documentType, String outcome, String reason, Long count, boolean suppressed) { }

    /**
     * A distribution in days (or minutes for assistance): how many values, their median and 90th percentile
     * (nearest rank), all null and suppressed when fewer than the minimum cell.
     */
    public record Delay(String name, String unit, Long count, Double median, Double p90, boolean suppressed) { }

    /**
     * An organisation's share of the help.
     *
     * @param attendanceReported months of attendance it reported for its trainees (lines of its sheets)
     */
    public record OrganisationHelp(long organisationId, String name, Long mediatedDossiers, Long prefilledDossiers,
            Long answersSupplied, Long documentsSupplied, Long attendanceReported, Long estimatedMinutes,
            boolean suppressed) { }

    /**
     * The help given.
     *
     * @param phoneCallsOnDossiers      calls about a dossier opened in the period
     * @param phoneMinutesOnDossiers    their minutes in total
     * @param phoneMinutesPerDossier    per dossier that had at least one call
     * @param phoneCallsAboutAccounts   calls about an account (signing in, activating) in the period, portal-wide
     * @param phoneMinutesAboutAccounts their minutes
     * @param mediatedDossiers          dossiers a mediator acted on
     * @param organisationAttendance    months of attendance the organisations reported (lines of their sheets)
     * @param agentMinutesPerDossier    estimated agent time per decided dossier (method in docs/observatory.md)
     * @param organisations             per organisation: mediated and pre-filled dossiers, what it supplied, its
     *                                  estimated minutes
     */
    public record Assistance(Count phoneCallsOnDossiers, Count phoneMinutesOnDossiers, Delay phoneMinutesPerDossier,
            Count phoneCallsAboutAccounts, Count phoneMinutesAboutAccounts, Count mediatedDossiers,
            Count mediatorMinutes, Count organisationAnswers, Count organisationDocuments, Count organisationAttendance,
            Count organisationEstimatedMinutes, Delay agentMinutesPerDossier, List<OrganisationHelp> organisations) { }

    /** Decisions: granted, refused, and the rules' first reason of each refusal. */
    public record Outcomes(Count granted, Count refused, List<Count> refusedReasons) { }
}
