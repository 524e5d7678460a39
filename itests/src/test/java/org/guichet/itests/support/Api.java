package org.guichet.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The JSON API as a client program sees it: real HTTP, bearer tokens, multipart uploads. */
public final class Api {
    private final Distribution dist;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public Api(Distribution dist) {
        this.dist = dist;
    }

    /** A response: status, parsed JSON body (or null), raw bytes. */
    public record Reply(int status, JsonNode json, byte[] bytes, HttpResponse<byte[]> response) {
        public String code() {
            return json == null ? null : json.path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + new String(bytes, StandardCharsets.UTF_8);
        }
    }

    public Reply send(String method, String path, Object body, String token) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Distribution.JSON.writeValueAsString(body));
        HttpRequest.Builder b = request(path, token).method(method, publisher);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return reply(b.build());
    }

    /** A request with one extra header (e.g. X-Phone-Call). */
    public Reply sendWithHeader(String method, String path, Object body, String token, String header, String value)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Distribution.JSON.writeValueAsString(body));
        HttpRequest.Builder b = request(path, token).method(method, publisher).header(header, value);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return reply(b.build());
    }

    public Reply get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, null, token);
    }

    public Reply post(String path, Object body, String token) throws IOException, InterruptedException {
        return send("POST", path, body, token);
    }

    public Reply patch(String path, Object body, String token) throws IOException, InterruptedException {
        return send("PATCH", path, body, token);
    }

    public Reply delete(String path, String token) throws IOException, InterruptedException {
        return send("DELETE", path, null, token);
    }

    /** Raw body with a content type, and extra headers (e.g. X-Api-Key). */
    public Reply postRaw(String path, byte[] body, String contentType, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path, token).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        headers.forEach(b::header);
        return reply(b.build());
    }

    /** multipart/form-data: text fields, and one file part named "file". */
    public Reply upload(String path, Map<String, String> fields, String fileName, String declaredType, byte[] content,
            String token, Map<String, String> headers) throws IOException, InterruptedException {
        String boundary = "----guichet" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (content != null) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return postRaw(path, out.toByteArray(), "multipart/form-data; boundary=" + boundary, token, headers);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dist.url("/api/v1" + path))).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Reply reply(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = null;
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/json") && r.body().length > 0) {
            json = Distribution.JSON.readTree(r.body());
        }
        return new Reply(r.statusCode(), json, r.body(), r);
    }
}
