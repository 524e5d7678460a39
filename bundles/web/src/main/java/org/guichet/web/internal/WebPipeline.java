package org.guichet.web.internal;

import java.io.IOException;
import java.util.Locale;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.Caller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * The one request pipeline of the pages, before any route: security headers, UTF-8, the language, and the person
 * signed in (looked up once from the session cookie). It puts a {@link Ui} on the request for the templates. CSRF is
 * checked by {@link PortalServlet} on every POST, once a multipart body can be read.
 * <p>
 * HTTPS: a request is HTTPS when it came so, or when one of the portal's trusted reverse proxies (one list for the
 * whole portal: {@code trusted.proxies} in etc/org.guichet.ratelimits.cfg, asked through {@link org.guichet.api.limits.RateLimits}) says so
 * with {@code X-Forwarded-Proto: https}; then the cookies are {@code Secure} and the answer carries
 * {@code Strict-Transport-Security}. The header from anyone else is ignored, and so is every header while the rate
 * limits service is away.
 */
@Component(service = Filter.class, configurationPid = "org.guichet.web", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WebPipeline.Config.class)
@HttpWhiteboardFilterName("guichet-pages-pipeline")
@HttpWhiteboardFilterPattern({Routes.HOME, Routes.SIMULATOR, Routes.APPLICANT, Routes.ACCOUNTS, Routes.AGENT,
        Routes.MANDATES, Routes.ADMIN, Routes.ORGANISATION, Routes.OBSERVATORY})
public class WebPipeline implements Filter {
    static final String UI = "guichet.ui";
    static final String CALLER = "guichet.caller";
    /** Boolean request attribute: the request reached the portal over HTTPS (itself or by a trusted proxy). */
    static final String HTTPS = "guichet.https";
    private final Portal portal;
    private volatile String hsts = "max-age=31536000";

    @ObjectClassDefinition(name = "Guichet pages")
    public @interface Config {
        @AttributeDefinition(description = "Strict-Transport-Security max-age in seconds, sent on HTTPS answers;"
                + " 0: not sent")
        long hsts_max_age() default 31_536_000L;
    }

    @Activate
    public WebPipeline(@Reference Portal portal, Config config) {
        this.portal = portal;
        modified(config);
    }

    /** "https, http" when several proxies: the first is what the client used. */
    static boolean firstIsHttps(String forwardedProto) {
        return forwardedProto != null
                && forwardedProto.split(",")[0].strip().toLowerCase(java.util.Locale.ROOT).equals("https");
    }

    @Modified
    void modified(Config config) {
        hsts = config.hsts_max_age() <= 0 ? null : "max-age=" + config.hsts_max_age();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        if (req.getCharacterEncoding() == null) {
            req.setCharacterEncoding("UTF-8");
        }
        resp.setHeader("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; base-uri 'none';"
                        + " frame-ancestors 'none'; form-action 'self'");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setHeader("X-Frame-Options", "DENY");
        boolean https = req.isSecure() || portal.fromTrustedProxy(req.getRemoteAddr())
                && firstIsHttps(req.getHeader("X-Forwarded-Proto"));
        req.setAttribute(HTTPS, https);
        if (https && hsts != null) {
            resp.setHeader("Strict-Transport-Security", hsts);
        }
        req.setAttribute(UI, new Ui(locale(req), req.getRequestURI(), () -> WebSession.csrf(req, resp),
                () -> callerOf(req)));
        chain.doFilter(req, resp);
    }

    static Locale locale(HttpServletRequest req) {
        return "en".equalsIgnoreCase(req.getParameter("lang")) ? Locale.ENGLISH : Locale.FRENCH;
    }

    private Caller caller(HttpServletRequest req) {
        AccountService accounts = portal.accountsOrNull();
        String token = WebSession.cookie(req, WebSession.SESSION);
        if (accounts == null || token == null) {
            return null;
        }
        try {
            return accounts.authenticate(token).orElse(null);
        } catch (RuntimeException e) {
            return null; // a database hiccup while looking up the session: the page decides (sign-in or 503)
        }
    }

    /** The request's Ui, or one made for it (a request that did not come through the pipeline, as in tests). */
    static Ui ui(HttpServletRequest req) {
        Object ui = req.getAttribute(UI);
        return ui instanceof Ui u ? u : new Ui(locale(req), req.getRequestURI(), null, null);
    }

    /** The person signed in on this request (null if nobody), looked up once. */
    Caller callerOf(HttpServletRequest req) {
        Object known = req.getAttribute(CALLER);
        if (known != null) {
            return known instanceof Caller c ? c : null;
        }
        Caller caller = caller(req);
        req.setAttribute(CALLER, caller == null ? Boolean.FALSE : caller);
        return caller;
    }
}
