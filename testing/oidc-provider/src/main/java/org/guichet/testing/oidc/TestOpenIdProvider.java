package org.guichet.testing.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID Provider (Spring Authorization Server) playing FranceConnect's part in the tests: discovery, the
 * authorization code flow with PKCE required, ID tokens signed RS256 with FranceConnect's claims, userinfo, JWKS,
 * RP-initiated logout; the data scopes of API Particulier's FranceConnect mode ({@link #DATA_SCOPES}) and token
 * introspection (RFC 7662, {@code /oauth2/introspect}) for the administrations' stand-in, as FranceConnect's
 * checktoken: {@code active}, {@code sub}, {@code scope} of the access token.
 *
 * <p>Any user name signs in with the password {@code secret}; her claims derive from the name (given_name: the name,
 * family_name DUBOIS, birthdate 1962-08-24, email: name@example.fr). Two kinds of user let the tests see refusals
 * that only a provider can cause: a name starting with {@code expired} gets an ID token that expired an hour ago, one
 * starting with {@code weak} gets {@code acr=eidas0}.
 *
 * <p>Arguments: {@code --server.port}, {@code --guichet.redirect-uri} (comma separated), {@code --guichet.logout-uri}.
 */
@SpringBootApplication
public class TestOpenIdProvider {
    public static final String CLIENT_ID = "guichet";
    public static final String CLIENT_SECRET = "guichet-secret-for-tests";
    /** The data scopes the portal may ask (API Particulier's FranceConnect mode): the tax notice, the job seeker. */
    public static final java.util.List<String> DATA_SCOPES = java.util.List.of("dgfip_rfr", "dgfip_nbpart",
            "statut_demandeur_emploi");
    /**
     * The client of the administrations' stand-in (API Particulier): it checks the access tokens it is sent at the
     * introspection endpoint (RFC 7662), as API Particulier asks FranceConnect's checktoken.
     */
    public static final String RESOURCE_CLIENT_ID = "api-particulier";
    public static final String RESOURCE_CLIENT_SECRET = "api-particulier-secret-for-tests";

    public static void main(String[] args) {
        SpringApplication.run(TestOpenIdProvider.class, args);
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer as = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(as.getEndpointsMatcher())
                .with(as, a -> a.oidc(o -> o.userInfoEndpoint(u -> u.userInfoMapper(
                        ctx -> new OidcUserInfo(claims(ctx.getAuthorization().getPrincipalName()))))))
                .authorizeHttpRequests(r -> r.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain login(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(r -> r.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return name -> User.withUsername(name).password("{noop}secret").roles("USER").build();
    }

    @Bean
    RegisteredClientRepository clients(@Value("${guichet.redirect-uri:http://127.0.0.1/callback}") String redirects,
            @Value("${guichet.logout-uri:http://127.0.0.1/}") String logout) {
        RegisteredClient.Builder b = RegisteredClient.withId(UUID.randomUUID().toString()).clientId(CLIENT_ID)
                .clientSecret("{noop}" + CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .scope(OidcScopes.OPENID).scope("given_name").scope("family_name").scope("birthdate").scope("email")
                .scopes(s -> s.addAll(DATA_SCOPES))
                .postLogoutRedirectUri(logout)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build());
        for (String r : redirects.split(",")) {
            b.redirectUri(r.strip());
        }
        RegisteredClient resource = RegisteredClient.withId(UUID.randomUUID().toString()).clientId(RESOURCE_CLIENT_ID)
                .clientSecret("{noop}" + RESOURCE_CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build();
        return new InMemoryRegisteredClientRepository(b.build(), resource);
    }

    /** FranceConnect's claims in the ID token; an expired one or a weak acr for the users named so. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> franceConnectClaims() {
        return ctx -> {
            if (!OidcParameterNames.ID_TOKEN.equals(ctx.getTokenType().getValue())) {
                return;
            }
            String name = ctx.getPrincipal().getName();
            ctx.getClaims().claims(c -> c.putAll(claims(name)));
            ctx.getClaims().claim("acr", name.startsWith("weak") ? "eidas0" : "eidas1");
            if (name.startsWith("expired")) {
                Instant past = Instant.now().minus(Duration.ofHours(2));
                ctx.getClaims().issuedAt(past).expiresAt(past.plus(Duration.ofHours(1)));
            }
        };
    }

    static Map<String, Object> claims(String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", name);
        c.put("given_name", name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1) + " Claire");
        c.put("family_name", "DUBOIS");
        c.put("birthdate", "1962-08-24");
        c.put("email", name.toLowerCase(Locale.ROOT) + "@example.fr");
        return c;
    }

    @Bean
    JWKSource<SecurityContext> keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) kp.getPublic()).privateKey((RSAPrivateKey) kp.getPrivate())
                .keyID(UUID.randomUUID().toString()).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }
}
