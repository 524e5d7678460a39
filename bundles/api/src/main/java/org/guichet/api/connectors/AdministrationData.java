package org.guichet.api.connectors;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.scheme.AnswerSource;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Fetches, with the applicant's consent, the answers an administration holds and puts them into a dossier as
 * sourced answers (read-only for the applicant, shown to the agent with the time they were fetched). A connector
 * without configuration (etc/org.guichet.connectors.cfg) is switched off: its source is not {@link #available()}.
 *
 * <p>Failures never block the application: the applicant continues the old way (typing and uploading). They are
 * {@code GuichetException}s with a French message: INVALID CONSENT_REQUIRED / IDENTIFIER_REQUIRED (400), FORBIDDEN or
 * NOT_FOUND for who may not act on the dossier, NOT_FOUND ADMINISTRATION_NOT_FOUND (the administration knows no such
 * person), UNAVAILABLE ADMINISTRATION_UNAVAILABLE (down, too slow, or an unreadable answer; 503), UNAVAILABLE
 * SOURCE_OFF (switched off), CONFLICT when the dossier can no longer change, TOO_MANY_ATTEMPTS RATE_LIMITED.
 */
@ProviderType
public interface AdministrationData {
    /** DGFIP: the tax number (numéro fiscal, 13 digits). */
    String TAX_NUMBER = "taxNumber";
    /** DGFIP: the tax notice's reference (référence de l'avis, 13 characters). */
    String NOTICE_REFERENCE = "noticeReference";
    /** FRANCE_TRAVAIL: the job seeker's France Travail identifier. */
    String JOB_SEEKER_ID = "jobSeekerId";

    /** The identifiers the applicant gives for that source, in the order she is asked them. */
    static List<String> identifiers(AnswerSource source) {
        return switch (source) {
            case DGFIP -> List.of(TAX_NUMBER, NOTICE_REFERENCE);
            case FRANCE_TRAVAIL -> List.of(JOB_SEEKER_ID);
            case FRANCECONNECT -> List.of(); // given by the sign-in, never asked here
        };
    }

    /** The sources whose connector is configured and switched on (never FRANCECONNECT, which is the sign-in's). */
    Set<AnswerSource> available();

    /**
     * Asks the administration, with her consent, and stores what it gives as the answers of the dossier's fields
     * that name that source (their {@code sourceDatum}). Consent is recorded as an event before the administration is
     * asked, the answers as another event after.
     *
     * @param identifiers {@link #identifiers(AnswerSource)} of the source, as she typed them
     * @param consent     she ticked the consent; without it nothing is asked (400 CONSENT_REQUIRED)
     * @return the dossier with its new answers
     */
    Dossier fetch(Caller caller, long dossierId, AnswerSource source, Map<String, String> identifiers,
            boolean consent);

    /**
     * The sources that can also be asked in API Particulier's FranceConnect mode (no identifier: her FranceConnect
     * access token names her), with the data scopes to ask FranceConnect for each; empty when that mode is off.
     *
     * @since 1.1
     */
    default Map<AnswerSource, List<String>> franceConnectScopes() {
        return Map.of();
    }

    /**
     * The same as {@link #fetch}, in FranceConnect mode: the administration is asked with her FranceConnect access
     * token ({@code Authorization: Bearer}) and no identifier. {@code subject} is the {@code sub} of the ID token
     * checked when the token was given: it must be the FranceConnect identity linked to the account of the dossier's
     * applicant, otherwise nothing is asked (403 FRANCECONNECT_OTHER_PERSON). The token is used once, at once, and
     * never stored or logged. Refusals otherwise those of {@link #fetch} (CONSENT_REQUIRED first of all).
     *
     * @since 1.1
     */
    default Dossier fetchWithFranceConnect(Caller caller, long dossierId, AnswerSource source, String subject,
            String accessToken, boolean consent) {
        throw new UnsupportedOperationException("no FranceConnect mode");
    }
}
