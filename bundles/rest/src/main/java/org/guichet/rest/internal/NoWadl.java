package org.guichet.rest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.servlet.http.HttpServletResponse;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * No WADL: CXF's WADL generator (present in Karaf's cxf-jaxrs feature) describes every resource, parameter and
 * type at {@code ?_wadl} to anyone, and runs before any JAX-RS filter. This interceptor runs before the JAX-RS
 * one and answers 404 to any request for it ({@code ?_wadl}, {@code ?_type=wadl}, {@code ;wadl}, {@code .wadl});
 * the API is described by its OpenAPI document, on purpose.
 */
final class NoWadl extends AbstractPhaseInterceptor<Message> {
    private static final byte[] BODY = ("{\"code\":\"NOT_FOUND\",\"message\":\"Cette adresse n'existe pas"
            + " (la description de l'API est à /api/v1/openapi.json).\"}").getBytes(StandardCharsets.UTF_8);

    NoWadl() {
        super(Phase.RECEIVE);
    }

    @Override
    public void handleMessage(Message message) {
        if (!asksForWadl((String) message.get(Message.REQUEST_URI), (String) message.get(Message.QUERY_STRING))) {
            return;
        }
        Object r = message.get("HTTP.RESPONSE"); // AbstractHTTPDestination.HTTP_RESPONSE
        if (!(r instanceof HttpServletResponse resp)) {
            Fault f = new Fault(new IllegalArgumentException("not found"));
            f.setStatusCode(404);
            throw f;
        }
        try {
            resp.setStatus(404);
            resp.setContentType("application/json;charset=UTF-8");
            resp.setContentLength(BODY.length);
            resp.getOutputStream().write(BODY);
            resp.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        message.getInterceptorChain().abort();
    }

    /** Whether a request asks CXF for its WADL, in any of the ways CXF understands. */
    static boolean asksForWadl(String path, String query) {
        String p = path == null ? "" : path.toLowerCase(Locale.ROOT);
        if (p.contains(";wadl") || p.endsWith(".wadl") || p.contains("_wadl")) {
            return true;
        }
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.equalsIgnoreCase("_wadl") || (name.equalsIgnoreCase("_type") && value.toLowerCase(Locale.ROOT)
                    .contains("wadl")) || (name.equalsIgnoreCase("_ctype") && value.toLowerCase(Locale.ROOT)
                    .contains("wadl"))) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
