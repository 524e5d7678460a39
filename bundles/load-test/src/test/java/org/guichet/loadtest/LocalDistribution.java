package org.guichet.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The distribution archive unpacked into a folder of its own and run as {@code bin/karaf server} on free loopback
 * ports (GUICHET_HTTP_PORT, GUICHET_SSH_PORT), as an operator runs it; with the shipped default, embedded Derby.
 * Whatever it starts, it stops, also when the JVM ends early.
 */
final class LocalDistribution {
    private final Path archive;
    private final Path home;
    private Process process;
    private Thread hook;

    LocalDistribution(Path archive, Path home) {
        this.archive = archive;
        this.home = home;
    }

    Path home() {
        return home;
    }

    void unpack() throws IOException, InterruptedException {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("distribution not built: " + archive + " (mvn install in karaf-assembly)");
        }
        removeEarlierRuns();
        Files.createDirectories(home);
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", home.toString(), "--strip-components=1")
                .inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("cannot unpack " + archive);
        }
    }

    /**
     * Each run unpacks about 100 MB: only the last run's distribution is kept (its logs are in data/log), the folders
     * of earlier runs beside it are removed, if they are distributions (bin/karaf) that no longer run.
     */
    private void removeEarlierRuns() throws IOException {
        Path parent = home.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> runs = Files.list(parent)) {
            for (Path run : runs.filter(p -> p.getFileName().toString().matches("run-\\d+")
                    && Files.isRegularFile(p.resolve("bin/karaf"))).toList()) {
                if (running(run)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(run)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    /** Whether the Karaf of that folder still runs (its karaf.pid names a live process started from there). */
    private static boolean running(Path run) {
        try {
            long pid = Long.parseLong(Files.readString(run.resolve("karaf.pid")).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(p -> p.info().commandLine().orElse("").contains(run.toString())).orElse(false);
        } catch (IOException | NumberFormatException noPid) {
            return false;
        }
    }

    /** Sets (or adds) one property of an etc/ configuration file. */
    static void setConfig(Path home, String file, String key, String value) throws IOException {
        Path cfg = home.resolve("etc/" + file);
        String text = Files.exists(cfg) ? Files.readString(cfg, StandardCharsets.UTF_8) : "";
        String line = key + " = " + value;
        Pattern pattern = Pattern.compile("(?m)^" + Pattern.quote(key) + "\\s*=.*$");
        text = pattern.matcher(text).find() ? pattern.matcher(text).replaceFirst(Matcher.quoteReplacement(line))
                : text + "\n" + line + "\n";
        Files.writeString(cfg, text, StandardCharsets.UTF_8);
    }

    void start(int httpPort, int sshPort) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
        pb.directory(home.toFile());
        pb.environment().put("GUICHET_HTTP_PORT", Integer.toString(httpPort));
        pb.environment().put("GUICHET_SSH_PORT", Integer.toString(sshPort));
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectErrorStream(true);
        pb.redirectOutput(home.resolve("console.log").toFile());
        process = pb.start();
        hook = new Thread(this::stop, "stop-guichet");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM to the JVM and the launcher script (Karaf's shutdown hook stops the framework), then SIGKILL after 60 s. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                p.destroyForcibly();
            }
        }
        process = null;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway, and finds nothing left to stop
            }
        }
    }

    /** The last lines of the console and of karaf.log, to say why a start failed. */
    String tail() {
        StringBuilder out = new StringBuilder();
        for (Path p : List.of(home.resolve("console.log"), home.resolve("data/log/karaf.log"))) {
            try {
                if (Files.exists(p)) {
                    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                    out.append("---- ").append(p.getFileName()).append('\n');
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
                }
            } catch (IOException e) {
                out.append("(cannot read ").append(p).append(": ").append(e).append(")\n");
            }
        }
        return out.toString();
    }
}
