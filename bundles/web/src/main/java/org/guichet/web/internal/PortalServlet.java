package org.guichet.web.internal;

import java.io.IOException;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.error.GuichetException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The pages' one servlet, the default one of the portal's context (the API, /metrics and /static have their own):
 * it finds the route in {@link Routes}, checks the CSRF value of every POST (after the
 * pipeline, so that a multipart body can be read), and turns what a page throws into the page people see: a
 * service's refusal in their words with its status, "not found", "sign in first", or "come back in a minute".
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("guichet-pages")
@HttpWhiteboardServletPattern(Routes.HOME)
@HttpWhiteboardServletMultipart(enabled = true, maxFileSize = 52_428_800L, maxRequestSize = 53_000_000L)
public class PortalServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Router router;

    private static final org.slf4j.Logger SECURITY = org.slf4j.LoggerFactory.getLogger("org.guichet.security");

    @Activate
    public PortalServlet(@Reference Portal portal) {
        this.router = Routes.table(portal);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Ui ui = WebPipeline.ui(req);
        String method = req.getMethod();
        if (!"GET".equals(method) && !"POST".equals(method) && !"HEAD".equals(method)) {
            resp.setHeader("Allow", "GET, POST");
            page(resp, ui, 405, "page.notAllowed.title", "page.notAllowed.text");
            return;
        }
        String path = req.getRequestURI().substring(req.getContextPath().length());
        Optional<Router.Match> match = router.find("HEAD".equals(method) ? "GET" : method, path);
        if (match.isEmpty()) {
            page(resp, ui, 404, "page.notFound.title", "page.notFound.text");
            return;
        }
        Exchange x = new Exchange(req, resp, ui, match.get().params());
        try {
            if ("POST".equals(method) && match.get().csrf() && !WebSession.csrfOk(req)) {
                securityLog(req, 403, "CSRF");
                page(resp, ui, 403, "page.csrf.title", "page.csrf.text");
                return;
            }
            match.get().handler().handle(x);
        } catch (Exchange.SignInFirst e) {
            resp.sendRedirect(ui.href("/compte/connexion"));
        } catch (Exchange.NotFound e) {
            page(resp, ui, 404, "page.notFound.title", "page.notFound.text");
        } catch (Portal.Unavailable e) {
            resp.setHeader("Retry-After", "30");
            page(resp, ui, 503, "page.unavailable.title", "page.unavailable.text");
        } catch (GuichetException e) {
            refused(x, e);
        }
    }

    /** A refusal as a page: its status from its kind, its words from the message bundle by its code. */
    static void refused(Exchange x, GuichetException e) throws IOException {
        int status = e.kind().status();
        if (status == 401 || status == 403 || status == 429) {
            securityLog(x.req(), status, e.code());
        }
        if (e.details() != null && e.details().get("retryAfterSeconds") instanceof Number n) {
            x.resp().setHeader("Retry-After", String.valueOf(n.longValue()));
        }
        x.render(status, "refused.jte", "title", x.ui().t(status == 404 ? "page.notFound.title"
                : status == 429 ? "page.tooMany.title" : "page.refused.title"),
                "message", x.ui().error(e));
    }

    /**
     * A refusal of access (403), of a forged form (403 CSRF) or of a flood (429) in the security log: status, code,
     * method, path (never the query: it may hold a token) and the connection's address; no name, no address.
     */
    static void securityLog(HttpServletRequest req, int status, String code) {
        SECURITY.info("refused status={} code={} method={} path={} client={}", status, code, req.getMethod(),
                req.getRequestURI(), req.getRemoteAddr());
    }

    private static void page(HttpServletResponse resp, Ui ui, int status, String title, String text) throws IOException {
        Templates.send(resp, status, "message.jte", java.util.Map.of("ui", ui, "title", ui.t(title), "text", ui.t(text)));
    }
}
