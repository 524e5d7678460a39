package org.guichet.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.http.Part;
import org.guichet.api.accounts.Caller;
import org.guichet.api.connectors.AdministrationData;
import org.guichet.api.dossiers.ChecklistItem;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.SchemeDescriptor;

/**
 * The application as short steps with a progress indicator (one topic a step, every answer saved as soon as a step is
 * sent, so she can stop and come back), the documents with why each is asked (upload from a phone: the file picker
 * offers the camera), the review and the submission, and the receipt. Every page calls the same services as the API;
 * nothing of their logic is copied here.
 */
public final class ApplicationSteps {
    /** A missing answer or document on the review page, and where to give it. */
    public record Missing(String href, String message) { }

    /**
     * The offer, on a step, to ask an administration instead of typing: what it would give (the questions' labels),
     * which documents that spares, the identifiers she types, and what went wrong the last time.
     */
    public record SourceBlock(String source, String who, List<String> fields, List<String> spares,
            List<String> identifiers, String error, Map<String, String> typed, boolean franceConnect) { }

    private final Portal portal;

    ApplicationSteps(Portal portal) {
        this.portal = portal;
    }

    // ---- the steps

    /** The scheme's steps, in the order of its questions ("" for questions that name no step). */
    static List<String> steps(SchemeDescriptor d) {
        List<String> steps = new ArrayList<>();
        for (FieldDefinition f : d.fields()) {
            String s = stepOf(f);
            if (!steps.contains(s)) {
                steps.add(s);
            }
        }
        return steps;
    }

    public static String stepOf(FieldDefinition f) {
        return f.step() == null ? "" : f.step();
    }

    /**
     * A step's title: the one the scheme's descriptor gives it ({@code steps} in scheme.yaml), else its id made
     * readable ("young-person" -> "Young person"), else "Questions 2" for questions that name no step.
     */
    public static String stepTitle(Ui ui, SchemeDescriptor s, String stepId, int n) {
        if (stepId == null || stepId.isBlank()) {
            return ui.t("applicant.step.untitled", n);
        }
        org.guichet.api.scheme.StepDefinition declared = s == null ? null : s.step(stepId);
        if (declared != null && declared.title() != null) {
            return ui.in(declared.title());
        }
        String words = stepId.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[-_.]+", " ").trim()
                .toLowerCase(Locale.ROOT);
        return words.isEmpty() ? ui.t("applicant.step.untitled", n) : Character.toUpperCase(words.charAt(0))
                + words.substring(1);
    }

    /**
     * {@code "fr"} for a scheme's text shown in French on an English page (no English given), so that it is read as
     * French; null otherwise.
     */
    public static String frenchOnly(Ui ui, LocalizedText text) {
        return ui.english() && text != null && (text.en() == null || text.en().isBlank()) ? "fr" : null;
    }

    /** The questions of step n (1-based). */
    static List<FieldDefinition> fieldsOf(SchemeDescriptor s, List<String> steps, int n) {
        return s.fields().stream().filter(f -> stepOf(f).equals(steps.get(n - 1))).toList();
    }

    private SchemeDescriptor descriptor(Dossier d) {
        return descriptorOf(portal, d).orElseThrow(() ->
                new GuichetException(GuichetException.Kind.UNAVAILABLE, "SCHEME_UNAVAILABLE", null, null));
    }

    /**
     * The descriptor of the dossier's version, served as the dossier's reader is: a test dossier's as to the staff
     * (its version may be a PREVIEW), any other as to the public.
     */
    static java.util.Optional<SchemeDescriptor> descriptorOf(Portal portal, Dossier d) {
        return d.test() ? portal.registry().descriptor(d.schemeId(), d.schemeVersion(), null,
                org.guichet.api.scheme.Audience.STAFF) : portal.registry().activeDescriptor(d.schemeId(), d.schemeVersion());
    }

    private static int stepNumber(Exchange x, List<String> steps) {
        long n = x.id("step");
        if (n < 1 || n > steps.size()) {
            throw new Exchange.NotFound();
        }
        return (int) n;
    }

    void step(Exchange x) throws IOException {
        Caller caller = x.caller();
        Dossier d = portal.dossiers().get(caller, x.id("dossier"), x.ui().locale());
        SchemeDescriptor s = descriptor(d);
        List<String> steps = steps(s);
        int n = stepNumber(x, steps);
        String received = x.param("recu");
        String notice = null;
        for (AnswerSource source : AnswerSource.values()) {
            if (source.name().equals(received)) {
                notice = x.ui().t("source.received", x.ui().t("source.who." + source.name()));
            }
        }
        renderStep(x, 200, d, s, steps, n, Map.of(), Map.of(), null, null, Map.of(), notice);
    }

