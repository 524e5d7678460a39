package org.guichet.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The built distribution, unpacked into its own folder and run as a separate process ({@code bin/karaf server})
 * on free loopback ports, exactly as an operator runs it. Every process it starts, it stops.
 */
public final class Distribution implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final int httpPort = Ports.free();
    private final int sshPort = Ports.free();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private int starts;

    private Distribution(Path home) {
        this.home = home;
    }

    /** Unpacks the distribution built by karaf-assembly into target/, in a folder of its own. */
    public static Distribution unpack(String name) throws IOException, InterruptedException {
        return unpack(name, Paths.get(System.getProperty("guichet.distribution",
                "../karaf-assembly/target/guichet-karaf-1.0.0-SNAPSHOT.tar.gz")));
    }

    /** Unpacks any Karaf archive (ours, or a stock Apache Karaf) into target/, in a folder of its own. */
    public static Distribution unpack(String name, Path archive) throws IOException, InterruptedException {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("distribution not built: " + archive.toAbsolutePath());
        }
        Path dir = Paths.get("target", "dist-" + name + "-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir);
        Process tar = new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString(), "-C", dir.toString(),
                "--strip-components=1").inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("cannot unpack " + archive);
        }
        Distribution d = new Distribution(dir);
        Path limits = dir.resolve("etc/org.guichet.ratelimits.cfg");
        if (Files.exists(limits)) {
            // every request of these tests comes from 127.0.0.1, which a real portal never sees as one client: the
            // per-client-address limits are opened wide (the per-mail-address and per-account ones stay as shipped)
            for (String key : List.of("sign.up.per.ip", "sign.in.per.ip", "code.request.per.ip", "code.sign.in.per.ip",
                    "reset.request.per.ip", "link.per.ip", "mandate.request.per.ip", "partner.per.ip")) {
                d.setConfig("org.guichet.ratelimits.cfg", key, "100000");
            }
        }
        return d;
    }

    /**
     * Sets the ports of a stock Karaf (which knows nothing of GUICHET_HTTP_PORT): HTTP, SSH and JMX on free
     * loopback ports, written in etc/ before the first start as an operator would.
     */
    public void configureStockKaraf() throws IOException {
        Path etc = home.resolve("etc");
        Files.writeString(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.enabled = true\n"
                + "org.osgi.service.http.port = " + httpPort + "\n"
                + "org.ops4j.pax.web.listening.addresses = 127.0.0.1\n");
        replaceInFile(etc.resolve("org.apache.karaf.shell.cfg"), "(?m)^sshPort\\s*=.*$", "sshPort = " + sshPort);
        replaceInFile(etc.resolve("org.apache.karaf.shell.cfg"), "(?m)^sshHost\\s*=.*$", "sshHost = 127.0.0.1");
        replaceInFile(etc.resolve("org.apache.karaf.management.cfg"), "(?m)^rmiRegistryPort\\s*=.*$",
                "rmiRegistryPort = " + Ports.free());
        replaceInFile(etc.resolve("org.apache.karaf.management.cfg"), "(?m)^rmiServerPort\\s*=.*$",
                "rmiServerPort = " + Ports.free());
        // mvn: URLs from the repository this build installed into (-Dmaven.repo.local), not ~/.m2: otherwise the
        // stock Karaf installs whatever another build left there
        String repository = System.getProperty("guichet.maven.repository");
        if (repository != null && !repository.isBlank()) {
            Files.writeString(etc.resolve("org.ops4j.pax.url.mvn.cfg"), "\norg.ops4j.pax.url.mvn.localRepository = "
                    + repository.replace('\\', '/') + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }

    private static void replaceInFile(Path file, String regex, String replacement) throws IOException {
        String before = Files.readString(file, StandardCharsets.UTF_8);
        String after = before.replaceAll(regex, replacement);
        if (before.equals(after)) {
            throw new IllegalStateException(regex + " not found in " + file);
        }
        Files.writeString(file, after, StandardCharsets.UTF_8);
    }

    public Path home() {
        return home;
    }

    public int httpPort() {
        return httpPort;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    /** Starts bin/karaf server and waits until /api/v1/health answers 200 (or fails with the last answer and log). */
    public Duration start(Duration timeout) throws IOException, InterruptedException {
        return start(timeout, List.of());
    }

    /**
     * Starts bin/karaf with its console reading the given commands, as an operator typing them, then waits for
     * health. With no commands, starts {@code bin/karaf server} (no console).
     */
    public Duration start(Duration timeout, List<String> consoleCommands) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        starts++;
        ProcessBuilder pb = consoleCommands.isEmpty()
                ? new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                : new ProcessBuilder(home.resolve("bin/karaf").toString());
        pb.directory(home.toFile());
        pb.environment().put("GUICHET_HTTP_PORT", Integer.toString(httpPort));
        pb.environment().put("GUICHET_SSH_PORT", Integer.toString(sshPort));
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectErrorStream(true);
        pb.redirectOutput(home.resolve("console-" + starts + ".log").toFile());
        Instant begin = Instant.now();
        process = pb.start();
        if (!consoleCommands.isEmpty()) {
            // typed ahead: the console reads them in order once it is up; stdin stays open (no EOF = no logout)
            for (String command : consoleCommands) {
                process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().flush();
        }
        String last = "no answer";
        while (Duration.between(begin, Instant.now()).compareTo(timeout) < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the distribution stopped with exit code " + process.exitValue()
                        + "\n" + tail());
            }
            try {
                HttpResponse<String> r = get("/api/v1/health");
                if (r.statusCode() == 200) {
                    return Duration.between(begin, Instant.now());
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("health not UP after " + timeout + ": " + last + "\n" + tail());
    }

    /** Graceful stop: SIGTERM to the JVM (Karaf's shutdown hook stops the framework), then to the launcher script. */
    public void stop() throws InterruptedException {
        stop(false);
    }

    /** kill -9: the JVM gets no chance to flush or close anything. */
    public void kill() throws InterruptedException {
        stop(true);
    }

    private void stop(boolean force) throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        for (ProcessHandle p : tree) {
            if (force) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        }
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception timeout) {
                p.destroyForcibly();
            }
        }
        process = null;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private volatile String authorization;

    /**
     * GETs of {@link #get}, {@link #getJson} and {@link #await} send {@code Authorization: Bearer <token>} from now
     * on (health details and the scheme events are for admins and staff); null: anonymous again.
     */
    public void bearer(String token) {
        authorization = token == null ? null : "Bearer " + token;
    }

    public HttpResponse<String> postJson(String path, Object body) throws IOException, InterruptedException {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** An HTML form post, as a browser without JavaScript sends it. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Polls until the condition holds on GET path, or fails with the last body seen. */
    public JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout)
            throws IOException, InterruptedException {
        Instant end = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(end)) {
            HttpResponse<String> r = get(path);
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("condition not met on " + path + " within " + timeout + "; last: " + last);
    }

    public String tail() {
        StringBuilder out = new StringBuilder();
        try {
            Path console = home.resolve("console-" + starts + ".log");
            Path log = home.resolve("data/log/karaf.log");
            for (Path p : List.of(console, log)) {
                if (Files.exists(p)) {
                    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                    out.append("---- ").append(p.getFileName()).append('\n');
                    lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(l -> out.append(l).append('\n'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Points etc/org.ops4j.datasource-guichet.cfg at the PostgreSQL database named by GUICHET_TEST_POSTGRES_URL
     * (_USER, _PASSWORD), before the first start.
     */
    public void usePostgresFromEnvironment() throws IOException {
        Path cfg = home.resolve("etc/org.ops4j.datasource-guichet.cfg");
        String text = Files.readString(cfg, StandardCharsets.UTF_8)
                .replaceFirst("(?m)^osgi.jdbc.driver.name\\s*=.*$", "osgi.jdbc.driver.name = PostgreSQL JDBC Driver")
                .replaceFirst("(?m)^url\\s*=.*$", "url = " + System.getenv("GUICHET_TEST_POSTGRES_URL")
                        + "\nuser = " + System.getenv().getOrDefault("GUICHET_TEST_POSTGRES_USER", "guichet")
                        + "\npassword = " + System.getenv().getOrDefault("GUICHET_TEST_POSTGRES_PASSWORD", "guichet"));
        if (!text.contains("PostgreSQL JDBC Driver")) {
            throw new IllegalStateException("could not switch the datasource to PostgreSQL:\n" + text);
        }
        Files.writeString(cfg, text, StandardCharsets.UTF_8);
    }

    /** Sets (or adds) one property of an etc/ configuration file before a start. */
    public void setConfig(String file, String key, String value) throws IOException {
        Path cfg = home.resolve("etc/" + file);
        String text = Files.exists(cfg) ? Files.readString(cfg, StandardCharsets.UTF_8) : "";
        String line = key + " = " + value;
        String pattern = "(?m)^" + java.util.regex.Pattern.quote(key) + "\\s*=.*$";
        text = java.util.regex.Pattern.compile(pattern).matcher(text).find()
                ? text.replaceFirst(pattern, java.util.regex.Matcher.quoteReplacement(line)) : text + "\n" + line + "\n";
        Files.writeString(cfg, text, StandardCharsets.UTF_8);
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
