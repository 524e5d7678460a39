package org.guichet.metrics.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.metatype.annotations.Designate;

/**
 * GET /metrics: the registry in the Prometheus text format, for operators only. With a token configured, the
 * scraper must send it; without, only a client on this very machine may read it — and a request a reverse proxy
 * forwarded (it carries X-Forwarded-For) is refused even though it arrives from loopback.
 */
@Component(service = Servlet.class, configurationPid = MetricsConfig.PID)
@Designate(ocd = MetricsConfig.class)
@HttpWhiteboardServletName("guichet-metrics")
@HttpWhiteboardServletPattern("/metrics")
public class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient MetricsService registry;
    private volatile String token;

    @Activate
    public MetricsServlet(@Reference MetricsService registry, MetricsConfig config) {
        this.registry = registry;
        this.token = config.token();
    }

    @Modified
    void modified(MetricsConfig config) {
        this.token = config.token();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!allowed(req, token)) {
            resp.setStatus(HttpServletResponse.SC_FORBIDDEN);
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().println("Réservé aux exploitants : depuis la machine elle-même, ou avec le jeton de"
                    + " etc/org.guichet.metrics.cfg.");
            return;
        }
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(registry.scrape());
    }

    static boolean allowed(HttpServletRequest req, String token) {
        if (token != null && !token.isBlank()) {
            String auth = req.getHeader("Authorization");
            String expected = "Bearer " + token.strip();
            return auth != null && MessageDigest.isEqual(auth.strip().getBytes(StandardCharsets.UTF_8),
                    expected.getBytes(StandardCharsets.UTF_8));
        }
        if (req.getHeader("X-Forwarded-For") != null || req.getHeader("Forwarded") != null) {
            return false;
        }
        try {
            return InetAddress.getByName(req.getRemoteAddr()).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
