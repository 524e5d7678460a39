package org.guichet.metrics.internal;

import java.io.IOException;
import java.util.regex.Pattern;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.guichet.api.metrics.Metrics;

/**
 * Times every web page request (the JSON API times its own, by route template): route with numbers as {id}, method,
 * status; recorded with kind=web.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterName("guichet-web-metrics")
@HttpWhiteboardFilterPattern("/*")
public class WebRequestMetrics implements Filter {
    static final Pattern NUMBER = Pattern.compile("/\\d+(?=/|$)");
    private final Metrics metrics;

    @Activate
    public WebRequestMetrics(@Reference Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse resp)
                || route(req).startsWith("/api/") || route(req).equals("/metrics")) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            // an unknown address is one series, whatever was typed: the labels stay bounded
            metrics.request("web", req.getMethod(), resp.getStatus() == 404 ? "UNMATCHED" : route(req),
                    resp.getStatus(), System.nanoTime() - start);
        }
    }

    static String route(HttpServletRequest req) {
        String path = req.getRequestURI();
        String context = req.getContextPath();
        if (context != null && !context.isEmpty() && path.startsWith(context)) {
            path = path.substring(context.length());
        }
        path = NUMBER.matcher(path).replaceAll("/{id}");
        return path.isEmpty() ? "/" : path;
    }
}
