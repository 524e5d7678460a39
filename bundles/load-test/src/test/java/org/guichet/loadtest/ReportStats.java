package org.guichet.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Figures per request type, as data: Gatling 3.15 no longer writes {@code js/stats.json} beside its HTML report (it
 * puts the statistics table straight into index.html), so this reads that table and writes {@code js/stats.json} in
 * the shape earlier Gatling versions gave it (a group "All Requests" with one entry per request name; response times
 * over all requests, OK and KO together, as the table has them), and prints the table on the console.
 *
 * <p>Run by the simulation once Gatling has written its report (a shutdown hook: the report is made after the
 * simulation's {@code after()}), or by hand on any report folder:
 * {@code java -cp target/test-classes org.guichet.loadtest.ReportStats target/gatling/<run>}.
 */
final class ReportStats {
    private static final Pattern ROW = Pattern.compile("<tr id=\"([^\"]+)\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">(.*?)</span>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");

    /** One line of the statistics table: counts, events per second, response times in ms. */
    record Row(String id, String name, long total, long ok, long ko, double perSecond, long min, long p50, long p75,
            long p95, long p99, long max, long mean, long stdDev) { }

    private ReportStats() { }

    public static void main(String[] args) throws IOException {
        Path report = Paths.get(args.length > 0 ? args[0] : "target/gatling");
        if (!Files.exists(report.resolve("index.html"))) {
            report = newest(report, FileTime.fromMillis(0)).orElseThrow(
                    () -> new IllegalArgumentException("no Gatling report under " + args[0]));
        }
        System.out.print(table(write(report)));
    }

    /** The newest report folder under results whose index.html was written after the given time. */
    static Optional<Path> newest(Path results, FileTime after) throws IOException {
        if (!Files.isDirectory(results)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(results)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("index.html"))).filter(d -> {
                try {
                    return Files.getLastModifiedTime(d.resolve("index.html")).compareTo(after) >= 0;
                } catch (IOException e) {
                    return false;
                }
            }).max(Comparator.comparing(d -> d.getFileName().toString()));
        }
    }

    /** Reads the report's statistics table and writes js/stats.json; gives the rows (first: all requests). */
    static List<Row> write(Path report) throws IOException {
        List<Row> rows = parse(Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8));
        if (rows.isEmpty()) {
            throw new IllegalStateException("no statistics table in " + report.resolve("index.html"));
        }
        Files.createDirectories(report.resolve("js"));
        Files.writeString(report.resolve("js/stats.json"), json(rows), StandardCharsets.UTF_8);
        return rows;
    }

    static List<Row> parse(String html) {
        int start = html.indexOf("id=\"container_statistics_head\"");
        int end = html.indexOf("</table>", html.indexOf("id=\"container_statistics_body\"", Math.max(start, 0)));
        if (start < 0 || end < 0) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        Matcher tr = ROW.matcher(html.substring(start, end));
        while (tr.find()) {
            Matcher name = NAME.matcher(tr.group(2));
            if (!name.find()) {
                continue;
            }
            String[] v = new String[15];
            Matcher td = CELL.matcher(tr.group(2));
            while (td.find()) {
                v[Integer.parseInt(td.group(1))] = td.group(2).strip();
            }
            rows.add(new Row(tr.group(1), unescape(name.group(1).strip()), n(v[2]), n(v[3]), n(v[4]), d(v[6]), n(v[7]),
                    n(v[8]), n(v[9]), n(v[10]), n(v[11]), n(v[12]), n(v[13]), n(v[14])));
        }
        return rows;
    }

    private static long n(String s) {
        return s == null || s.isEmpty() || s.equals("-") ? 0 : Math.round(Double.parseDouble(s.replace(",", "")));
    }

    private static double d(String s) {
        return s == null || s.isEmpty() || s.equals("-") ? 0 : Double.parseDouble(s.replace(",", ""));
    }

    private static String unescape(String s) {
        return s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'");
    }

    static String json(List<Row> rows) {
        StringBuilder b = new StringBuilder("{\n  \"type\": \"GROUP\",\n  \"name\": \"All Requests\",\n  \"path\": \"\",\n"
                + "  \"pathFormatted\": \"group_missing-name\",\n  \"stats\": ");
        stats(b, rows.get(0), "  ");
        b.append(",\n  \"contents\": {");
        for (int i = 1; i < rows.size(); i++) {
            Row r = rows.get(i);
            b.append(i == 1 ? "\n" : ",\n").append("    \"").append(esc(r.id())).append("\": {\n")
                    .append("      \"type\": \"REQUEST\",\n      \"name\": \"").append(esc(r.name())).append("\",\n")
                    .append("      \"path\": \"").append(esc(r.name())).append("\",\n")
                    .append("      \"pathFormatted\": \"").append(esc(r.id())).append("\",\n      \"stats\": ");
            stats(b, r, "      ");
            b.append("\n    }");
        }
        return b.append("\n  }\n}\n").toString();
    }

    private static void stats(StringBuilder b, Row r, String indent) {
        String in = indent + "  ";
        b.append("{\n").append(in).append("\"name\": \"").append(esc(r.name())).append("\",\n")
                .append(in).append("\"numberOfRequests\": {\"total\": ").append(r.total()).append(", \"ok\": ")
                .append(r.ok()).append(", \"ko\": ").append(r.ko()).append("},\n");
        metric(b, in, "minResponseTime", r.min());
        metric(b, in, "maxResponseTime", r.max());
        metric(b, in, "meanResponseTime", r.mean());
        metric(b, in, "standardDeviation", r.stdDev());
        metric(b, in, "percentiles1", r.p50());
        metric(b, in, "percentiles2", r.p75());
        metric(b, in, "percentiles3", r.p95());
        metric(b, in, "percentiles4", r.p99());
        b.append(in).append("\"meanNumberOfRequestsPerSecond\": {\"total\": ")
                .append(String.format(Locale.ROOT, "%.2f", r.perSecond())).append("}\n").append(indent).append('}');
    }

    private static void metric(StringBuilder b, String in, String name, long value) {
        b.append(in).append('"').append(name).append("\": {\"total\": ").append(value).append("},\n");
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The figures per request type as a text table (count, throughput, p50/p95/p99, errors). */
    static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-20s %8s %8s %7s %7s %7s %7s %7s%n",
                "request", "count", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"));
        List<Row> sorted = new ArrayList<>(rows.subList(1, rows.size()));
        sorted.add(rows.get(0));
        for (Row r : sorted) {
            b.append(String.format(Locale.ROOT, "%-20s %8d %8.2f %7d %7d %7d %7d %7d%n", r.name(), r.total(),
                    r.perSecond(), r.p50(), r.p95(), r.p99(), r.max(), r.ko()));
        }
        return b.toString();
    }
}
