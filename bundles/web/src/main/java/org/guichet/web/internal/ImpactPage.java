package org.guichet.web.internal;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.guichet.api.accounts.Caller;
import org.guichet.api.error.GuichetException;
import org.guichet.api.impact.ImpactChanges;
import org.guichet.api.impact.ImpactCsv;
import org.guichet.api.impact.ImpactResults;
import org.guichet.api.impact.ImpactResults.AmountBand;
import org.guichet.api.impact.ImpactRun;
import org.guichet.api.impact.ImpactRunState;
import org.guichet.api.impact.ImpactService;
import org.guichet.api.scheme.SchemeInfo;

/**
 * The impact of a candidate version, before anyone promotes it (/admin/dispositifs/{scheme}/{version}/impact), for
 * admins and the scheme's supervisors: a form with the period, the newest run's progress (a {@code <progress>} and
 * words; the page reloads itself every {@value #REFRESH_SECONDS} s while it runs, unless asked not to), and once done
 * its results: a summary in words, the amount differences as a chart drawn here in SVG with the same figures in a
 * table, the totals per month of payment, reasons and documents gained or lost, the changed dossiers page by page,
 * and the CSV. No script.
 */
public final class ImpactPage {
    static final String PATH = "/admin/dispositifs/{scheme}/{version}/impact";
    public static final int REFRESH_SECONDS = 5;
    static final int CHANGES_PER_PAGE = 50;
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Portal portal;

    ImpactPage(Portal portal) {
        this.portal = portal;
    }

    static String path(String scheme, String version) {
        return "/admin/dispositifs/" + scheme + "/" + version + "/impact";
    }

    void show(Exchange x) throws IOException {
        Caller c = allowed(x);
        if (c == null) {
            return;
        }
        String scheme = x.path("scheme");
        String version = x.path("version");
        page(x, c, scheme, version, 200, Map.of(), null, null);
    }

    void start(Exchange x) throws IOException {
        Caller c = allowed(x);
        if (c == null) {
            return;
        }
        String scheme = x.path("scheme");
        String version = x.path("version");
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate from = date(x, "from", errors);
        LocalDate to = date(x, "to", errors);
        if (errors.isEmpty()) {
            try {
                service().start(c, scheme, version, from, to);
                x.redirect(path(scheme, version) + "?fait=lance#suivi");
                return;
            } catch (GuichetException e) {
                if (e.kind() == GuichetException.Kind.FORBIDDEN || e.kind() == GuichetException.Kind.NOT_FOUND) {
                    throw e;
                }
                errors.put(e.field() == null ? "from" : e.field(), x.ui().error(e));
                page(x, c, scheme, version, e.kind().status(), errors, x.param("from"), x.param("to"));
                return;
            }
        }
        page(x, c, scheme, version, 400, errors, x.param("from"), x.param("to"));
    }

    /** The changed dossiers of the newest DONE run, as CSV (the API's format). */
    void csv(Exchange x) throws IOException {
        Caller c = allowed(x);
        if (c == null) {
            return;
        }
        ImpactService impact = service();
        ImpactRun run = impact.latest(c, x.path("scheme"), x.path("version"))
                .filter(r -> r.state() == ImpactRunState.DONE).orElseThrow(Exchange.NotFound::new);
        StringBuilder body = new StringBuilder(ImpactCsv.HEADER).append("\r\n");
        impact.eachChange(c, run.id(), ch -> body.append(ImpactCsv.line(ch)).append("\r\n"));
        x.resp().setContentType("text/csv;charset=UTF-8");
        x.resp().setHeader("Content-Disposition", "attachment; filename=\"" + ImpactCsv.fileName(run) + "\"");
        x.resp().setHeader("Cache-Control", "private, no-store");
        Writer w = new java.io.OutputStreamWriter(x.resp().getOutputStream(), StandardCharsets.UTF_8);
        w.write(body.toString());
        w.flush();
    }

