package org.guichet.dossiers.internal.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.connectors.ProviderException.Failure;

/**
 * The two calls of API Particulier (v2) Guichet makes, with the JDK's HttpClient: the tax notice
 * ({@code GET /api/v2/avis-imposition?numeroFiscal=&referenceAvis=}) and the job seeker's situation
 * ({@code GET /api/v2/situations-pole-emploi?identifiant=}), each with the {@code X-Api-Key} header. What they answer
 * is turned into the data of {@code AnswerSource} (DGFIP: noticeFound, referenceTaxIncome, taxShares;
 * FRANCE_TRAVAIL: registered); anything else in the answer is not kept (data minimisation).
 */
public final class ApiParticulierClient {
    static final String TAX_NOTICE_PATH = "/api/v2/avis-imposition";
    static final String JOB_SEEKER_PATH = "/api/v2/situations-pole-emploi";

    private final URI base;
    private final String apiKey;
    private final Duration readTimeout;
    private final HttpClient http;

    public ApiParticulierClient(URI base, String apiKey, Duration connectTimeout, Duration readTimeout) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.apiKey = apiKey;
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** DGFIP: the notice's reference tax income and number of shares. */
    public Map<String, Object> taxNotice(String taxNumber, String noticeReference) throws ProviderException {
        JsonNode body = get(TAX_NOTICE_PATH, "numeroFiscal=" + enc(taxNumber) + "&referenceAvis=" + enc(noticeReference));
        return taxData(body);
    }

    /** FRANCE_TRAVAIL: whether she is registered today. */
    public Map<String, Object> jobSeeker(String identifier, LocalDate today) throws ProviderException {
        return jobSeekerData(get(JOB_SEEKER_PATH, "identifiant=" + enc(identifier)), today);
    }

    /**
     * DGFIP in FranceConnect mode: her FranceConnect access token names her ({@code Authorization: Bearer}), no
     * identifier and no API key are sent; {@code recipient} (the portal's SIRET, when configured) as API Particulier's
     * FranceConnect-mode calls carry it.
     */
    public Map<String, Object> taxNoticeWithFranceConnect(String path, String accessToken, String recipient)
            throws ProviderException {
        return taxData(bearerGet(path, accessToken, recipient));
    }

    /** FRANCE_TRAVAIL in FranceConnect mode, as {@link #taxNoticeWithFranceConnect}. */
    public Map<String, Object> jobSeekerWithFranceConnect(String path, String accessToken, String recipient,
            LocalDate today) throws ProviderException {
        return jobSeekerData(bearerGet(path, accessToken, recipient), today);
    }

    /** The published avis-imposition answer → DGFIP data. */
    static Map<String, Object> taxData(JsonNode body) throws ProviderException {
        JsonNode income = body.get("revenuFiscalReference");
        JsonNode shares = body.get("nombreParts");
        if (income == null || !income.isNumber() || shares == null || !shares.isNumber()) {
            throw malformed("revenuFiscalReference and nombreParts must be numbers");
        }
        BigDecimal rfr = income.decimalValue();
        BigDecimal parts = shares.decimalValue();
        if (rfr.signum() < 0 || parts.signum() <= 0) {
            throw malformed("revenuFiscalReference must be 0 or more and nombreParts above 0");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("noticeFound", Boolean.TRUE);
        // the notice gives whole euros; the field is an INTEGER
        data.put("referenceTaxIncome", rfr.setScale(0, java.math.RoundingMode.DOWN).longValueExact());
        data.put("taxShares", parts.stripTrailingZeros().scale() < 0 ? parts.setScale(0) : parts.stripTrailingZeros());
        return data;
    }

    /**
     * The published situations-pole-emploi answer → FRANCE_TRAVAIL data: registered when she has a registration date
     * and no end of registration before today.
     */
    static Map<String, Object> jobSeekerData(JsonNode body, LocalDate today) throws ProviderException {
        LocalDate from = date(body, "dateInscription");
        if (from == null) {
            throw malformed("dateInscription is missing");
        }
        LocalDate until = date(body, "dateCessationInscription");
        boolean registered = !from.isAfter(today) && (until == null || !until.isBefore(today));
        return Map.of("registered", registered);
    }

    private static LocalDate date(JsonNode body, String name) throws ProviderException {
        JsonNode n = body.get(name);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            return null;
        }
        try {
            return LocalDate.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw malformed(name + " is not a date: " + n);
        }
    }

    private JsonNode get(String path, String query) throws ProviderException {
        return send(HttpRequest.newBuilder(URI.create(base + path + "?" + query)).timeout(readTimeout)
                .header("X-Api-Key", apiKey).header("Accept", "application/json").GET().build());
    }

    private JsonNode bearerGet(String path, String accessToken, String recipient) throws ProviderException {
        if (accessToken == null || accessToken.isBlank()) {
            throw new ProviderException(Failure.UNAVAILABLE, "no access token", null);
        }
        String p = path.startsWith("/") ? path : "/" + path;
        String query = recipient == null || recipient.isBlank() ? "" : "?recipient=" + enc(recipient.strip());
        return send(HttpRequest.newBuilder(URI.create(base + p + query)).timeout(readTimeout)
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build());
    }

    private JsonNode send(HttpRequest request) throws ProviderException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new ProviderException(Failure.TIMEOUT, "no connection within the time given", e);
        } catch (HttpTimeoutException e) {
            throw new ProviderException(Failure.TIMEOUT, "no answer within the time given", e);
        } catch (ConnectException e) {
            throw new ProviderException(Failure.UNAVAILABLE, "connection refused", e);
        } catch (IOException e) {
            throw new ProviderException(Failure.UNAVAILABLE, "connection failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Failure.UNAVAILABLE, "interrupted", e);
        }
        int status = response.statusCode();
        if (status == 404) {
            throw new ProviderException(Failure.NOT_FOUND, "not found", null);
        }
        if (status == 401 || status == 403) {
            // a key or a FranceConnect token refused (inactive, expired, or without the data's scope)
            throw new ProviderException(Failure.UNAVAILABLE, "credentials refused (" + status + ")", null);
        }
        if (status != 200) {
            throw new ProviderException(Failure.UNAVAILABLE, "status " + status, null);
        }
        try {
            JsonNode body = Json.MAPPER.readTree(response.body());
            if (body == null || !body.isObject()) {
                throw malformed("the answer is not a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw malformed("the answer is not JSON: " + e.getMessage());
        }
    }

    private static ProviderException malformed(String why) {
        return new ProviderException(Failure.MALFORMED, why, null);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
