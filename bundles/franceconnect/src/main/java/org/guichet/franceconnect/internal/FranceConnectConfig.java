package org.guichet.franceconnect.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Sign in with FranceConnect (etc/org.guichet.franceconnect.cfg). Off while {@code issuer} is empty: no button, no
 * callback. Live-reloaded.
 */
@ObjectClassDefinition(name = "Guichet FranceConnect", description = "OpenID Connect provider people sign in with")
public @interface FranceConnectConfig {
    String PID = "org.guichet.franceconnect";

    @AttributeDefinition(description = "The provider's issuer; its discovery document is read at <issuer>/.well-known/"
            + "openid-configuration. FranceConnect's integration environment: https://fcp-low.integ01.dev-franceconnect.fr/api/v2."
            + " Empty: sign-in with FranceConnect is off.")
    String issuer() default "";

    @AttributeDefinition(description = "client_id given by the provider")
    String client_id() default "";

    @AttributeDefinition(description = "client_secret given by the provider", type = AttributeType.PASSWORD)
    String client_secret() default "";

    @AttributeDefinition(description = "How the client authenticates at the token endpoint: client_secret_post or"
            + " client_secret_basic")
    String token_auth_method() default "client_secret_post";

    @AttributeDefinition(description = "The callback registered at the provider: the portal's address followed by"
            + " /compte/franceconnect/retour")
    String redirect_uri() default "";

    @AttributeDefinition(description = "Where the provider sends the browser back after signing out there (registered"
            + " at the provider); empty: no logout at the provider")
    String post_logout_redirect_uri() default "";

    @AttributeDefinition(description = "Scopes asked, space separated")
    String scopes() default "openid given_name family_name birthdate email";

    @AttributeDefinition(description = "acr asked (acr_values) and required in the ID token, e.g. eidas1; empty: not"
            + " checked")
    String acr() default "eidas1";

    @AttributeDefinition(description = "The ID token's signature algorithm: RS256 or ES256")
    String id_token_signing_alg() default "RS256";

    @AttributeDefinition(description = "Claim holding the given names")
    String claim_given_names() default "given_name";

    @AttributeDefinition(description = "Claim holding the family (birth) name")
    String claim_family_name() default "family_name";

    @AttributeDefinition(description = "Claim holding the birth date (YYYY-MM-DD)")
    String claim_birth_date() default "birthdate";

    @AttributeDefinition(description = "Claim holding the email address")
    String claim_email() default "email";

    @AttributeDefinition(description = "Connect and read timeout of each call to the provider, in seconds")
    int timeout_seconds() default 10;

    @AttributeDefinition(description = "How long a started sign-in waits for the provider's answer, in minutes")
    int pending_minutes() default 10;

    @AttributeDefinition(description = "Clock skew accepted on the ID token's times, in seconds")
    int clock_skew_seconds() default 60;
}
