package org.guichet.web.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.InputStream;
import java.nio.file.Files;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.DocumentContent;

/** One request to a page: the servlet request and response, its {@link Ui}, and the route's named parts. */
public final class Exchange {
    /** The page needs someone signed in and nobody is: to the sign-in page. */
    static final class SignInFirst extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SignInFirst() {
            super(null, null, false, false);
        }
    }

    /** What the page asks for does not exist (or is not the caller's to see). */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound() {
            super(null, null, false, false);
        }
    }

    private final HttpServletRequest req;
    private final HttpServletResponse resp;
    private final Ui ui;
    private final Map<String, String> params;

    Exchange(HttpServletRequest req, HttpServletResponse resp, Ui ui, Map<String, String> params) {
        this.req = req;
        this.resp = resp;
        this.ui = ui;
        this.params = params;
    }

    public HttpServletRequest req() {
        return req;
    }

    public HttpServletResponse resp() {
        return resp;
    }

    public Ui ui() {
        return ui;
    }

    /** A named part of the route. */
    public String path(String name) {
        return params.get(name);
    }

    /** A named part of the route that is an id: a part that is not a number is a page that does not exist. */
    public long id(String name) {
        try {
            return Long.parseLong(params.get(name));
        } catch (NumberFormatException e) {
            throw new NotFound();
        }
    }

    /** A form or query parameter, trimmed; null when absent or blank. */
    public String param(String name) {
        String v = req.getParameter(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The person signed in, or null. */
    public Caller callerOrNull() {
        return ui.caller();
    }

    /** The person signed in; the sign-in page if nobody is. */
    public Caller caller() {
        Caller c = ui.caller();
        if (c == null) {
            throw new SignInFirst();
        }
        return c;
    }

    /** Renders a template with {@code ui} and the given parameters. */
    public void render(int status, String template, Object... keyValues) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("ui", ui);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            model.put((String) keyValues[i], keyValues[i + 1]);
        }
        Templates.send(resp, status, template, model);
    }

    /**
     * A stored file (a document, a decision letter, a consent form) as the answer: its type as checked at upload, a
     * safe file name, never cached, and sandboxed (a file that would hold a script runs nothing in the portal's origin).
     */
    public void send(DocumentContent content) throws IOException {
        resp.setContentType(content.document().mediaType());
        resp.setHeader("Content-Disposition", "inline; filename=\"" + content.document().fileName()
                .replaceAll("[^\\p{L}\\p{N}._ -]", "_") + "\"");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Cache-Control", "private, no-store");
        resp.addHeader("Content-Security-Policy", "sandbox");
        resp.setContentLengthLong(content.document().size());
        try (InputStream in = Files.newInputStream(content.path())) {
            in.transferTo(resp.getOutputStream());
        }
    }

    /** After a form: to the page that says what happened, keeping the language (the fragment stays last). */
    public void redirect(String target) throws IOException {
        resp.sendRedirect(ui.href(target));
    }
}
