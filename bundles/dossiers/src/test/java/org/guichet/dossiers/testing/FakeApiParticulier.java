package org.guichet.dossiers.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for API Particulier (v2), started by a test on a free port: the two routes Guichet calls, with
 * their published request (path, query parameters, X-Api-Key header) and response formats (bodies as in
 * etalab/siade_staging_data: avis-imposition, situations-pole-emploi; 404 {"error":"not_found",...}; 401 for a wrong
 * key). Its {@link Mode} makes it misbehave: slow, garbage, server error.
 *
 * <p>And API Particulier's FranceConnect mode: a call with {@code Authorization: Bearer <access token>} and no
 * identifier is answered for the person the token names, after checking the token at the provider's introspection
 * endpoint (RFC 7662) with this stand-in's own client credentials (Basic): inactive → 401, without the route's data
 * scopes → 403, a subject it does not know → 404. Below the distribution the "provider" is {@link #tokens}, served at
 * {@code /introspect} on the same server (the distribution's tests use the real OpenID Provider of testing/).
 */
public final class FakeApiParticulier implements AutoCloseable {
    public static final String KEY = "test-api-key";
    /** The tax numbers and notice references it knows (numeroFiscal + referenceAvis). */
    public static final String TAX_NUMBER = "1234567890123";
    public static final String NOTICE_REFERENCE = "2326A12345678";
    public static final String JOB_SEEKER = "lea.martin";
    public static final String FORMER_JOB_SEEKER = "ancien.inscrit";

    /** How it answers. */
    public enum Mode { NORMAL, SLOW, GARBAGE, SERVER_ERROR }

    private final HttpServer server;
    private volatile Mode mode = Mode.NORMAL;
    private volatile long slowMillis = 3000;
    /** every request: path?query and the X-Api-Key it carried */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final AtomicInteger hits = new AtomicInteger();
    private final Map<String, String> taxNotices = new ConcurrentHashMap<>();
    /** the subjects (FranceConnect sub) it knows: the same person as TAX_NUMBER and JOB_SEEKER */
    public static final String SUBJECT = "sub-lea";
    public static final List<String> TAX_SCOPES = List.of("dgfip_rfr", "dgfip_nbpart");
    public static final List<String> JOB_SEEKER_SCOPES = List.of("statut_demandeur_emploi");
    static final String INTROSPECTION_CLIENT = "api-particulier:introspection-secret";
    /** The tokens the provider issued: token → {active, sub, scope}, as its introspection endpoint answers them. */
    public final Map<String, Map<String, Object>> tokens = new ConcurrentHashMap<>();
    /** the introspection endpoint (RFC 7662) tokens are checked at; the server's own /introspect by default */
    private volatile String introspection;
    /** every introspection the provider answered */
    public final AtomicInteger introspections = new AtomicInteger();

    public FakeApiParticulier() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        taxNotices.put(TAX_NUMBER + "/" + NOTICE_REFERENCE, """
                {"declarant1": {"nom": "MARTIN", "nomNaissance": "MARTIN", "prenoms": "Léa", "dateNaissance": "10/03/2001"},
                 "declarant2": {"nom": "", "nomNaissance": "", "prenoms": "", "dateNaissance": ""},
                 "dateRecouvrement": "31/07/2026", "dateEtablissement": "08/07/2026", "nombreParts": 1.5,
                 "situationFamille": "Célibataire", "nombrePersonnesCharge": 1, "revenuBrutGlobal": 13200,
                 "revenuImposable": 13200, "impotRevenuNetAvantCorrections": 0, "montantImpot": null,
                 "revenuFiscalReference": 13200, "anneeImpots": "2026", "anneeRevenus": "2025",
                 "erreurCorrectif": "", "situationPartielle": ""}""");
        server.createContext("/introspect", this::introspect);
        server.createContext("/api/v2/avis-imposition", x -> answer(x, TAX_SCOPES, () -> taxNotices.get(TAX_NUMBER
                + "/" + NOTICE_REFERENCE), () -> {
            Map<String, String> q = query(x);
            String body = taxNotices.get(q.get("numeroFiscal") + "/" + q.get("referenceAvis"));
            return body == null ? notFound() : new Reply(200, body);
        }));
        server.createContext("/api/v2/situations-pole-emploi", x -> answer(x, JOB_SEEKER_SCOPES, () -> jobSeeker(
                JOB_SEEKER, "2025-11-03", null), () -> {
            String id = query(x).get("identifiant");
            if (JOB_SEEKER.equals(id)) {
                return new Reply(200, jobSeeker(id, "2025-11-03", null));
            }
            if (FORMER_JOB_SEEKER.equals(id)) {
                return new Reply(200, jobSeeker(id, "2019-01-07", "2021-03-12"));
            }
            return notFound();
        }));
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        introspection = baseUrl() + "/introspect";
    }

    /** A token the provider issued to that person with those scopes (active). */
    public String issue(String subject, List<String> scopes) {
        String token = "at-" + java.util.UUID.randomUUID();
        tokens.put(token, Map.of("active", true, "sub", subject, "scope", "openid " + String.join(" ", scopes)));
        return token;
    }

    /** The provider down: introspection goes nowhere. */
    public FakeApiParticulier introspectionAt(String endpoint) {
        this.introspection = endpoint;
        return this;
    }

    /** The provider's introspection endpoint: client credentials (Basic) required; unknown tokens are inactive. */
    private void introspect(HttpExchange x) throws IOException {
        try (x) {
            introspections.incrementAndGet();
            String auth = x.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(INTROSPECTION_CLIENT
                    .getBytes(StandardCharsets.UTF_8));
            Reply r;
            if (!"POST".equals(x.getRequestMethod()) || !expected.equals(auth)) {
                r = new Reply(401, "{\"error\": \"invalid_client\"}");
            } else {
                String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String token = form.startsWith("token=") ? URLDecoder.decode(form.substring(6).split("&")[0],
                        StandardCharsets.UTF_8) : "";
                Map<String, Object> t = tokens.get(token);
                r = new Reply(200, t == null || !Boolean.TRUE.equals(t.get("active")) ? "{\"active\": false}"
                        : "{\"active\": true, \"sub\": \"" + t.get("sub") + "\", \"scope\": \"" + t.get("scope")
                                + "\", \"client_id\": \"guichet\"}");
            }
            send(x, r);
        }
    }

    /** What the provider says of a token: 200 with the body, or the status API Particulier answers. */
    private int checkToken(String token, List<String> scopes) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(introspection))
                            .timeout(java.time.Duration.ofSeconds(5))
                            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                    INTROSPECTION_CLIENT.getBytes(StandardCharsets.UTF_8)))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder
                                    .encode(token, StandardCharsets.UTF_8))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return 502;
            }
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            if (!n.path("active").asBoolean(false)) {
                return 401;
            }
            if (!List.of(n.path("scope").asText("").split(" ")).containsAll(scopes)) {
                return 403;
            }
            return SUBJECT.equals(n.path("sub").asText()) ? 200 : 404;
        } catch (IOException e) {
            return 502; // FranceConnect does not answer: API Particulier cannot check the token
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 502;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeApiParticulier mode(Mode m) {
        this.mode = m;
        return this;
    }

    public FakeApiParticulier slowMillis(long ms) {
        this.slowMillis = ms;
        return this;
    }

    private static String jobSeeker(String id, String from, String until) {
        return """
                {"identifiant": "%s", "civilite": "Mme", "nom": "MARTIN", "nomUsage": null, "prenom": "LEA",
                 "sexe": "Féminin", "dateNaissance": "2001-03-10", "codeCertificationCNAV": "VC",
                 "telephone": "0612345678", "telephone2": null, "email": "lea@example.fr",
                 "adresse": {"codePostal": "35000", "INSEECommune": "35238", "localite": "35000 Rennes",
                   "ligneVoie": "1 RUE DE LA GARE", "ligneNom": "MARTIN"},
                 "dateInscription": "%s", "dateCessationInscription": %s, "codeCategorieInscription": 1,
                 "libelleCategorieInscription": "PERSONNE SANS EMPLOI DISPONIBLE DUREE INDETERMINEE PLEIN TPS"}"""
                .formatted(id, from, until == null ? "null" : "\"" + until + "\"");
    }

    private static Reply notFound() {
        return new Reply(404, "{\"error\": \"not_found\", \"reason\": \"L'identifiant indiqué n'existe pas, n'est pas"
                + " connu ou ne comporte aucune information pour cet appel.\", \"message\": \"L'identifiant indiqué"
                + " n'existe pas, n'est pas connu ou ne comporte aucune information pour cet appel.\"}");
    }

    private record Reply(int status, String body) { }

    private interface Route {
        Reply reply() throws IOException;
    }

    private void answer(HttpExchange x, List<String> scopes, java.util.function.Supplier<String> herData, Route route)
            throws IOException {
        try (x) {
            hits.incrementAndGet();
            String key = x.getRequestHeaders().getFirst("X-Api-Key");
            String authorization = x.getRequestHeaders().getFirst("Authorization");
            boolean bearer = authorization != null && authorization.startsWith("Bearer ");
            // in FranceConnect mode the key is not sent: if it were, it shows here
            requests.add(x.getRequestMethod() + " " + x.getRequestURI() + (bearer ? " bearer" + (key == null ? ""
                    : " key=" + key) : " key=" + key));
            Reply r;
            if (!"GET".equals(x.getRequestMethod())) {
                r = new Reply(405, "{}");
            } else if (bearer) {
                int status = checkToken(authorization.substring(7).strip(), scopes);
                r = switch (status) {
                    case 200 -> new Reply(200, herData.get());
                    case 401 -> new Reply(401, "{\"error\": \"invalid_token\"}");
                    case 403 -> new Reply(403, "{\"error\": \"insufficient_scope\"}");
                    case 404 -> notFound();
                    default -> new Reply(502, "{\"error\": \"provider_unavailable\"}");
                };
            } else if (!KEY.equals(key)) {
                r = new Reply(401, "{\"error\": \"access_denied\", \"reason\": \"Le jeton est invalide\"}");
            } else {
                r = switch (mode) {
                    case NORMAL -> route.reply();
                    case SLOW -> {
                        sleep(slowMillis);
                        yield route.reply();
                    }
                    case GARBAGE -> new Reply(200, "<html>Maintenance en cours</html>");
                    case SERVER_ERROR -> new Reply(502, "{\"error\": \"provider_unavailable\"}");
                };
            }
            send(x, r);
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        }
    }

    private static void send(HttpExchange x, Reply r) throws IOException {
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(r.status(), bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(HttpExchange x) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = x.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
