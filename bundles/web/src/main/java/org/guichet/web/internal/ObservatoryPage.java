package org.guichet.web.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.observatory.Summary;
import org.guichet.api.observatory.Summary.Count;
import org.guichet.api.observatory.Summary.Delay;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.DocumentDefinition;
import org.guichet.api.scheme.SchemeInfo;

/**
 * The observatory of a scheme (/observatoire, issue 15 point 3): for the directorate and the scheme's supervisors; an
 * organisation's staff sees its own trainees (point 4). A GET form chooses the scheme and the period; each table comes
 * with a bar chart drawn here as SVG (no script), a sentence that says what it shows, and its CSV
 * (/observatoire/tableaux/{table}). Small counts arrive suppressed from the service and are said « masqué ».
 */
public final class ObservatoryPage {
    static final String PATH = "/observatoire";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Portal portal;

    ObservatoryPage(Portal portal) {
        this.portal = portal;
    }

    /** One line of a table: its label, its cells as shown, and the value its bar draws (null: no bar). */
    public record Row(String label, List<String> cells, Double bar) { }

    /** A table of the page and of its CSV. */
    public record Table(String id, String title, String summary, List<String> columns, List<Row> rows, boolean chart) {
        public double max() {
            return rows.stream().map(Row::bar).filter(b -> b != null).mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    /** The form's values, as typed. */
    public record Filter(String scheme, String from, String to) { }

    void show(Exchange x) throws IOException {
        Caller c = x.caller();
        List<SchemeInfo> schemes = schemes(c);
        Filter f = filter(x, schemes);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate from = day(x, f.from(), "du", errors);
        LocalDate to = day(x, f.to(), "au", errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.put("au", x.ui().t("obs.error.period"));
        }
        if (f.scheme() == null) {
            errors.put("aide", x.ui().t("obs.error.scheme"));
        }
        Summary s = errors.isEmpty() ? portal.observatory().summary(c, f.scheme(), from, to, null) : null;
        x.render(errors.isEmpty() ? 200 : 400, "observatory/summary.jte", "filter", f, "schemes", schemes,
                "errors", errors, "summary", s, "tables", s == null ? List.of() : tables(x.ui(), s, documentLabels(x.ui(), f.scheme())),
                "ownTrainees", s != null && s.organisationId() != null);
    }

    /** A table as CSV (semicolons, UTF-8 with BOM: what French spreadsheets open as they are). */
    void csv(Exchange x) throws IOException {
        Caller c = x.caller();
        Filter f = filter(x, schemes(c));
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate from = day(x, f.from(), "du", errors);
        LocalDate to = day(x, f.to(), "au", errors);
        if (!errors.isEmpty() || f.scheme() == null) {
            throw new Exchange.NotFound();
        }
        Summary s = portal.observatory().summary(c, f.scheme(), from, to, null);
        String id = x.path("table");
        Table t = tables(x.ui(), s, documentLabels(x.ui(), f.scheme())).stream().filter(tt -> tt.id().equals(id)).findFirst()
                .orElseThrow(Exchange.NotFound::new);
        var resp = x.resp();
        resp.setStatus(200);
        resp.setContentType("text/csv; charset=UTF-8");
        resp.setHeader("Content-Disposition", "attachment; filename=\"observatoire-" + s.schemeId() + "-" + t.id()
                + "-" + from + "-" + to + ".csv\"");
        resp.setHeader("Cache-Control", "private, no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        Writer w = new java.io.OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8);
        w.write('\uFEFF');
        w.write(csvLine(t.columns()));
        for (Row r : t.rows()) {
            List<String> line = new ArrayList<>();
            line.add(r.label());
            line.addAll(r.cells());
            w.write(csvLine(line));
        }
        w.flush();
    }

    static String csvLine(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(';');
            }
            String v = cells.get(i) == null ? "" : cells.get(i);
            // a cell a spreadsheet would run as a formula is written as text (CSV injection)
            if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
                v = "'" + v;
            }
            if (v.contains(";") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
                v = "\"" + v.replace("\"", "\"\"") + "\"";
            }
            b.append(v);
        }
        return b.append("\r\n").toString();
    }

