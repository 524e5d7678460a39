package org.guichet.itests.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * API Particulier (v2) as the distribution sees it in a black-box test: the two routes Guichet calls, their published
 * query parameters, the X-Api-Key header and the published bodies (etalab/siade_staging_data), on a free local port.
 * One known person: tax number 1234567890123 with notice 2326A12345678, France Travail identifier lea.martin.
 *
 * <p>And API Particulier's FranceConnect mode ("API FranceConnectées"): a call with {@code Authorization: Bearer
 * <access token>} and no identifier is answered for the person the token names. The token is checked at the OpenID
 * Provider of the test ({@link #checkTokensAt}: its introspection endpoint, RFC 7662, with this stub's own client
 * credentials, standing for FranceConnect's checktoken): inactive or unknown → 401, without the route's data scopes
 * → 403, a {@code sub} it does not know ({@link #KNOWN_SUBJECTS}) → 404.
 */
public final class ApiParticulierStub implements AutoCloseable {
    public static final String KEY = "itest-api-key";
    /** The FranceConnect subjects (the test provider's user names) of the persons it knows, all with the same data */
    public static final List<String> KNOWN_SUBJECTS = List.of("lea", "zoe");
    static final List<String> TAX_SCOPES = List.of("dgfip_rfr", "dgfip_nbpart");
    static final List<String> JOB_SEEKER_SCOPES = List.of("statut_demandeur_emploi");
    private volatile String introspection;
    private volatile String clientId;
    private volatile String clientSecret;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public ApiParticulierStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/avis-imposition", x -> answer(x, TAX_SCOPES,
                "numeroFiscal=1234567890123&referenceAvis=2326A12345678", """
                {"declarant1": {"nom": "MARTIN", "prenoms": "Léa", "dateNaissance": "10/03/2001"},
                 "nombreParts": 1, "situationFamille": "Célibataire", "revenuBrutGlobal": 13200,
                 "revenuImposable": 13200, "revenuFiscalReference": 13200, "anneeImpots": "2026", "anneeRevenus": "2025"}"""));
        server.createContext("/api/v2/situations-pole-emploi", x -> answer(x, JOB_SEEKER_SCOPES, "identifiant=lea.martin", """
                {"identifiant": "lea.martin", "nom": "MARTIN", "prenom": "LEA", "dateNaissance": "2001-03-10",
                 "dateInscription": "2025-11-03", "dateCessationInscription": null,
                 "libelleCategorieInscription": "PERSONNE SANS EMPLOI DISPONIBLE DUREE INDETERMINEE PLEIN TPS"}"""));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** FranceConnect mode on: tokens are checked at this introspection endpoint with these client credentials. */
    public void checkTokensAt(String introspectionEndpoint, String clientId, String clientSecret) {
        this.introspection = introspectionEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    private void answer(HttpExchange x, List<String> scopes, String knownQuery, String body) throws IOException {
        try (x) {
            String key = x.getRequestHeaders().getFirst("X-Api-Key");
            String authorization = x.getRequestHeaders().getFirst("Authorization");
            int status;
            String out;
            if (authorization != null && authorization.startsWith("Bearer ")) {
                requests.add(x.getRequestURI() + " bearer");
                status = bearer(authorization.substring(7).strip(), scopes);
                out = status == 200 ? body : "{\"error\": \"" + (status == 401 ? "invalid_token" : status == 403
                        ? "insufficient_scope" : "not_found") + "\"}";
            } else if (!KEY.equals(key)) {
                requests.add(x.getRequestURI() + " key=" + key);
                status = 401;
                out = "{\"error\": \"access_denied\"}";
            } else if (knownQuery.equals(x.getRequestURI().getRawQuery())) {
                requests.add(x.getRequestURI() + " key=" + key);
                status = 200;
                out = body;
            } else {
                requests.add(x.getRequestURI() + " key=" + key);
                status = 404;
                out = "{\"error\": \"not_found\", \"reason\": \"L'identifiant indiqué n'existe pas\"}";
            }
            byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(status, bytes.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(bytes);
            }
        }
    }

    /** The token checked at the provider: 200 for the known person with the scopes, else 401, 403 or 404. */
    private int bearer(String token, List<String> scopes) {
        if (introspection == null) {
            return 401;
        }
        try {
            String basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                    .getBytes(StandardCharsets.UTF_8));
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(introspection)).header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder.encode(token,
                            StandardCharsets.UTF_8))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return 503;
            }
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            if (!n.path("active").asBoolean(false)) {
                return 401;
            }
            List<String> granted = List.of(n.path("scope").asText("").split(" "));
            if (!granted.containsAll(scopes)) {
                return 403;
            }
            return KNOWN_SUBJECTS.contains(n.path("sub").asText()) ? 200 : 404;
        } catch (IOException e) {
            return 503;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 503;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
