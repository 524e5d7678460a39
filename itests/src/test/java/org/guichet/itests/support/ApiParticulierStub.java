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
 */
public final class ApiParticulierStub implements AutoCloseable {
    public static final String KEY = "itest-api-key";
    public final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public ApiParticulierStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/avis-imposition", x -> answer(x,
                "numeroFiscal=1234567890123&referenceAvis=2326A12345678", """
                {"declarant1": {"nom": "MARTIN", "prenoms": "Léa", "dateNaissance": "10/03/2001"},
                 "nombreParts": 1, "situationFamille": "Célibataire", "revenuBrutGlobal": 13200,
                 "revenuImposable": 13200, "revenuFiscalReference": 13200, "anneeImpots": "2026", "anneeRevenus": "2025"}"""));
        server.createContext("/api/v2/situations-pole-emploi", x -> answer(x, "identifiant=lea.martin", """
                {"identifiant": "lea.martin", "nom": "MARTIN", "prenom": "LEA", "dateNaissance": "2001-03-10",
                 "dateInscription": "2025-11-03", "dateCessationInscription": null,
                 "libelleCategorieInscription": "PERSONNE SANS EMPLOI DISPONIBLE DUREE INDETERMINEE PLEIN TPS"}"""));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange x, String knownQuery, String body) throws IOException {
        try (x) {
            String key = x.getRequestHeaders().getFirst("X-Api-Key");
            requests.add(x.getRequestURI() + " key=" + key);
            int status;
            String out;
            if (!KEY.equals(key)) {
                status = 401;
                out = "{\"error\": \"access_denied\"}";
            } else if (knownQuery.equals(x.getRequestURI().getRawQuery())) {
                status = 200;
                out = body;
            } else {
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

    @Override
    public void close() {
        server.stop(0);
    }
}
