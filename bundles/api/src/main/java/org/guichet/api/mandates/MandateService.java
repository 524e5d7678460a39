package org.guichet.api.mandates;

import java.io.InputStream;
import java.util.List;
import org.guichet.api.accounts.Caller;
import org.osgi.annotation.versioning.ProviderType;

/** Mandates between applicants and mediators. */
@ProviderType
public interface MandateService {
    /**
     * A mediator asks an applicant for a mandate: the applicant (an account is opened for her address if she has
     * none) receives a link and a code by email.
     */
    Mandate request(Caller mediator, String applicantEmail, String applicantName);

    /**
     * A mediator records the consent form the applicant signed: the mandate stays PENDING until the applicant
     * confirms it (link or code mailed to her, as for {@link #request}) or an agent checks the scan.
     */
    Mandate recordSignedConsent(Caller mediator, String applicantEmail, String applicantName, String fileName,
            InputStream consentForm);

    /** The applicant accepts with the link's token (no session needed: the token proves the mailbox). */
    Mandate acceptWithToken(String token);

    /** The applicant, or the mediator she read it to, enters the mailed code. */
    Mandate acceptWithCode(Caller caller, long mandateId, String code);

    /** The applicant (or the mediator) ends the mandate; dossiers stay the applicant's. */
    Mandate revoke(Caller caller, long mandateId);

    /** The caller's mandates: given (applicant) or held (mediator). */
    List<Mandate> list(Caller caller);

    /**
     * Signed consent forms waiting for a check, for agents and supervisors.
     *
     * @since 1.1
     */
    List<Mandate> consentsToCheck(Caller agent);

    /**
     * An agent checks a signed consent form: valid, the mandate becomes ACTIVE; not valid, it is REFUSED (with the
     * reason, told to the mediator). Only PENDING signed-consent mandates can be checked.
     *
     * @since 1.1
     */
    Mandate checkConsent(Caller agent, long mandateId, boolean valid, String comment);

    /**
     * The signed consent form's file, for the applicant, the mediator and agents.
     *
     * @since 1.1
     */
    org.guichet.api.dossiers.DocumentContent consentForm(Caller caller, long mandateId);
}
