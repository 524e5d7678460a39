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

    /** A mediator records a mandate with the consent form the applicant signed: ACTIVE at once. */
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
}