    /** The schemes the viewer may choose: a supervisor's own, else every scheme the portal has. */
    private List<SchemeInfo> schemes(Caller c) {
        Map<String, SchemeInfo> byId = new LinkedHashMap<>();
        for (SchemeInfo i : portal.registry().list()) {
            boolean mine = c.has(Role.DIRECTORATE) || c.has(Role.MEDIATOR)
                    || (c.schemes() != null && c.schemes().contains(i.id()));
            if (mine) {
                byId.putIfAbsent(i.id(), i);
            }
        }
        return List.copyOf(byId.values());
    }

    private static Filter filter(Exchange x, List<SchemeInfo> schemes) {
        String scheme = x.param("aide");
        if (scheme == null || scheme.isBlank()) {
            scheme = schemes.isEmpty() ? null : schemes.get(0).id();
        }
        LocalDate today = LocalDate.now(PARIS);
        String from = x.param("du");
        String to = x.param("au");
        return new Filter(scheme == null ? null : scheme.strip(),
                from == null || from.isBlank() ? today.minusYears(1).plusDays(1).toString() : from.strip(),
                to == null || to.isBlank() ? today.toString() : to.strip());
    }

    private static LocalDate day(Exchange x, String value, String field, Map<String, String> errors) {
        try {
            return LocalDate.parse(FrenchDates.toIso(value));
        } catch (DateTimeParseException | NullPointerException e) {
            errors.put(field, x.ui().t("obs.error.date", value));
            return null;
        }
    }

    // ---- the tables

    static List<Table> tables(Ui ui, Summary s) {
        return tables(ui, s, id -> id);
    }

    /** The document types named as people read them: their label in the scheme's descriptor (a code only if unknown). */
    Function<String, String> documentLabels(Ui ui, String schemeId) {
        SchemeDescriptor d = portal.registry().activeDescriptor(schemeId, null).orElse(null);
        return id -> {
            DocumentDefinition doc = d == null || id == null ? null : d.document(id);
            return doc == null ? id : ui.in(doc.label());
        };
    }