    private void page(Exchange x, Caller c, String scheme, String version, int status, Map<String, String> errors,
            String fromSent, String toSent) throws IOException {
        ImpactService impact = service();
        SchemeInfo info = portal.registry().info(scheme, version).filter(i -> i.version().equals(version))
                .orElseThrow(Exchange.NotFound::new);
        ImpactRun run = impact.latest(c, scheme, version).orElse(null);
        ImpactResults results = run != null && run.state() == ImpactRunState.DONE ? impact.results(c, run.id()) : null;
        int pageNumber = pageNumber(x.param("page"));
        ImpactChanges changes = results != null ? impact.changes(c, run.id(), pageNumber, CHANGES_PER_PAGE) : null;
        boolean follow = run != null && run.state().underWay() && !"manuel".equals(x.param("suivi"));
        if (follow) {
            // the page follows the run by itself; « suivre à la main » stops it (RGAA 13.1: the user controls it)
            x.resp().setHeader("Refresh", String.valueOf(REFRESH_SECONDS));
        }
        LocalDate today = LocalDate.now(PARIS);
        x.render(status, "admin/impact.jte", "info", info, "run", run, "results", results, "changes", changes,
                "chart", results == null ? null : Chart.of(results.amountBands()), "errors", errors,
                "from", fromSent != null ? fromSent : run != null ? run.from().toString()
                        : today.minusMonths(12).toString(),
                "to", toSent != null ? toSent : run != null ? run.to().toString() : today.toString(),
                "follow", follow, "done", "lance".equals(x.param("fait")) ? x.ui().t("impact.done.started") : null,
                "path", path(scheme, version));
    }

    private static int pageNumber(String p) {
        return p != null && p.matches("\\d{1,6}") ? Math.max(1, Integer.parseInt(p)) : 1;
    }

    private static LocalDate date(Exchange x, String name, Map<String, String> errors) {
        String v = x.param(name);
        if (v == null) {
            errors.put(name, x.ui().t("impact.error.dateRequired"));
            return null;
        }
        try {
            return LocalDate.parse(FrenchDates.toIso(v));
        } catch (java.time.format.DateTimeParseException e) {
            errors.put(name, x.ui().t("impact.error.dateInvalid"));
            return null;
        }
    }

    private ImpactService service() {
        return portal.impact();
    }

    /** The schemes pages' gate (admins and supervisors); the service then decides for the scheme. */
    private static Caller allowed(Exchange x) throws IOException {
        return SchemeAdminPages.allowed(x);
    }

    /** A band of amount differences in words: « de −500 € à −100 € », « aucun changement », « 1 000 € ou plus ». */
    public static String band(Ui ui, BigDecimal from, BigDecimal to) {
        if (from != null && to != null && from.signum() == 0 && to.signum() == 0) {
            return ui.t("impact.band.none");
        }
        if (from == null) {
            return ui.t("impact.band.atMost", ui.money(to));
        }
        if (to == null) {
            return ui.t("impact.band.atLeast", ui.money(from));
        }
        return ui.t("impact.band.between", ui.money(from), ui.money(to));
    }

    /** The same, short, under a bar of the chart: « −500 à −100 », « 0 », « ≥ 1000 ». */
    public static String shortBand(BigDecimal from, BigDecimal to) {
        if (from != null && to != null && from.signum() == 0 && to.signum() == 0) {
            return "0";
        }
        if (from == null) {
            return "≤ " + minus(to);
        }
        if (to == null) {
            return "≥ " + minus(from);
        }
        return minus(from) + " à " + minus(to);
    }

    private static String minus(BigDecimal a) {
        return a.stripTrailingZeros().toPlainString().replace("-", "−");
    }

    /**
     * The bar chart of the amount differences, drawn on the server: one bar per band, its height proportional to
     * the count, the count written above it and the band under it (the figures never rely on colour or on sight
     * alone: the table below the chart holds them too).
     */
    public record Chart(int width, int height, List<Bar> bars) {
        static final int BAR = 64;
        static final int GAP = 16;
        static final int TOP = 24;
        static final int PLOT = 160;
        public static final int BOTTOM = 44;

        public record Bar(int x, int y, int width, int height, int count, BigDecimal from, BigDecimal to, boolean zero,
                boolean decrease) {
            public int labelX() {
                return x + width / 2;
            }
        }

        static Chart of(List<AmountBand> bands) {
            int max = bands.stream().mapToInt(AmountBand::count).max().orElse(0);
            List<Bar> bars = new ArrayList<>();
            int x = GAP;
            for (AmountBand b : bands) {
                int h = max == 0 ? 0 : (int) Math.round((double) b.count() * PLOT / max);
                boolean zero = b.from() != null && b.to() != null && b.from().signum() == 0 && b.to().signum() == 0;
                boolean decrease = b.to() != null && b.to().signum() <= 0 && !zero;
                bars.add(new Bar(x, TOP + PLOT - h, BAR, h, b.count(), b.from(), b.to(), zero, decrease));
                x += BAR + GAP;
            }
            return new Chart(x, TOP + PLOT + BOTTOM, bars);
        }
    }
}
