package org.guichet.api.accounts;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An identity an identity provider vouched for (FranceConnect: the ID token's signature, issuer, audience, nonce and
 * expiry were checked, and the userinfo's subject is the token's), as the sign-in gets it.
 *
 * @param provider    who vouched, e.g. {@code FRANCECONNECT}: a link is unique per provider and subject
 * @param subject     the provider's stable identifier of the person ({@code sub}), never shown
 * @param givenNames  {@code given_name}: every given name, space separated
 * @param familyName  {@code family_name}: the birth name
 * @param birthDate   {@code birthdate}; null when the provider did not give it
 * @param email       the address the provider knows (not proven to Guichet: a link to an existing account with
 *                    this address needs a mailed code)
 * @param acr         the authentication context the provider reports ({@code eidas1} …)
 * @since 2.3
 */
public record VerifiedIdentity(String provider, String subject, String givenNames, String familyName,
        LocalDate birthDate, String email, String acr) {

    /** The provider name of FranceConnect. */
    public static final String FRANCECONNECT = "FRANCECONNECT";

    public VerifiedIdentity {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(subject, "subject");
    }

    /** "Given names Family name", what the portal calls her. */
    public String displayName() {
        String g = givenNames == null ? "" : givenNames.strip();
        String f = familyName == null ? "" : familyName.strip();
        return (g + " " + f).strip();
    }
}
