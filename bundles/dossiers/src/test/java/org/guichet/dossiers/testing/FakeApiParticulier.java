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
        server.createContext("/api/v2/avis-imposition", x -> answer(x, () -> {
            Map<String, String> q = query(x);
            String body = taxNotices.get(q.get("numeroFiscal") + "/" + q.get("referenceAvis"));
            return body == null ? notFound() : new Reply(200, body);
        }));
        server.createContext("/api/v2/situations-pole-emploi", x -> answer(x, () -> {
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

    private void answer(HttpExchange x, Route route) throws IOException {
        try (x) {
            hits.incrementAndGet();
            String key = x.getRequestHeaders().getFirst("X-Api-Key");
            requests.add(x.getRequestMethod() + " " + x.getRequestURI() + " key=" + key);
            Reply r;
            if (!"GET".equals(x.getRequestMethod())) {
                r = new Reply(405, "{}");
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
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            x.sendResponseHeaders(r.status(), bytes.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
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
