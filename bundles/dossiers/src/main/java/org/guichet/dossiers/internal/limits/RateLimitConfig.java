package org.guichet.dossiers.internal.limits;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * etc/org.guichet.ratelimits.cfg: how many requests of each kind in one window, per client address (ip), per mail
 * address (address) and per account; 0 for no limit.
 */
@ObjectClassDefinition(name = "Guichet rate limits")
public @interface RateLimitConfig {
    String PID = "org.guichet.ratelimits";

    @AttributeDefinition(description = "The length of a counting window, in seconds")
    int window_seconds() default 900;

    @AttributeDefinition(description = "The portal's reverse proxies (numeric addresses or CIDR blocks,"
            + " comma-separated) whose X-Forwarded-For and X-Forwarded-Proto are believed, by the rate limits and the"
            + " pages alike; empty: the connection's address is the client's and only HTTPS itself is HTTPS")
    String trusted_proxies() default "";

    @AttributeDefinition(description = "Sign-ups per client address per window")
    int sign_up_per_ip() default 60;

    @AttributeDefinition(description = "Sign-ups per mail address per window")
    int sign_up_per_address() default 3;

    @AttributeDefinition(description = "Password sign-ins per client address per window")
    int sign_in_per_ip() default 300;

    @AttributeDefinition(description = "Password sign-ins per mail address per window")
    int sign_in_per_address() default 30;

    @AttributeDefinition(description = "Sign-in code requests per client address per window")
    int code_request_per_ip() default 60;

    @AttributeDefinition(description = "Sign-in code requests per mail address per window")
    int code_request_per_address() default 5;

    @AttributeDefinition(description = "Sign-ins with a code per client address per window")
    int code_sign_in_per_ip() default 300;

    @AttributeDefinition(description = "Sign-ins with a code per mail address per window")
    int code_sign_in_per_address() default 30;

    @AttributeDefinition(description = "New-password link requests per client address per window")
    int reset_request_per_ip() default 60;

    @AttributeDefinition(description = "New-password link requests per mail address per window")
    int reset_request_per_address() default 5;

    @AttributeDefinition(description = "Uses of a mailed link (activation, new password) per client address per window")
    int link_per_ip() default 60;

    @AttributeDefinition(description = "Mandate requests per client address per window")
    int mandate_request_per_ip() default 120;

    @AttributeDefinition(description = "Mandate requests per mediator account per window")
    int mandate_request_per_account() default 30;

    @AttributeDefinition(description = "Mandate codes tried per account per window")
    int mandate_code_per_account() default 30;

    @AttributeDefinition(description = "Partner API calls per client address per window")
    int partner_per_ip() default 1200;

    @AttributeDefinition(description = "Partner API calls per organisation per window")
    int partner_per_account() default 600;

    @AttributeDefinition(description = "Fetches from the administrations (API Particulier) per dossier per window")
    int administration_per_account() default 10;
}
