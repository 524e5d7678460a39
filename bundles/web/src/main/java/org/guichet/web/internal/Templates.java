package org.guichet.web.internal;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;

/**
 * The pages' templates (src/main/jte), compiled to classes of this bundle at build time and escaped by context
 * (text, attribute, URL) by jte: no HTML is written from Java. A page is rendered whole before a byte is sent, so a
 * failure gives a clean error page, never half a page.
 */
public final class Templates {
    private static final TemplateEngine ENGINE = create();

    private Templates() { }

    /**
     * jte loads precompiled templates through the thread's context class loader of the moment the engine is made
     * (when no class directory is given); in OSGi that must be this bundle's loader, which holds the template classes.
     */
    private static TemplateEngine create() {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(Templates.class.getClassLoader());
        try {
            return TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(),
                    "org.guichet.web.internal.jte");
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    public static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }

    static void send(HttpServletResponse resp, int status, String template, Map<String, Object> params)
            throws IOException {
        String html = render(template, params);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().write(html);
    }
}
