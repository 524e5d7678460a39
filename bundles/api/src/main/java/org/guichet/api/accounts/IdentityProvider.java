package org.guichet.api.accounts;

import java.net.URI;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An OpenID Connect provider people sign in with (FranceConnect), as the web pages use it. Registered only while it
 * is configured (etc/org.guichet.franceconnect.cfg): no service, no button. Every refusal is a
 * {@link org.guichet.api.error.GuichetException} whose code says which check failed (see
 * {@link #complete}); its message is French and readable.
 *
 * @since 2.3
 */
@ProviderType
public interface IdentityProvider {

    /** {@link VerifiedIdentity#provider()} of the identities it gives, e.g. {@code FRANCECONNECT}. */
    String id();

    /**
     * Starts a sign-in: a fresh {@code state}, {@code nonce} and PKCE verifier are kept server-side (single use, a few
     * minutes) with the hash of a browser binding that the page sets as a cookie, so that a callback is accepted only
     * in the browser that started it.
     */
    Start begin();

    /**
     * The provider sent the browser back. The state must be one this provider gave and not used yet (a replayed state
     * is refused), in the browser that started it; the code is exchanged with PKCE; the ID token's signature is
     * checked against the provider's published keys, its issuer, audience, expiry and nonce; its {@code acr} against
     * the configured one; the userinfo's {@code sub} must be the token's. Refusal codes: OIDC_CANCELLED (the person
     * or the provider said no), OIDC_PROVIDER_ERROR, OIDC_STATE_UNKNOWN (unknown, replayed, expired or from another
     * browser), OIDC_TOKEN_INVALID (signature, issuer, audience), OIDC_TOKEN_EXPIRED, OIDC_NONCE_MISMATCH,
     * OIDC_ACR_INSUFFICIENT, OIDC_USERINFO_MISMATCH, OIDC_CLAIMS_MISSING, OIDC_UNAVAILABLE (the provider did not
     * answer).
     *
     * @param callback       the query parameters of the callback (code, state, or error, error_description)
     * @param browserBinding the cookie set by the page at {@link #begin}
     */
    Completion complete(Map<String, String> callback, String browserBinding);

    /**
     * Where to send the browser to sign out at the provider too (end_session with {@code id_token_hint} and the
     * configured {@code post_logout_redirect_uri}); null when the provider has no such endpoint.
     */
    URI logout(String idToken);

    /**
     * Starts a return to the provider of the person already signed in with it, to be given an access token for data
     * scopes (FranceConnect's "API FranceConnectées": the access token, not an identifier, names her to the
     * administration). The same state, nonce, PKCE and browser binding as {@link #begin}; the {@code purpose} (what
     * the portal will do with the token) is kept server-side with the state and given back by
     * {@link #completeDataAccess}.
     *
     * @param scopes  the data scopes asked besides {@code openid}
     * @param purpose opaque to the provider, at most 200 characters
     * @since 2.4
     */
    default Start beginDataAccess(java.util.List<String> scopes, String purpose) {
        throw new UnsupportedOperationException("no data access with this provider");
    }

    /**
     * Whether this callback's state was started by {@link #beginDataAccess} (true) rather than a sign-in (false);
     * the state is not used up. False for a state it does not know.
     *
     * @since 2.4
     */
    default boolean isDataAccess(Map<String, String> callback) {
        return false;
    }

    /**
     * The provider sent the browser back from {@link #beginDataAccess}: the same checks as {@link #complete} on the
     * state, the code and the ID token (signature, issuer, audience, expiry, nonce, acr). The caller must then check
     * that {@link DataAccess#subject()} is the person of the dossier before using the token; the token is to be used
     * at once and never stored, logged or shown. Refusal codes: those of {@link #complete}.
     *
     * @since 2.4
     */
    default DataAccess completeDataAccess(Map<String, String> callback, String browserBinding) {
        throw new UnsupportedOperationException("no data access with this provider");
    }

    /**
     * @param location       where to send the browser (the provider's authorization endpoint with every parameter)
     * @param browserBinding the value the page keeps in a cookie until the callback
     */
    record Start(URI location, String browserBinding) { }

    /** @param idToken the raw ID token, kept by the page for the logout's {@code id_token_hint} */
    record Completion(VerifiedIdentity identity, String idToken) { }

    /**
     * What a data access gives: who the provider says came back ({@code sub} of the checked ID token), the purpose
     * given at {@link #beginDataAccess}, the scopes granted, and the access token (its {@link #toString()} never
     * shows it).
     *
     * @since 2.4
     */
    record DataAccess(String provider, String subject, String purpose, java.util.List<String> scopes,
            String accessToken) {
        @Override
        public String toString() {
            return "DataAccess[" + provider + ", subject=" + subject + ", purpose=" + purpose + ", scopes=" + scopes
                    + ", accessToken=(hidden)]";
        }
    }
}