    static List<Table> tables(Ui ui, Summary s, Function<String, String> documentLabel) {
        String hidden = ui.t("obs.hidden", s.minimumCell());
        Function<Long, String> n = v -> v == null ? hidden : String.valueOf(v);
        List<Table> out = new ArrayList<>();

        List<Row> funnel = new ArrayList<>();
        for (Summary.Step st : s.funnel()) {
            funnel.add(new Row(ui.t("obs.step." + st.step()), List.of(n.apply(st.count()), ui.t("obs.unit." + st.unit())),
                    bar(st.count())));
        }
        Long opened = stepCount(s, "DOSSIER_OPENED");
        Long submitted = stepCount(s, "SUBMITTED");
        out.add(new Table("parcours", ui.t("obs.funnel.title"), opened == null || submitted == null
                ? ui.t("obs.tooFew") : ui.t("obs.funnel.summary", submitted, opened),
                List.of(ui.t("obs.col.step"), ui.t("obs.col.count"), ui.t("obs.col.unit")), funnel, true));

        List<Row> stops = new ArrayList<>();
        for (Count c : s.stops()) {
            stops.add(new Row(ui.t("obs.stop." + c.key()), List.of(n.apply(c.count())), bar(c.count())));
        }
        Count topStop = top(s.stops());
        out.add(new Table("arrets", ui.t("obs.stops.title"), topStop == null ? ui.t("obs.tooFew")
                : ui.t("obs.stops.summary", ui.t("obs.stop." + topStop.key()), topStop.count()),
                List.of(ui.t("obs.col.lastStep"), ui.t("obs.col.dossiers")), stops, true));

        List<Row> refused = new ArrayList<>();
        for (Summary.DocumentCount d : s.refusedAtUpload()) {
            refused.add(new Row(documentLabel.apply(d.documentType()), List.of(reason(ui, d.reason()), n.apply(d.count())), bar(d.count())));
        }
        out.add(new Table("refus-envoi", ui.t("obs.refused.title"), refused.isEmpty() ? ui.t("obs.none")
                : s.refusedAtUpload().get(0).count() == null ? ui.t("obs.tooFew")
                : ui.t("obs.refused.summary", documentLabel.apply(s.refusedAtUpload().get(0).documentType()), s.refusedAtUpload().get(0).count()),
                List.of(ui.t("obs.col.document"), ui.t("obs.col.reason"), ui.t("obs.col.count")), refused, true));

        List<Row> channels = new ArrayList<>();
        long helped = 0;
        boolean anyHidden = false;
        for (Count c : s.channels()) {
            channels.add(new Row(ui.t("obs.channel." + c.key()), List.of(n.apply(c.count())), bar(c.count())));
            anyHidden |= c.suppressed();
            helped += "ONLINE".equals(c.key()) || c.count() == null ? 0 : c.count();
        }
        out.add(new Table("canaux", ui.t("obs.channels.title"), anyHidden || submitted == null ? ui.t("obs.tooFew")
                : ui.t("obs.channels.summary", helped, submitted),
                List.of(ui.t("obs.col.channel"), ui.t("obs.col.submissions")), channels, true));

        Summary.Assistance a = s.assistance();
        List<Row> help = new ArrayList<>();
        for (Count c : List.of(a.phoneCallsOnDossiers(), a.phoneMinutesOnDossiers(), a.mediatedDossiers(),
                a.mediatorMinutes(), a.organisationAnswers(), a.organisationDocuments(), a.organisationAttendance(),
                a.organisationEstimatedMinutes())) {
            help.add(new Row(ui.t("obs.help." + c.key()), List.of(n.apply(c.count())), null));
        }
        if (a.phoneCallsAboutAccounts() != null) {
            help.add(new Row(ui.t("obs.help." + a.phoneCallsAboutAccounts().key()),
                    List.of(n.apply(a.phoneCallsAboutAccounts().count())), null));
            help.add(new Row(ui.t("obs.help." + a.phoneMinutesAboutAccounts().key()),
                    List.of(n.apply(a.phoneMinutesAboutAccounts().count())), null));
        }
        for (Delay d : List.of(a.phoneMinutesPerDossier(), a.agentMinutesPerDossier())) {
            help.add(new Row(ui.t("obs.help." + d.name()), List.of(d.suppressed() ? hidden : ui.t("obs.medianP90",
                    num(d.median()), num(d.p90()))), null));
        }
        out.add(new Table("aide", ui.t("obs.help.title"), a.mediatedDossiers().count() == null || opened == null
                ? ui.t("obs.tooFew") : ui.t("obs.help.summary", a.mediatedDossiers().count(), opened),
                List.of(ui.t("obs.col.measure"), ui.t("obs.col.value")), help, false));

        List<Row> orgs = new ArrayList<>();
        for (Summary.OrganisationHelp o : a.organisations()) {
            orgs.add(new Row(o.name() == null ? "#" + o.organisationId() : o.name(), List.of(n.apply(o.mediatedDossiers()),
                    n.apply(o.prefilledDossiers()), n.apply(o.answersSupplied()), n.apply(o.documentsSupplied()),
                    n.apply(o.attendanceReported()), n.apply(o.estimatedMinutes())), bar(o.estimatedMinutes())));
        }
        out.add(new Table("organismes", ui.t("obs.orgs.title"), orgs.isEmpty() ? ui.t("obs.none")
                : ui.t("obs.orgs.summary"), List.of(ui.t("obs.col.organisation"), ui.t("obs.col.mediated"),
                ui.t("obs.col.prefilled"), ui.t("obs.col.answers"), ui.t("obs.col.documents"),
                ui.t("obs.col.attendance"), ui.t("obs.col.minutes")),
                orgs, true));

        List<Row> delays = new ArrayList<>();
        for (Delay d : s.delays()) {
            delays.add(new Row(ui.t("obs.delay." + d.name()), List.of(n.apply(d.count()),
                    d.suppressed() ? hidden : num(d.median()), d.suppressed() ? hidden : num(d.p90())),
                    d.suppressed() || d.median() == null ? null : Math.max(0, d.median())));
        }
        Delay decision = s.delays().get(0);
        out.add(new Table("delais", ui.t("obs.delays.title"), decision.suppressed() || decision.median() == null
                ? ui.t("obs.tooFew") : ui.t("obs.delays.summary", num(decision.median()), num(decision.p90())),
                List.of(ui.t("obs.col.delay"), ui.t("obs.col.dossiers"), ui.t("obs.col.median"), ui.t("obs.col.p90")),
                delays, true));

        List<Row> complements = new ArrayList<>();
        for (Summary.DocumentCount d : s.complements()) {
            complements.add(new Row(documentLabel.apply(d.documentType()), List.of(ui.t("obs.outcome." + d.outcome()), reason(ui, d.reason()),
                    n.apply(d.count())), bar(d.count())));
        }
        out.add(new Table("complements", ui.t("obs.complements.title"), complements.isEmpty() ? ui.t("obs.none")
                : s.complements().get(0).count() == null ? ui.t("obs.tooFew")
                : ui.t("obs.complements.summary", documentLabel.apply(s.complements().get(0).documentType()), s.complements().get(0).count()),
                List.of(ui.t("obs.col.document"), ui.t("obs.col.outcome"), ui.t("obs.col.reason"), ui.t("obs.col.count")),
                complements, true));

        List<Row> answeredBy = new ArrayList<>();
        long answered = 0;
        long answeredWithHelp = 0;
        boolean answeredHidden = false;
        for (Count c : s.complementsAnsweredBy()) {
            answeredBy.add(new Row(ui.t("obs.answeredBy." + c.key()), List.of(n.apply(c.count())), bar(c.count())));
            answeredHidden |= c.suppressed();
            answered += c.count() == null ? 0 : c.count();
            answeredWithHelp += "ONLINE".equals(c.key()) || c.count() == null ? 0 : c.count();
        }
        out.add(new Table("complements-reponses", ui.t("obs.answeredBy.title"), answered == 0 && !answeredHidden
                ? ui.t("obs.none") : answeredHidden ? ui.t("obs.tooFew")
                : ui.t("obs.answeredBy.summary", answeredWithHelp, answered),
                List.of(ui.t("obs.col.answeredBy"), ui.t("obs.col.count")), answeredBy, true));

        List<Row> outcomes = new ArrayList<>();
        outcomes.add(new Row(ui.t("obs.granted"), List.of(n.apply(s.outcomes().granted().count())),
                bar(s.outcomes().granted().count())));
        outcomes.add(new Row(ui.t("obs.refused"), List.of(n.apply(s.outcomes().refused().count())),
                bar(s.outcomes().refused().count())));
        for (Count c : s.outcomes().refusedReasons()) {
            outcomes.add(new Row(ui.t("obs.refusedBecause", reason(ui, c.key())), List.of(n.apply(c.count())),
                    bar(c.count())));
        }
        Long granted = s.outcomes().granted().count();
        Long decided = stepCount(s, "DECIDED");
        out.add(new Table("decisions", ui.t("obs.outcomes.title"), granted == null || decided == null
                ? ui.t("obs.tooFew") : ui.t("obs.outcomes.summary", granted, decided),
                List.of(ui.t("obs.col.outcome"), ui.t("obs.col.dossiers")), outcomes, true));
        return out;
    }

