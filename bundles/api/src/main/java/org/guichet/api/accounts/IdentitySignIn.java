package org.guichet.api.accounts;

/**
 * What signing in with a verified identity gave.
 *
 * @param outcome     what happened
 * @param grant       the session, unless {@link Outcome#LINK_NEEDED}
 * @param maskedEmail for {@link Outcome#LINK_NEEDED}: the address whose mailbox must be proven, masked
 *                    ({@code c…e@exemple.fr}) so that the page can say where the code went
 * @since 2.3
 */
public record IdentitySignIn(Outcome outcome, SessionGrant grant, String maskedEmail) {

    /** The three ways a verified identity's sign-in ends. */
    public enum Outcome {
        /** an account was already linked to this identity: signed in */
        SIGNED_IN,
        /** no account had the identity's address: an ACTIVE applicant account was created from it, signed in */
        CREATED,
        /**
         * an account has the identity's address but no link: nothing is merged until the person proves that mailbox
         * with a mailed code ({@link AccountService#linkVerifiedIdentity}); a code was mailed
         */
        LINK_NEEDED
    }
}
