package org.guichet.web.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Routes of the form {@code /mes-demandes/{dossier}/etape/{step}}: literal segments and named parts. */
final class Router {
    /** A page's answer to one route. */
    @FunctionalInterface
    interface Handler {
        void handle(Exchange x) throws IOException;
    }

    /** A matched route: its handler and the values of its named parts. */
    record Match(Handler handler, Map<String, String> params, boolean csrf) { }

    private record Route(String method, String[] segments, Handler handler, boolean csrf) { }

    private final List<Route> routes = new ArrayList<>();

    void get(String path, Handler handler) {
        add("GET", path, handler);
    }

    /** A form that changes something: its CSRF value is checked before the page sees it. */
    void post(String path, Handler handler) {
        routes.add(new Route("POST", split(path), handler, true));
    }

    /**
     * A form that changes nothing and holds nothing personal (the anonymous simulator): no CSRF value, so that the
     * page sets no cookie.
     */
    void postOpen(String path, Handler handler) {
        routes.add(new Route("POST", split(path), handler, false));
    }

    private void add(String method, String path, Handler handler) {
        routes.add(new Route(method, split(path), handler, false));
    }

    /** The route for this method and path; a path known for another method only is "not found" too. */
    Optional<Match> find(String method, String path) {
        String[] parts = split(path);
        for (Route route : routes) {
            if (!route.method().equals(method) || route.segments().length != parts.length) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < parts.length && ok; i++) {
                String s = route.segments()[i];
                if (s.startsWith("{") && s.endsWith("}")) {
                    params.put(s.substring(1, s.length() - 1), parts[i]);
                } else {
                    ok = s.equals(parts[i]);
                }
            }
            if (ok) {
                return Optional.of(new Match(route.handler(), params, route.csrf()));
            }
        }
        return Optional.empty();
    }

    private static String[] split(String path) {
        String p = path == null ? "" : path;
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals("/") || p.isEmpty() ? new String[0] : p.substring(1).split("/", -1);
    }
}
