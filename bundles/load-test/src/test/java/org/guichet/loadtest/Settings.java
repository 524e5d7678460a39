package org.guichet.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * What a run is given, as system properties (Maven passes {@code -D…} on to Gatling's JVM).
 *
 * <p>Either {@code guichet.url} and {@code guichet.home} name a distribution that is already running (the home is
 * read for its mail outbox, and written once for the admin of the run, see {@link Portal#configureAdmin}), or
 * {@code guichet.distribution} names a distribution archive that the run unpacks into {@code guichet.workdir},
 * starts on free loopback ports and stops at the end.
 */
record Settings(String url, Path home, Path distribution, int httpPort, int sshPort, int users,
        Duration duration, Duration rampUp, double thinkTime, String adminEmail, String adminPassword) {

    static Settings fromSystemProperties() {
        if (Boolean.getBoolean("guichet.smoke")) {
            return smoke();
        }
        String url = blankToNull(System.getProperty("guichet.url"));
        String dist = blankToNull(System.getProperty("guichet.distribution"));
        int users = Integer.getInteger("users", 64);
        Duration duration = Duration.ofSeconds(Long.getLong("duration", 120));
        Duration rampUp = Duration.ofSeconds(Long.getLong("rampUp", Math.min(10, duration.toSeconds() / 4)));
        double think = Double.parseDouble(System.getProperty("thinkTime", "1"));
        String adminEmail = blankToNull(System.getProperty("guichet.admin.email"));
        String adminPassword = blankToNull(System.getProperty("guichet.admin.password"));
        if ((adminEmail == null) != (adminPassword == null)) {
            throw new IllegalArgumentException("give both -Dguichet.admin.email and -Dguichet.admin.password (an active"
                    + " ADMIN account), or neither (the run then creates its own admin through etc/)");
        }
        if (users < 6) {
            throw new IllegalArgumentException("users must be at least 6 (every population has one), not " + users);
        }
        if (url != null) {
            String home = blankToNull(System.getProperty("guichet.home"));
            if (home == null) {
                throw new IllegalArgumentException("-Dguichet.home=<the distribution's folder> is needed with"
                        + " -Dguichet.url: activation links and codes are read from <home>/data/guichet/mail");
            }
            url = url.replaceAll("/+$", "").replaceAll("/api/v1$", "");
            return new Settings(url, Paths.get(home).toAbsolutePath(), null, -1, -1, users, duration, rampUp,
                    think, adminEmail, adminPassword);
        }
        if (dist == null) {
            throw new IllegalArgumentException("give either -Dguichet.url=http://127.0.0.1:<port> and"
                    + " -Dguichet.home=<folder> (a running distribution) or -Dguichet.distribution=<archive .tar.gz>"
                    + " (the run starts its own)");
        }
        Path workdir = Paths.get(System.getProperty("guichet.workdir", "target/distribution"))
                .resolve("run-" + System.currentTimeMillis()).toAbsolutePath();
        int http = freePort();
        int ssh = freePort();
        return new Settings("http://127.0.0.1:" + http, workdir, Paths.get(dist).toAbsolutePath(), http, ssh,
                users, duration, rampUp, think, adminEmail, adminPassword);
    }

    /**
     * The smoke run of {@code mvn install}, always the same whatever else is on the command line (Maven passes every
     * {@code -D} on to Gatling's JVM): 6 users for 20 s on a distribution of its own, unpacked into
     * {@code guichet.workdir} and started on free ports.
     */
    private static Settings smoke() {
        String dist = blankToNull(System.getProperty("guichet.distribution"));
        if (dist == null) {
            throw new IllegalArgumentException("the smoke run needs -Dguichet.distribution=<archive .tar.gz>");
        }
        Path workdir = Paths.get(System.getProperty("guichet.workdir", "target/smoke"))
                .resolve("run-" + System.currentTimeMillis()).toAbsolutePath();
        int http = freePort();
        int ssh = freePort();
        return new Settings("http://127.0.0.1:" + http, workdir, Paths.get(dist).toAbsolutePath(), http, ssh,
                6, Duration.ofSeconds(20), Duration.ofSeconds(2), 0.2, null, null);
    }

    /** True when the run unpacks, starts and stops the distribution itself. */
    boolean startsItsOwn() {
        return distribution != null;
    }

    String apiUrl() {
        return url + "/api/v1";
    }

    Path outbox() {
        return home.resolve("data/guichet/mail");
    }

    /** How many virtual users of each population: about 3/8 trainees, 1/8 mediators, 1/8 agents, one organisation. */
    Populations populations() {
        int agents = Math.max(1, Math.round(users / 8f));
        int mediators = Math.max(1, Math.round(users / 8f));
        int trainees = Math.max(1, Math.round(users * 3 / 8f));
        int organisations = 1;
        int visitors = users - agents - mediators - trainees - organisations;
        return new Populations(visitors, trainees, mediators, organisations, agents);
    }

    record Populations(int visitors, int trainees, int mediators, int organisations, int agents) {
        @Override
        public String toString() {
            return visitors + " visitors, " + trainees + " trainees, " + mediators + " mediators, " + organisations
                    + " training organisation, " + agents + " agents";
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