    private static Long stepCount(Summary s, String step) {
        // a suppressed step's count is null: Optional.map, not Stream.map (whose findFirst refuses a null)
        return s.funnel().stream().filter(x -> x.step().equals(step)).findFirst().map(Summary.Step::count).orElse(null);
    }

    private static Count top(List<Count> cells) {
        Count best = null;
        for (Count c : cells) {
            if (c.count() != null && c.count() > 0 && (best == null || c.count() > best.count())) {
                best = c;
            }
        }
        return best;
    }

    private static String reason(Ui ui, String code) {
        if (code == null) {
            return "";
        }
        String key = "obs.reason." + code;
        String t = ui.t(key);
        return t.equals(key) ? code : t;
    }

    /** The width of a bar in the chart's 320-unit-wide drawing (room left for its value after it). */
    public static int width(double value, double max) {
        return max <= 0 ? 0 : (int) Math.round(230 * value / max);
    }

    public static String barText(double v) {
        return num(v);
    }

    /** The query of the page's own links (the CSV of each table). */
    public static String query(Filter f) {
        java.util.function.Function<String, String> e = v -> java.net.URLEncoder.encode(v == null ? "" : v,
                StandardCharsets.UTF_8);
        return "?aide=" + e.apply(f.scheme()) + "&du=" + e.apply(f.from()) + "&au=" + e.apply(f.to());
    }

    private static Double bar(Long v) {
        return v == null ? null : v.doubleValue();
    }

    private static String num(Double d) {
        if (d == null) {
            return "";
        }
        return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d).replace('.', ',');
    }
}
