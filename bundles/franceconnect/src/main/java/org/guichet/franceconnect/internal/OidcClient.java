package org.guichet.franceconnect.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.guichet.api.accounts.IdentityProvider;
import org.guichet.api.accounts.VerifiedIdentity;
import org.guichet.api.error.GuichetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenID Connect client of one provider, on the Nimbus OAuth 2.0 SDK: authorization code flow with state, nonce
 * and PKCE (S256); the ID token checked by Nimbus's {@link IDTokenValidator} (signature against the provider's JWKS,
 * issuer, audience, expiry, nonce), then its acr; the userinfo (JSON, or a signed JWT as FranceConnect v2 answers)
 * whose sub must be the token's. The provider's discovery document is read at first use and kept (read again after a
 * failure), so that the portal starts whether or not the provider answers.
 */
public final class OidcClient implements IdentityProvider {
    private static final Logger LOG = LoggerFactory.getLogger(OidcClient.class);

    private final FranceConnectConfig config;
    private final PendingSignIns pending;
    /** a hook on the token endpoint's answers, for tests that tamper with the ID token on its way; else identity */
    private final UnaryOperator<HTTPResponse> tokenResponses;
    private volatile Provider provider;

    /** What the discovery document said, and the validator built from it. */
    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator, JWKSource<SecurityContext> keys) { }

    public OidcClient(FranceConnectConfig config) {
        this(config, UnaryOperator.identity());
    }

    OidcClient(FranceConnectConfig config, UnaryOperator<HTTPResponse> tokenResponses) {
        this.config = config;
        this.pending = new PendingSignIns(java.time.Duration.ofMinutes(Math.max(1, config.pending_minutes())));
        this.tokenResponses = tokenResponses;
    }

    @Override
    public String id() {
        return VerifiedIdentity.FRANCECONNECT;
    }

    @Override
    public Start begin() {
        Provider p = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        String binding = pending.put(state.getValue(), nonce.getValue(), verifier.getValue());
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                Scope.parse(config.scopes()), new ClientID(config.client_id()), URI.create(config.redirect_uri()))
                .endpointURI(p.metadata().getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (!config.acr().isBlank()) {
            request.acrValues(List.of(new ACR(config.acr().strip())));
        }
        return new Start(request.build().toURI(), binding);
    }

    @Override
    public Completion complete(Map<String, String> callback, String browserBinding) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        callback.forEach((k, v) -> params.put(k, List.of(v == null ? "" : v)));
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(URI.create(config.redirect_uri()), params);
        } catch (ParseException e) {
            throw Refusals.providerError("unreadable callback: " + e.getMessage());
        }
        // the state first, whatever the answer: it is used once, even by an error answer
        PendingSignIns.Pending started = response.getState() == null ? null
                : pending.take(response.getState().getValue(), browserBinding);
        if (!response.indicatesSuccess()) {
            ErrorObject error = ((AuthenticationErrorResponse) response).getErrorObject();
            if (started == null) {
                throw Refusals.stateUnknown();
            }
            throw "access_denied".equals(error.getCode()) || "login_required".equals(error.getCode())
                    ? Refusals.cancelled() : Refusals.providerError(error.getCode() + ": " + error.getDescription());
        }
        if (started == null || started.dataAccess()) {
            throw Refusals.stateUnknown();
        }
        Provider p = provider();
        OIDCTokenResponse tokens = exchange(p, response.toSuccessResponse().getAuthorizationCode(),
                new CodeVerifier(started.verifier()));
        JWT idToken = tokens.getOIDCTokens().getIDToken();
        IDTokenClaimsSet claims = checkedIdToken(p, idToken, started);
        UserInfo userInfo = userInfo(p, tokens.getOIDCTokens().getBearerAccessToken());
        if (userInfo.getSubject() == null || !Objects.equals(userInfo.getSubject(), claims.getSubject())) {
            throw Refusals.userInfoMismatch();
        }
        return new Completion(identity(claims, userInfo), idToken.serialize());
    }

    @Override
    public Start beginDataAccess(List<String> scopes, String purpose) {
        if (purpose == null || purpose.isBlank() || purpose.length() > 200 || scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("a data access needs a purpose and scopes");
        }
        Provider p = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        String binding = pending.put(state.getValue(), nonce.getValue(), verifier.getValue(), purpose, scopes);
        Scope scope = new Scope("openid");
        scopes.forEach(scope::add);
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE, scope,
                new ClientID(config.client_id()), URI.create(config.redirect_uri()))
                .endpointURI(p.metadata().getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (!config.acr().isBlank()) {
            request.acrValues(List.of(new ACR(config.acr().strip())));
        }
        return new Start(request.build().toURI(), binding);
    }

    @Override
    public boolean isDataAccess(Map<String, String> callback) {
        return callback != null && pending.isDataAccess(callback.get("state"));
    }

    @Override
    public DataAccess completeDataAccess(Map<String, String> callback, String browserBinding) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        callback.forEach((k, v) -> params.put(k, List.of(v == null ? "" : v)));
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(URI.create(config.redirect_uri()), params);
        } catch (ParseException e) {
            throw Refusals.providerError("unreadable callback: " + e.getMessage());
        }
        PendingSignIns.Pending started = response.getState() == null ? null
                : pending.take(response.getState().getValue(), browserBinding);
        if (started == null || !started.dataAccess()) {
            throw Refusals.stateUnknown();
        }
        try {
            return dataAccess(response, started);
        } catch (GuichetException e) {
            // the purpose goes with the refusal, so that the page can say it on her step (it is the portal's own)
            Map<String, Object> details = new LinkedHashMap<>(e.details() == null ? Map.of() : e.details());
            details.put("purpose", started.purpose());
            throw new GuichetException(e.kind(), e.code(), e.field(), e.getMessage(), null, details);
        }
    }

    private DataAccess dataAccess(AuthenticationResponse response, PendingSignIns.Pending started) {
        if (!response.indicatesSuccess()) {
            ErrorObject error = ((AuthenticationErrorResponse) response).getErrorObject();
            throw "access_denied".equals(error.getCode()) || "login_required".equals(error.getCode())
                    ? Refusals.cancelled() : Refusals.providerError(error.getCode() + ": " + error.getDescription());
        }
        Provider p = provider();
        OIDCTokenResponse tokens = exchange(p, response.toSuccessResponse().getAuthorizationCode(),
                new CodeVerifier(started.verifier()));
        IDTokenClaimsSet claims = checkedIdToken(p, tokens.getOIDCTokens().getIDToken(), started);
        BearerAccessToken token = tokens.getOIDCTokens().getBearerAccessToken();
        if (token == null) {
            throw Refusals.providerError("no access token");
        }
        Scope granted = token.getScope();
        List<String> scopes = granted == null ? started.scopes() : granted.toStringList();
        return new DataAccess(id(), claims.getSubject().getValue(), started.purpose(), List.copyOf(scopes),
                token.getValue());
    }

    /** The ID token checked (signature, issuer, audience, expiry, nonce), then its acr. */
    private IDTokenClaimsSet checkedIdToken(Provider p, JWT idToken, PendingSignIns.Pending started) {
        IDTokenClaimsSet claims = validate(p, idToken, new Nonce(started.nonce()));
        if (!config.acr().isBlank() && (claims.getACR() == null
                || !config.acr().strip().equals(claims.getACR().getValue()))) {
            throw Refusals.acrInsufficient(claims.getACR() == null ? null : claims.getACR().getValue());
        }
        return claims;
    }

    @Override
    public URI logout(String idToken) {
        Provider p = provider();
        URI endpoint = p.metadata().getEndSessionEndpointURI();
        if (endpoint == null || idToken == null || config.post_logout_redirect_uri().isBlank()) {
            return null;
        }
        try {
            return new LogoutRequest(endpoint, JWTParser.parse(idToken), URI.create(config.post_logout_redirect_uri()),
                    new State()).toURI();
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    // ---- the steps

    private Provider provider() {
        Provider p = provider;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (provider == null) {
                provider = discover();
            }
            return provider;
        }
    }

    private Provider discover() {
        String issuer = config.issuer().strip().replaceAll("/+$", "");
        try {
            HTTPRequest get = new HTTPRequest(HTTPRequest.Method.GET, URI.create(issuer + "/.well-known/openid-configuration"));
            timeouts(get);
            HTTPResponse answer = get.send();
            if (!answer.indicatesSuccess()) {
                throw new IOException("discovery answered " + answer.getStatusCode());
            }
            OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(answer.getBody());
            // the document must be the issuer's own (OpenID Connect Discovery 1.0, 4.3)
            if (!metadata.getIssuer().getValue().replaceAll("/+$", "").equals(issuer)) {
                throw new IOException("discovery names another issuer: " + metadata.getIssuer());
            }
            int ms = timeoutMillis();
            DefaultResourceRetriever retriever = new DefaultResourceRetriever(ms, ms, 512 * 1024);
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                    retriever).build();
            JWSAlgorithm alg = JWSAlgorithm.parse(config.id_token_signing_alg().strip());
            IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(config.client_id()),
                    new JWSVerificationKeySelector<>(alg, keys), null);
            validator.setMaxClockSkew(Math.max(0, config.clock_skew_seconds()));
            LOG.info("FranceConnect: provider {} discovered", metadata.getIssuer());
            return new Provider(metadata, validator, keys);
        } catch (IOException | ParseException | RuntimeException e) {
            LOG.warn("FranceConnect: the provider {} could not be discovered: {}", issuer, e.toString());
            throw Refusals.unavailable();
        }
    }

    private OIDCTokenResponse exchange(Provider p, AuthorizationCode code, CodeVerifier verifier) {
        ClientID id = new ClientID(config.client_id());
        Secret secret = new Secret(config.client_secret());
        ClientAuthentication auth = "client_secret_basic".equals(config.token_auth_method().strip())
                ? new ClientSecretBasic(id, secret) : new ClientSecretPost(id, secret);
        TokenRequest request = new TokenRequest(p.metadata().getTokenEndpointURI(), auth,
                new AuthorizationCodeGrant(code, URI.create(config.redirect_uri()), verifier));
        HTTPResponse answer;
        try {
            HTTPRequest post = request.toHTTPRequest();
            timeouts(post);
            answer = tokenResponses.apply(post.send());
        } catch (IOException e) {
            LOG.warn("FranceConnect: token endpoint unreachable: {}", e.toString());
            throw Refusals.unavailable();
        }
        try {
            TokenResponse parsed = OIDCTokenResponseParser.parse(answer);
            if (!parsed.indicatesSuccess()) {
                ErrorObject error = parsed.toErrorResponse().getErrorObject();
                throw Refusals.providerError("token endpoint: " + error.getCode() + ": " + error.getDescription());
            }
            return (OIDCTokenResponse) parsed.toSuccessResponse();
        } catch (ParseException | ClassCastException e) {
            // an ID token that is not a JWT at all lands here
            LOG.warn("FranceConnect: unreadable token response: {}", e.toString());
            throw Refusals.tokenInvalid();
        }
    }

    private static IDTokenClaimsSet validate(Provider p, JWT idToken, Nonce nonce) {
        try {
            return p.validator().validate(idToken, nonce);
        } catch (BadJWSException e) {
            LOG.warn("FranceConnect: ID token refused: {}", e.getMessage());
            throw Refusals.tokenInvalid();
        } catch (BadJWTException e) {
            LOG.warn("FranceConnect: ID token refused: {}", e.getMessage());
            String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("nonce")) {
                throw Refusals.nonceMismatch();
            }
            if (m.contains("expired")) {
                throw Refusals.tokenExpired();
            }
            throw Refusals.tokenInvalid();
        } catch (BadJOSEException | JOSEException e) {
            LOG.warn("FranceConnect: ID token refused: {}", e.toString());
            throw Refusals.tokenInvalid();
        }
    }

    private UserInfo userInfo(Provider p, BearerAccessToken token) {
        URI endpoint = p.metadata().getUserInfoEndpointURI();
        if (endpoint == null) {
            throw Refusals.providerError("no userinfo endpoint");
        }
        try {
            HTTPRequest get = new UserInfoRequest(endpoint, token).toHTTPRequest();
            timeouts(get);
            UserInfoResponse answer = UserInfoResponse.parse(get.send());
            if (!answer.indicatesSuccess()) {
                throw Refusals.providerError("userinfo: " + answer.toErrorResponse().getErrorObject().getCode());
            }
            var success = answer.toSuccessResponse();
            if (success.getUserInfo() != null) {
                return success.getUserInfo();
            }
            // FranceConnect v2 signs the userinfo: checked with the same keys and algorithm as the ID token
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                    JWSAlgorithm.parse(config.id_token_signing_alg().strip()), p.keys()));
            processor.setJWTClaimsSetVerifier((claims, context) -> { });
            JWTClaimsSet claims = processor.process(success.getUserInfoJWT(), null);
            return new UserInfo(claims);
        } catch (IOException e) {
            LOG.warn("FranceConnect: userinfo endpoint unreachable: {}", e.toString());
            throw Refusals.unavailable();
        } catch (ParseException | BadJOSEException | JOSEException e) {
            LOG.warn("FranceConnect: userinfo refused: {}", e.toString());
            throw Refusals.userInfoMismatch();
        }
    }

    /** The identity from the configured claims: userinfo first, the ID token's when the userinfo lacks one. */
    private VerifiedIdentity identity(IDTokenClaimsSet token, UserInfo info) {
        String given = claim(config.claim_given_names(), token, info);
        String family = claim(config.claim_family_name(), token, info);
        String email = claim(config.claim_email(), token, info);
        String birth = claim(config.claim_birth_date(), token, info);
        if (email == null || (given == null && family == null)) {
            throw Refusals.claimsMissing();
        }
        LocalDate birthDate = null;
        if (birth != null && !birth.isBlank()) {
            try {
                birthDate = LocalDate.parse(birth.strip());
            } catch (DateTimeParseException e) {
                // FranceConnect gives YYYY-MM-DD; a partial date (YYYY-00-00, birth date unknown) is kept as none
                LOG.info("FranceConnect: birth date '{}' is not a full date: not kept", birth);
            }
        }
        return new VerifiedIdentity(id(), token.getSubject().getValue(), given, family, birthDate, email,
                token.getACR() == null ? null : token.getACR().getValue());
    }

    private static String claim(String name, IDTokenClaimsSet token, UserInfo info) {
        Object v = info.getClaim(name);
        if (v == null) {
            v = token.getClaim(name);
        }
        return v == null ? null : v.toString();
    }

    private void timeouts(HTTPRequest request) {
        request.setConnectTimeout(timeoutMillis());
        request.setReadTimeout(timeoutMillis());
    }

    private int timeoutMillis() {
        return Math.max(1, config.timeout_seconds()) * 1000;
    }

    /** For the component's log and tests. */
    int pendingCount() {
        return pending.size();
    }

}
