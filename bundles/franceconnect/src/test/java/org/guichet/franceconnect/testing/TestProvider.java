package org.guichet.franceconnect.testing;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guichet.franceconnect.internal.FranceConnectConfig;

/**
 * The real OpenID Provider of the tests (testing/oidc-provider: Spring Authorization Server) started as a process on
 * a free port, and a browser (an HTTP client with its cookies, following no redirect by itself) to go through its
 * login page. Started once per test class; stopped at the end. Also used by the distribution's tests (itests), through
 * this module's test jar.
 */
public final class TestProvider implements AutoCloseable {
    public static final String CLIENT_ID = "guichet";
    public static final String CLIENT_SECRET = "guichet-secret-for-tests";
    /** The client of the administrations' stand-in, for token introspection (testing/oidc-provider). */
    public static final String RESOURCE_CLIENT_ID = "api-particulier";
    public static final String RESOURCE_CLIENT_SECRET = "api-particulier-secret-for-tests";

    public final int port = freePort();
    public final String issuer = "http://127.0.0.1:" + port;
    /** the client's callback; the browser stops at the redirect to it, as the portal's callback receives it */
    public final String redirectUri;
    public final String logoutUri;
    private final Process process;
    public final long startMillis;

    /** A provider whose client's callback is nowhere (the tests of the client take the redirect themselves). */
    public TestProvider() throws Exception {
        this("http://127.0.0.1:" + freePort() + "/compte/franceconnect/retour", "http://127.0.0.1:9/compte/deconnecte");
    }

    /** A provider for a client (the portal) whose callback and post-logout addresses are these. */
    public TestProvider(String redirectUri, String logoutUri) throws Exception {
        this.redirectUri = redirectUri;
        this.logoutUri = logoutUri;
        Path jar = jar();
        long t0 = System.nanoTime();
        Path log = Files.createTempFile("oidc-provider-", ".log");
        process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port,
                "--guichet.redirect-uri=" + redirectUri, "--guichet.logout-uri=" + logoutUri)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 90_000;
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(issuer
                        + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the OpenID Provider did not start: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        startMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("OpenID Provider (Spring Authorization Server) started on " + issuer + " in " + startMillis
                + " ms");
    }

    /** The provider's jar: the one just built in the source tree, else the one installed in the Maven repository. */
    private static Path jar() {
        for (String p : List.of("guichet.oidc.provider.built", "guichet.oidc.provider.jar")) {
            String v = System.getProperty(p);
            if (v != null && Files.isRegularFile(Paths.get(v))) {
                return Paths.get(v);
            }
        }
        throw new IllegalStateException("build testing/oidc-provider first (mvn install -pl testing/oidc-provider)");
    }

    /** A FranceConnect configuration pointing at this provider; {@code overrides} by method name. */
    public FranceConnectConfig config(Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("issuer", issuer, "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET, "redirect_uri", redirectUri, "post_logout_redirect_uri", logoutUri));
        values.putAll(overrides);
        return (FranceConnectConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FranceConnectConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return FranceConnectConfig.class;
                    }
                    return values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                });
    }

    /** The provider's token introspection endpoint (RFC 7662), standing for FranceConnect's checktoken. */
    public String introspectionEndpoint() {
        return issuer + "/oauth2/introspect";
    }

    /** A fresh browser. */
    public Browser browser() {
        return new Browser();
    }

    public final class Browser {
        private final CookieManager cookies = new CookieManager();
        /** how many times this browser was shown the provider's login page and signed in there */
        public int logins;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        /** A GET as a browser sends it (its cookies, Accept text/html), following no redirect. */
        public HttpResponse<String> get(URI url) throws Exception {
            return http.send(HttpRequest.newBuilder(url).header("Accept", "text/html").timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        /** A form's POST (fields already encoded as {@code a=1&b=2}), following no redirect. */
        public HttpResponse<String> post(URI url, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(url).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The value of a cookie this browser holds, by name, or null. */
        public String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(java.net.HttpCookie::getValue).filter(v -> !v.isEmpty()).findFirst().orElse(null);
        }

        /**
         * Goes to the authorization URL, signs in as {@code user} on the provider's login page, and returns the
         * callback the provider sends the browser to (the portal's redirect URI with code and state).
         */
        public URI signIn(URI authorization, String user) throws Exception {
            URI at = authorization;
            for (int hops = 0; hops < 10; hops++) {
                if (at.toString().startsWith(redirectUri)) {
                    return at;
                }
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(at).header("Accept", "text/html").build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("name=\"username\"")) {
                    logins++;
                    Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(r.body());
                    String form = "username=" + enc(user) + "&password=secret"
                            + (csrf.find() ? "&_csrf=" + enc(csrf.group(1)) : "");
                    r = http.send(HttpRequest.newBuilder(at.resolve("/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                }
                HttpResponse<String> last = r;
                String location = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                        "the provider answered " + last.statusCode() + " without a redirect: " + last.body()));
                at = at.resolve(location);
            }
            throw new AssertionError("too many redirects");
        }

        /** Forgets the session at the provider (its JSESSIONID): the next visit there shows the login page. */
        public void forgetProviderSession() {
            cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID")).toList()
                    .forEach(c -> cookies.getCookieStore().remove(null, c));
        }

        /** GETs a URL and returns where the provider redirects (or null). */
        public String redirectOf(URI url) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.headers().firstValue("Location").orElse(null);
        }
    }

    /** The query parameters of a URI, decoded. */
    public static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = uri.getRawQuery();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The URI with one query parameter replaced. */
    public static URI withParameter(URI uri, String name, String value) {
        List<String> parts = new ArrayList<>();
        for (String pair : uri.getRawQuery().split("&")) {
            parts.add(pair.startsWith(name + "=") ? name + "=" + enc(value) : pair);
        }
        String s = uri.toString();
        return URI.create(s.substring(0, s.indexOf('?') + 1) + String.join("&", parts));
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