    private void renderStep(Exchange x, int status, Dossier d, SchemeDescriptor s, List<String> steps, int n,
            Map<String, String> errors, Map<String, Object> typed) throws IOException {
        renderStep(x, status, d, s, steps, n, errors, typed, null, null, Map.of(), null);
    }

    private void renderStep(Exchange x, int status, Dossier d, SchemeDescriptor s, List<String> steps, int n,
            Map<String, String> errors, Map<String, Object> typed, AnswerSource failed, String sourceError,
            Map<String, String> identifiers, String notice) throws IOException {
        List<FieldDefinition> fields = fieldsOf(s, steps, n);
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDefinition f : fields) {
            values.put(f.name(), typed.containsKey(f.name()) ? typed.get(f.name()) : d.answers().get(f.name()));
        }
        AdministrationData connectors = portal.connectorsOrNull();
        List<SourceBlock> blocks = sourceBlocks(x.ui(), d, s, fields, connectors == null ? Set.of()
                : connectors.available(), failed, sourceError, identifiers, franceConnectSources(x, d));
        x.render(status, "applicant/step.jte", "d", d, "s", s, "steps", steps, "n", n, "fields", fields, "values",
                values, "errors", errors, "sources", blocks, "notice", notice);
    }

    /** Whether an administration gave this answer (then it is shown read-only and never sent back). */
    public static boolean fromAdministration(Dossier d, String field) {
        return AnswerSource.Origin.parse(d.answerSources().get(field)).isPresent();
    }

    /**
     * One block per administration switched on that can answer questions of this step not yet answered by it, in
     * the order of AnswerSource. What it spares: the scheme's documents that declare only its fields in replacedBy.
     */
    static List<SourceBlock> sourceBlocks(Ui ui, Dossier d, SchemeDescriptor s, List<FieldDefinition> fields,
            Set<AnswerSource> available, AnswerSource failed, String error, Map<String, String> typed) {
        return sourceBlocks(ui, d, s, fields, available, failed, error, typed, Set.of());
    }

    /** @param throughFranceConnect the sources she can have asked through her FranceConnect account (no identifier) */
    static List<SourceBlock> sourceBlocks(Ui ui, Dossier d, SchemeDescriptor s, List<FieldDefinition> fields,
            Set<AnswerSource> available, AnswerSource failed, String error, Map<String, String> typed,
            Set<AnswerSource> throughFranceConnect) {
        if (d.state() != org.guichet.api.dossiers.DossierState.DRAFT) {
            return List.of();
        }
        List<SourceBlock> out = new ArrayList<>();
        for (AnswerSource source : AnswerSource.values()) {
            if (!available.contains(source)) {
                continue;
            }
            List<FieldDefinition> mine = fields.stream().filter(f -> f.source() == source).toList();
            if (mine.isEmpty() || mine.stream().allMatch(f -> fromAdministration(d, f.name()))) {
                continue;
            }
            List<String> spares = s.documents().stream().filter(doc -> !doc.replacedBy().isEmpty()
                    && doc.replacedBy().stream().allMatch(n -> s.field(n) != null && s.field(n).source() == source))
                    .map(doc -> ui.in(doc.label())).toList();
            boolean fc = throughFranceConnect.contains(source);
            out.add(new SourceBlock(source.name(), ui.t("source.who." + source.name()),
                    mine.stream().map(f -> ui.in(f.label())).toList(), spares,
                    fc ? List.of() : AdministrationData.identifiers(source), source == failed ? error : null,
                    source == failed ? typed : Map.of(), fc));
        }
        return out;
    }

    /**
     * She asks an administration, with her consent, for the answers of this step: on success back to the step
     * with the answers filled and read-only; when it fails, the same step with the reason in plain words, and the
     * questions still open to typing (nothing blocks her).
     */
    void fetchSource(Exchange x) throws IOException {
        At at = at(x);
        Caller caller = at.caller();
        long id = at.id();
        Locale l = at.locale();
        Dossier d = at.d();
        SchemeDescriptor s = at.s();
        List<String> steps = at.steps();
        int n = at.n();
        AnswerSource source;
        try {
            source = AnswerSource.valueOf(x.path("source"));
        } catch (IllegalArgumentException e) {
            throw new Exchange.NotFound();
        }
        Map<String, String> identifiers = new LinkedHashMap<>();
        for (String key : AdministrationData.identifiers(source)) {
            String v = x.param(key);
            identifiers.put(key, v == null ? "" : v);
        }
        AdministrationData connectors = portal.connectorsOrNull();
        if (connectors == null || !connectors.available().contains(source)) {
            renderStep(x, 503, d, s, steps, n, Map.of(), Map.of(), source, x.ui().t("source.off"), identifiers, null);
            return;
        }
        boolean consent = "oui".equals(x.param("consent"));
        if (franceConnectSources(x, d).contains(source)) {
            toFranceConnect(x, connectors, at, source, consent);
            return;
        }
        try {
            connectors.fetch(caller, id, source, identifiers, consent);
        } catch (GuichetException e) {
            if (!SOURCE_REFUSALS.contains(e.code())) {
                throw e;
            }
            renderStep(x, e.kind().status(), portal.dossiers().get(caller, id, l), s, steps, n, Map.of(), Map.of(),
                    source, Messages.of(l, e), identifiers, null);
            return;
        }
        x.redirect("/mes-demandes/" + id + "/etape/" + n + "?recu=" + source.name() + "#suite");
    }

    // ---- API Particulier's FranceConnect mode: her FranceConnect account names her, she types no identifier

    /**
     * The sources she can have asked through FranceConnect on this dossier: she signed in with FranceConnect in this
     * session (its ID token is kept for the logout), she is the dossier's applicant herself (not a mediator), and both
     * FranceConnect and the connectors' FranceConnect mode are on. Whoever comes back from FranceConnect is checked
     * against the identity linked to the applicant's account anyway (the service refuses another person).
     */
    Set<AnswerSource> franceConnectSources(Exchange x, Dossier d) {
        AdministrationData connectors = portal.connectorsOrNull();
        if (connectors == null || portal.franceConnectOrNull() == null
                || WebSession.cookie(x.req(), FranceConnectPages.ID_TOKEN) == null || d.applicant() == null
                || x.ui().caller() == null || d.applicant().id() != x.ui().caller().accountId()) {
            return Set.of();
        }
        return connectors.franceConnectScopes().keySet();
    }

    /**
     * The block's button in FranceConnect mode: with her consent ticked (else the same refusal as ever, from the
     * service), to FranceConnect again for the source's data scopes; what to do on return (her account, the dossier,
     * the step, the source) is kept server-side with the state. The pages' Content-Security-Policy lets forms post
     * only here, and a browser applies it to a form's redirects too: so this answers a page that moves on to
     * FranceConnect at once (an immediate refresh, and a link for who has it off).
     */
    private void toFranceConnect(Exchange x, AdministrationData connectors, At at, AnswerSource source, boolean consent)
            throws IOException {
        if (!consent) {
            try {
                connectors.fetchWithFranceConnect(at.caller(), at.id(), source, null, null, false);
            } catch (GuichetException e) {
                if (!SOURCE_REFUSALS.contains(e.code())) {
                    throw e;
                }
                renderStep(x, e.kind().status(), at.d(), at.s(), at.steps(), at.n(), Map.of(), Map.of(), source,
                        Messages.of(at.locale(), e), Map.of(), null);
                return;
            }
        }
        portal.limit(x.req(), org.guichet.api.limits.RateLimits.SIGN_IN);
        org.guichet.api.accounts.IdentityProvider.Start start;
        try {
            start = portal.franceConnectOrNull().beginDataAccess(connectors.franceConnectScopes().get(source),
                    purpose(at.caller().accountId(), at.id(), at.n(), source));
        } catch (GuichetException e) {
            renderStep(x, e.kind().status(), at.d(), at.s(), at.steps(), at.n(), Map.of(), Map.of(), source,
                    x.ui().error(e), Map.of(), null);
            return;
        }
        WebSession.set(x.req(), x.resp(), FranceConnectPages.BINDING, start.browserBinding(), 60L * 15);
        x.resp().setHeader("Cache-Control", "no-store");
        x.render(200, "applicant/toFranceConnect.jte", "location", start.location().toString(), "who",
                x.ui().t("source.who." + source.name()));
    }

    static String purpose(long accountId, long dossierId, int step, AnswerSource source) {
        return "source:" + accountId + ":" + dossierId + ":" + step + ":" + source.name();
    }

    /**
     * Back from FranceConnect with her access token (checked by the provider's client: state in this browser, code
     * with PKCE, ID token): she must be the one who started it here; the service checks she is the dossier's applicant
     * and asks the administration with the token at once; the token goes nowhere else. Then back to her step with the
     * same notice as ever, or the block's plain-words refusal (she types and uploads instead).
     */
    void fromFranceConnect(Exchange x, org.guichet.api.accounts.IdentityProvider provider, Map<String, String> callback,
            String binding) throws IOException {
        Caller caller = x.caller();
        org.guichet.api.accounts.IdentityProvider.DataAccess access;
        String purpose;
        GuichetException refused = null;
        try {
            access = provider.completeDataAccess(callback, binding);
            purpose = access.purpose();
        } catch (GuichetException e) {
            Object started = e.details() == null ? null : e.details().get("purpose");
            if (!(started instanceof String)) {
                // not a data access started in this browser (unknown, replayed, expired state): the refusals' page
                x.render(e.kind().status(), "account/franceConnectRefused.jte", "message", x.ui().error(e), "code",
                        e.code());
                return;
            }
            access = null;
            purpose = (String) started;
            refused = e;
        }
        String[] p = purpose.split(":");
        if (p.length != 5 || !"source".equals(p[0]) || !p[1].equals(String.valueOf(caller.accountId()))) {
            throw new Exchange.NotFound(); // started by another account in this browser: nothing is asked
        }
        long id = Long.parseLong(p[2]);
        int n = Integer.parseInt(p[3]);
        AnswerSource source = AnswerSource.valueOf(p[4]);
        AdministrationData connectors = portal.connectorsOrNull();
        if (refused != null) {
            // cancelled at FranceConnect, or its answer refused: back on her step, in plain words; she goes on
            Dossier d = portal.dossiers().get(caller, id, x.ui().locale());
            SchemeDescriptor s = descriptor(d);
            List<String> steps = steps(s);
            renderStep(x, refused.kind().status(), d, s, steps, Math.max(1, Math.min(n, steps.size())), Map.of(),
                    Map.of(), source, x.ui().t("source.fc.failed"), Map.of(), null);
            return;
        }
        if (connectors == null) {
            refused = new GuichetException(GuichetException.Kind.UNAVAILABLE, "SOURCE_OFF", null, x.ui().t("source.off"));
        } else {
            try {
                connectors.fetchWithFranceConnect(caller, id, source, access.subject(), access.accessToken(), true);
            } catch (GuichetException e) {
                if (!SOURCE_REFUSALS.contains(e.code()) && !"FRANCECONNECT_OTHER_PERSON".equals(e.code())) {
                    throw e;
                }
                refused = e;
            }
        }
        if (refused == null) {
            x.redirect("/mes-demandes/" + id + "/etape/" + n + "?recu=" + source.name() + "#suite");
            return;
        }
        Locale l = x.ui().locale();
        Dossier d = portal.dossiers().get(caller, id, l);
        SchemeDescriptor s = descriptor(d);
        List<String> steps = steps(s);
        renderStep(x, refused.kind().status(), d, s, steps, Math.max(1, Math.min(n, steps.size())), Map.of(),
                Map.of(), source, Messages.of(l, refused), Map.of(), null);
    }

    /** What a step's form post works on: who, which dossier, its scheme, its steps, and this step's number. */
    private record At(Caller caller, long id, Locale locale, Dossier d, SchemeDescriptor s, List<String> steps, int n) { }

    private At at(Exchange x) {
        Caller caller = x.caller();
        long id = x.id("dossier");
        Locale l = x.ui().locale();
        Dossier d = portal.dossiers().get(caller, id, l);
        SchemeDescriptor s = descriptor(d);
        List<String> steps = steps(s);
        return new At(caller, id, l, d, s, steps, stepNumber(x, steps));
    }

    /** Refusals shown in the block itself; any other (no such dossier, not hers …) is the usual error page. */
    static final Set<String> SOURCE_REFUSALS = Set.of("CONSENT_REQUIRED", "IDENTIFIER_REQUIRED", "IDENTIFIER_INVALID",
            "ADMINISTRATION_NOT_FOUND", "ADMINISTRATION_UNAVAILABLE", "SOURCE_OFF", "RATE_LIMITED", "SOURCE_NOT_USED");

    void saveStep(Exchange x) throws IOException {
        At at = at(x);
        Caller caller = at.caller();
        long id = at.id();
        Locale l = at.locale();
        Dossier d = at.d();
        SchemeDescriptor s = at.s();
        List<String> steps = at.steps();
        int n = at.n();
        List<FieldDefinition> fields = fieldsOf(s, steps, n);
        Map<String, Object> answers = new LinkedHashMap<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        for (FieldDefinition f : fields) {
            if (fromAdministration(d, f.name())) {
                continue; // read-only: an administration gave it
            }
            String v = x.param(f.name());
            typed.put(f.name(), v == null ? "" : v);
            answers.put(f.name(), v == null ? null : value(f, v));
        }
        Dossier saved = portal.dossiers().saveAnswers(caller, id, answers, null, l);
        // what this step's answers still get wrong, all at once in the order of the questions (a missing answer does
        // not stop her: the review lists it)
        Map<String, String> found = new LinkedHashMap<>();
        if (saved.live() != null) {
            for (AnswerError e : saved.live().missing()) {
                if (answers.get(e.field()) != null && !"REQUIRED".equals(e.code())) {
                    found.putIfAbsent(e.field(), "INVALID_DATE".equals(e.code())
                            ? FrenchDates.invalidMessage(s.field(e.field()), l) : e.message());
                }
            }
        }
        Map<String, String> errors = new LinkedHashMap<>();
        fields.stream().filter(f -> found.containsKey(f.name())).forEach(f -> errors.put(f.name(), found.get(f.name())));
        if (!errors.isEmpty()) {
            renderStep(x, 400, saved, s, steps, n, errors, typed);
            return;
        }
        // to the top of the next page (a redirect would otherwise keep the form's #suite)
        int next = "back".equals(x.param("go")) ? n - 1 : n + 1;
        x.redirect("/mes-demandes/" + id + (next > steps.size() ? "/documents" : "/etape/" + Math.max(1, next))
                + "#contenu");
    }

    /** A typed answer as the rules read it; what cannot be read is saved as typed, and said. */
    static Object value(FieldDefinition f, String v) {
        switch (f.type()) {
            case DATE:
                String iso = FrenchDates.toIso(v);
                return iso == null ? v : iso;
            case BOOLEAN:
                return "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE : v;
            case INTEGER:
                try {
                    return Long.valueOf(v.replace(" ", "").replace("\u00a0", ""));
                } catch (NumberFormatException e) {
                    return v;
                }
            case DECIMAL:
                try {
                    return new BigDecimal(v.replace(" ", "").replace("\u00a0", "").replace(',', '.'));
                } catch (NumberFormatException e) {
                    return v;
                }
            default:
                return v;
        }
    }

    // ---- documents

    void documents(Exchange x) throws IOException {
        Caller caller = x.caller();
        long id = x.id("dossier");
        Dossier d = portal.dossiers().get(caller, id, x.ui().locale());
        String notice = null;
        String received = x.param("recu");
        if (received != null) {
            notice = d.documents().stream().filter(doc -> String.valueOf(doc.id()).equals(received)).findFirst()
                    .map(doc -> x.ui().t("applicant.documents.received", doc.fileName())).orElse(null);
        } else if (x.param("retire") != null) {
            notice = x.ui().t("applicant.documents.removed");
        }
        renderDocuments(x, 200, d, Map.of(), notice);
    }

    private void renderDocuments(Exchange x, int status, Dossier d, Map<String, String> errors, String notice)
            throws IOException {
        SchemeDescriptor s = descriptor(d);
        List<ChecklistItem> checklist = d.live() == null ? List.of() : d.live().checklist();
        String state = d.state().name();
        x.render(status, "applicant/documents.jte", "d", d, "s", s, "steps", steps(s), "checklist", checklist,
                "errors", errors, "notice", notice, "removable", "DRAFT".equals(state)
                        || "WAITING_COMPLEMENT".equals(state));
    }

    void upload(Exchange x) throws IOException {
        Caller caller = x.caller();
        long id = x.id("dossier");
        Ui ui = x.ui();
        String type = x.param("documentType");
        Part part;
        try {
            part = x.req().getPart("file");
        } catch (IllegalStateException e) {
            renderDocuments(x, 413, portal.dossiers().get(caller, id, ui.locale()),
                    Map.of("", ui.t("applicant.documents.farTooLarge")), null);
            return;
        } catch (ServletException e) {
            renderDocuments(x, 400, portal.dossiers().get(caller, id, ui.locale()),
                    Map.of("", ui.t("applicant.documents.failed")), null);
            return;
        }
        Dossier d = portal.dossiers().get(caller, id, ui.locale());
        int index = 0;
        int i = 0;
        for (ChecklistItem item : d.live() == null ? List.<ChecklistItem>of() : d.live().checklist()) {
            i++;
            if (item.documentType().equals(type)) {
                index = i;
            }
        }
        String fid = index == 0 ? "" : "file-" + index;
        if (part == null || part.getSize() == 0) {
            renderDocuments(x, 400, d, Map.of(fid, ui.t("applicant.documents.chooseFirst")), null);
            return;
        }
        try (InputStream in = part.getInputStream()) {
            DossierDocument doc = portal.dossiers().addDocument(caller, id, type, part.getSubmittedFileName(), in, null);
            x.redirect("/mes-demandes/" + id + "/documents?recu=" + doc.id() + "#fait");
        } catch (GuichetException e) {
            if (e.kind() == GuichetException.Kind.NOT_FOUND) {
                throw e;
            }
            renderDocuments(x, e.kind().status(), d, Map.of(fid, ui.error(e)), null);
        } finally {
            part.delete();
        }
    }

    void download(Exchange x) throws IOException {
        x.send(portal.dossiers().document(x.caller(), x.id("dossier"), x.id("document")));
    }

    void deleteDocument(Exchange x) throws IOException {
        long id = x.id("dossier");
        portal.dossiers().deleteDocument(x.caller(), id, x.id("document"));
        x.redirect("/mes-demandes/" + id + "/documents?retire=1#fait");
    }

    // ---- review, submission, receipt

    void review(Exchange x) throws IOException {
        renderReview(x, 200, null);
    }

    void submit(Exchange x) throws IOException {
        long id = x.id("dossier");
        try {
            portal.dossiers().submit(x.caller(), id);
            x.redirect("/mes-demandes/" + id + "/accuse#contenu");
        } catch (GuichetException e) {
            if (!"DOSSIER_INCOMPLETE".equals(e.code()) && !"TEST_DOSSIER_NOT_SUBMITTABLE".equals(e.code())) {
                throw e;
            }
            renderReview(x, 409, x.ui().error(e));
        }
    }

    /** The review; {@code refusal} is what the service said when the application could not be sent yet. */
    private void renderReview(Exchange x, int status, String refusal) throws IOException {
        Ui ui = x.ui();
        Dossier d = portal.dossiers().get(x.caller(), x.id("dossier"), ui.locale());
        SchemeDescriptor s = descriptor(d);
        List<String> steps = steps(s);
        x.render(status, "applicant/review.jte", "d", d, "s", s, "steps", steps, "missing", missing(ui, d, s, steps),
                "refusal", refusal);
    }

    /** What is missing, in the page's language: the answers the rules still need, the documents not given yet. */
    static List<Missing> missing(Ui ui, Dossier d, SchemeDescriptor s, List<String> steps) {
        List<Missing> missing = new ArrayList<>();
        if (d.live() == null) {
            return missing;
        }
        for (AnswerError e : d.live().missing()) {
            FieldDefinition f = e.field() == null ? null : s.field(e.field());
            int step = f == null ? 1 : steps.indexOf(stepOf(f)) + 1;
            missing.add(new Missing("/mes-demandes/" + d.id() + "/etape/" + step + "#" + (f == null ? "contenu" : f.name()),
                    e.message()));
        }
        if (d.live().complete()) {
            d.live().checklist().stream().filter(i -> !i.present()).forEach(i -> missing.add(new Missing(
                    "/mes-demandes/" + d.id() + "/documents", ui.t("applicant.review.missingDocument", i.label()))));
        }
        return missing;
    }

    void receipt(Exchange x) throws IOException {
        long id = x.id("dossier");
        Dossier d = portal.dossiers().get(x.caller(), id, x.ui().locale());
        if (d.receipt() == null) {
            x.redirect("/mes-demandes/" + id + "/verification");
            return;
        }
        SchemeDescriptor s;
        try {
            s = descriptor(d);
        } catch (GuichetException e) {
            s = null; // the receipt's own lines (in French) say what was sent
        }
        x.render(200, "applicant/receipt.jte", "d", d, "r", d.receipt(), "s", s);
    }
}
