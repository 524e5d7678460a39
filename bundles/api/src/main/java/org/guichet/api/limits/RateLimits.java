package org.guichet.api.limits;

import org.guichet.api.error.GuichetException;

/**
 * How often one client address, one mail address or one account may do an action in a window of time
 * (etc/org.guichet.ratelimits.cfg). Counted atomically in the database, so that the limits hold when several portal
 * nodes share it. The services count the mail address and the account themselves; the web pages and the REST API
 * count the client address, which only they know.
 */
public interface RateLimits {
    String SIGN_UP = "sign_up";
    String SIGN_IN = "sign_in";
    String CODE_REQUEST = "code_request";
    String CODE_SIGN_IN = "code_sign_in";
    String RESET_REQUEST = "reset_request";
    /** the use of a mailed link: activation or a new password */
    String LINK = "link";
    String MANDATE_REQUEST = "mandate_request";
    String MANDATE_CODE = "mandate_code";
    String PARTNER = "partner";

    /** What is counted. */
    enum Scope { IP, ADDRESS, ACCOUNT }

    /**
     * Counts one request and refuses it when the window's limit is passed: {@link GuichetException.Kind#TOO_MANY_ATTEMPTS}
     * with code RATE_LIMITED and details retryAfterSeconds (the REST API adds Retry-After). Nothing is counted for a
     * null or blank subject, or an action with no limit configured.
     *
     * @param subject the client address, mail address or account id
     */
    void hit(String action, Scope scope, String subject);

    /**
     * The client's address: the connection's, or, when the connection comes from a configured trusted proxy, the
     * right-most X-Forwarded-For entry that is not itself a trusted proxy.
     */
    String clientAddress(String remoteAddr, String forwardedFor);

    /**
     * Whether the connection comes from one of the portal's trusted reverse proxies (one list for the whole portal:
     * {@code trusted.proxies} in etc/org.guichet.ratelimits.cfg, addresses or CIDR blocks): only then are its
     * X-Forwarded-For and X-Forwarded-Proto believed.
     *
     * @since 1.1.0
     */
    boolean fromTrustedProxy(String remoteAddr);
}
