package org.guichet.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.Part;
import javax.servlet.Servlet;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.ChecklistItem;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.dossiers.DossierService;
import org.guichet.api.dossiers.DossierSummary;
import org.guichet.api.dossiers.EnrolmentOffer;
import org.guichet.api.dossiers.Receipt;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.InstructionService;
import org.guichet.api.instruction.ThreadMessage;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.mandates.MandateService;
import org.guichet.api.payments.Payment;
import org.guichet.api.payments.PaymentService;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRegistry;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The applicant's (and the mediator's) pages: her applications, the application as short steps with a progress
 * indicator (one topic a step, every answer saved as soon as a step is sent, so she can stop and come back), the
 * documents with why each is asked (upload from a phone: the file picker offers the camera), the review and the
 * submission, the receipt, and the dossier with its messages, complement requests, decision and payments. Every page
 * calls the same services as the API; nothing of their logic is copied here.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("guichet-applicant")
@HttpWhiteboardServletPattern("/mes-demandes/*")
@HttpWhiteboardServletMultipart(enabled = true, maxFileSize = 52_428_800L, maxRequestSize = 53_000_000L)
public class ApplicantPages extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneId.of("Europe/Paris"));

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AccountService accounts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DossierService dossiers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SchemeRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MandateService mandates;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InstructionService instruction;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PaymentService payments;

    /** What a request is about once the session is known. */
    private record Ctx(HttpServletRequest req, HttpServletResponse resp, Locale locale, Caller caller, String[] path) { }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Ctx c = context(req, resp);
        if (c == null) {
            return;
        }
        try {
            String[] p = c.path();
            if (p.length == 0) {
                home(c, null);
            } else if (p.length == 1) {
                overview(c, id(p[0]), null);
            } else if (p.length == 3 && p[1].equals("etape")) {
                step(c, id(p[0]), Integer.parseInt(p[2]), Map.of(), null);
            } else if (p.length == 2 && p[1].equals("documents")) {
                documents(c, id(p[0]), Map.of(), null);
            } else if (p.length == 3 && p[1].equals("documents")) {
                DocumentContent d = dossiers.document(c.caller(), id(p[0]), id(p[2]));
                download(resp, d);
            } else if (p.length == 2 && p[1].equals("verification")) {
                review(c, id(p[0]), false);
            } else if (p.length == 2 && p[1].equals("accuse")) {
                receipt(c, id(p[0]));
            } else if (p.length == 4 && p[1].equals("decisions") && p[3].equals("lettre")) {
                download(resp, instruction.decisionLetter(c.caller(), id(p[0]), id(p[2])));
            } else {
                notFound(c);
            }
        } catch (GuichetException e) {
            Pages.error(resp, c.locale(), e);
        } catch (NumberFormatException e) {
            notFound(c);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        req.setCharacterEncoding("UTF-8");
        Ctx c = context(req, resp);
        if (c == null) {
            return;
        }
        if (!WebSession.csrfOk(req)) {
            Pages.csrfRefused(req, resp, c.locale());
            return;
        }
        String[] p = c.path();
        try {
            if (p.length == 1 && p[0].equals("nouvelle")) {
                Long applicant = req.getParameter("applicantId") == null || req.getParameter("applicantId").isBlank()
                        ? null : id(req.getParameter("applicantId"));
                Dossier d = dossiers.create(c.caller(), req.getParameter("schemeId"), applicant);
                redirect(c, "/mes-demandes/" + d.id() + "/etape/1");
            } else if (p.length == 1 && p[0].equals("mandat")) {
                mandates.request(c.caller(), req.getParameter("applicantEmail"), req.getParameter("applicantName"));
                redirect(c, "/mes-demandes?mandat=1");
            } else if (p.length == 3 && p[1].equals("etape")) {
                saveStep(c, id(p[0]), Integer.parseInt(p[2]));
            } else if (p.length == 2 && p[1].equals("documents")) {
                upload(c, id(p[0]));
            } else if (p.length == 4 && p[1].equals("documents") && p[3].equals("supprimer")) {
                dossiers.deleteDocument(c.caller(), id(p[0]), id(p[2]));
                redirect(c, "/mes-demandes/" + p[0] + "/documents");
            } else if (p.length == 2 && p[1].equals("envoyer")) {
                try {
                    dossiers.submit(c.caller(), id(p[0]));
                    redirect(c, "/mes-demandes/" + p[0] + "/accuse");
                } catch (GuichetException e) {
                    if (!"DOSSIER_INCOMPLETE".equals(e.code())) {
                        throw e;
                    }
                    review(c, id(p[0]), true);
                }
            } else if (p.length == 3 && p[1].equals("offre")) {
                dossiers.acceptOffer(c.caller(), id(p[0]), id(p[2]));
                redirect(c, "/mes-demandes/" + p[0] + "?offre=1");
            } else if (p.length == 2 && p[1].equals("partage")) {
                String m = req.getParameter("mandateId");
                dossiers.share(c.caller(), id(p[0]), m == null || m.isBlank() ? null : id(m));
                redirect(c, "/mes-demandes/" + p[0] + "?partage=1");
            } else if (p.length == 2 && p[1].equals("retrait")) {
                dossiers.withdraw(c.caller(), id(p[0]), req.getParameter("reason"));
                redirect(c, "/mes-demandes/" + p[0] + "?retrait=1");
            } else if (p.length == 2 && p[1].equals("messages")) {
                instruction.postMessage(c.caller(), id(p[0]), req.getParameter("body"));
                redirect(c, "/mes-demandes/" + p[0] + "#messages");
            } else if (p.length == 3 && p[1].equals("complement")) {
                try {
                    instruction.answerComplement(c.caller(), id(p[0]), id(p[2]), req.getParameter("message"));
                    redirect(c, "/mes-demandes/" + p[0] + "?complement=1");
                } catch (GuichetException e) {
                    overview(c, id(p[0]), e);
                }
            } else {
                notFound(c);
            }
        } catch (GuichetException e) {
            if (p.length == 1 && (p[0].equals("nouvelle") || p[0].equals("mandat"))) {
                home(c, e);
            } else {
                Pages.error(resp, c.locale(), e);
            }
        } catch (NumberFormatException e) {
            notFound(c);
        }
    }

    private Ctx context(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Locale locale = Page.locale(req);
        if (accounts == null || dossiers == null || registry == null || instruction == null || mandates == null
                || payments == null) {
            Pages.unavailable(resp, locale);
            return null;
        }
        Optional<Caller> caller = WebSession.caller(req, accounts);
        if (caller.isEmpty()) {
            Pages.signInFirst(req, resp, locale);
            return null;
        }
        String info = req.getPathInfo() == null ? "" : req.getPathInfo();
        String[] path = info.isEmpty() || info.equals("/") ? new String[0] : info.substring(1).split("/");
        return new Ctx(req, resp, locale, caller.get(), path);
    }

    // ---- my applications

    private void home(Ctx c, GuichetException error) throws IOException {
        Locale l = c.locale();
        Map<String, String> errors = error == null ? Map.of() : Map.of("", Messages.of(l, error));
        Page.start(c.resp(), error == null ? 200 : error.kind().status(), l, Page.t(l, "Mes demandes", "My applications"));
        PrintWriter out = c.resp().getWriter();
        Inputs.errorSummary(out, l, errors);
        if (c.req().getParameter("mandat") != null) {
            Inputs.notice(out, Page.t(l, "La demande de mandat est envoyée : la personne reçoit un lien et un code par"
                    + " courriel.", "The mandate request is sent: the person receives a link and a code by email."));
        }
        out.println("<p>" + Page.t(l, "Connecté(e) : ", "Signed in: ") + Html.esc(c.caller().displayName()) + "</p>");
        Pages.button(out, c.req(), c.resp(), "/compte/deconnexion" + Page.langQuery(l, "?"), Page.t(l, "Se déconnecter",
                "Sign out"), "secondary");
        List<DossierSummary> mine = dossiers.list(c.caller());
        out.println("<h2>" + Page.t(l, "Demandes en cours et passées", "Current and past applications") + "</h2>");
        if (mine.isEmpty()) {
            out.println("<p>" + Page.t(l, "Aucune demande pour l'instant.", "No application yet.") + "</p>");
        } else {
            out.println("<ul class=\"dossiers\">");
            for (DossierSummary d : mine) {
                out.println("<li><a href=\"/mes-demandes/" + d.id() + Page.langQuery(l, "?") + "\">" + Html.esc(d.schemeTitle())
                        + " — " + Html.esc(d.reference()) + "</a> : " + Html.esc(stateText(l, d.state().name()))
                        + (d.applicant() != null && d.applicant().id() != c.caller().accountId()
                                ? " (" + Html.esc(d.applicant().displayName()) + ")" : "") + "</li>");
            }
            out.println("</ul>");
        }
        List<SchemeDescriptor> open = new ArrayList<>();
        for (SchemeInfo i : registry.list()) {
            registry.activeDescriptor(i.id(), null).filter(s -> !open.stream().anyMatch(o -> o.id().equals(s.id())))
                    .ifPresent(open::add);
        }
        if (c.caller().has(Role.APPLICANT)) {
            List<SchemeDescriptor> forMe = open.stream().filter(s -> s.filers().contains("APPLICANT")).toList();
            out.println("<h2>" + Page.t(l, "Faire une nouvelle demande", "Start a new application") + "</h2>");
            schemeForm(c, out, forMe, null);
        }
        if (c.caller().has(Role.MEDIATOR)) {
            List<Mandate> held = mandates.list(c.caller()).stream().filter(m -> m.state().equals("ACTIVE")).toList();
            out.println("<h2>" + Page.t(l, "Les personnes que vous accompagnez", "The people you help") + "</h2>");
            if (held.isEmpty()) {
                out.println("<p>" + Page.t(l, "Aucun mandat en cours.", "No mandate yet.") + "</p>");
            } else {
                out.println("<ul>");
                held.forEach(m -> out.println("<li>" + Html.esc(m.applicant().displayName()) + " ("
                        + Html.esc(m.applicant().email()) + ")</li>"));
                out.println("</ul>");
                List<SchemeDescriptor> forMediators = open.stream().filter(s -> s.filers().contains("MEDIATOR")).toList();
                out.println("<h3>" + Page.t(l, "Faire une demande pour une personne", "File for a person") + "</h3>");
                schemeForm(c, out, forMediators, held);
            }
            out.println("<h3>" + Page.t(l, "Demander un mandat", "Ask for a mandate") + "</h3>");
            out.println("<form method=\"post\" action=\"/mes-demandes/mandat" + Page.langQuery(l, "?") + "\" novalidate>"
                    + WebSession.hiddenField(c.req(), c.resp()));
            Inputs.text(out, "applicantEmail", Page.t(l, "Adresse électronique de la personne", "The person's email address"),
                    Page.t(l, "Elle recevra un lien et un code pour accepter.", "They will receive a link and a code to accept."),
                    null, null, "email", "off");
            Inputs.text(out, "applicantName", Page.t(l, "Son prénom et son nom", "Their first and last name"), null, null,
                    null, "text", "off");
            Pages.submit(out, l, "Envoyer la demande de mandat", "Send the mandate request");
        }
        Page.end(out, l);
    }

    private void schemeForm(Ctx c, PrintWriter out, List<SchemeDescriptor> schemes, List<Mandate> forPeople) {
        Locale l = c.locale();
        String suffix = forPeople == null ? "" : "-pour";
        out.println("<form method=\"post\" action=\"/mes-demandes/nouvelle" + Page.langQuery(l, "?") + "\" novalidate>"
                + WebSession.hiddenField(c.req(), c.resp()));
        if (forPeople != null) {
            out.println("<div class=\"field\"><label for=\"applicantId\">" + Page.t(l, "Pour qui", "For whom") + "</label>"
                    + "<select id=\"applicantId\" name=\"applicantId\">");
            forPeople.forEach(m -> out.println("<option value=\"" + m.applicant().id() + "\">"
                    + Html.esc(m.applicant().displayName()) + "</option>"));
            out.println("</select></div>");
        }
        out.println("<fieldset id=\"schemeId" + suffix + "\"><legend>" + Page.t(l, "Quelle aide ?", "Which aid?") + "</legend>");
        int i = 0;
        for (SchemeDescriptor s : schemes) {
            String id = "scheme" + suffix + "-" + i++;
            out.println("<div class=\"choice\"><input type=\"radio\" id=\"" + id + "\" name=\"schemeId\" value=\""
                    + Html.esc(s.id()) + "\"" + (i == 1 ? " checked" : "") + "><label for=\"" + id + "\">"
                    + Html.esc(s.title().in(l)) + "</label></div>");
        }
        out.println("</fieldset>");
        Pages.submit(out, l, "Commencer", "Start");
    }

    // ---- the steps

    static List<String> steps(SchemeDescriptor d) {
        List<String> steps = new ArrayList<>();
        for (FieldDefinition f : d.fields()) {
            String s = f.step() == null ? "" : f.step();
            if (!steps.contains(s)) {
                steps.add(s);
            }
        }
        return steps;
    }

    private SchemeDescriptor descriptor(Dossier d) {
        return registry.activeDescriptor(d.schemeId(), d.schemeVersion()).orElseThrow(() -> new GuichetException(
                GuichetException.Kind.UNAVAILABLE, "SCHEME_UNAVAILABLE", null,
                "Cette aide est momentanément indisponible. Vos réponses sont enregistrées ; réessayez plus tard."));
    }

    private void step(Ctx c, long id, int n, Map<String, String> errors, Map<String, Object> typed) throws IOException {
        Locale l = c.locale();
        Dossier d = dossiers.get(c.caller(), id, c.locale());
        SchemeDescriptor s = descriptor(d);
        List<String> steps = steps(s);
        if (n < 1 || n > steps.size()) {
            notFound(c);
            return;
        }
        String title = Page.t(l, "Étape " + n + " sur " + steps.size(), "Step " + n + " of " + steps.size()) + " : "
                + stepTitle(l, steps, n) + " — " + s.title().in(l);
        String csrf = WebSession.hiddenField(c.req(), c.resp());
        Page.start(c.resp(), errors.isEmpty() ? 200 : 400, l, errors.isEmpty() ? title : Page.t(l, "Erreur — ", "Error — ") + title);
        PrintWriter out = c.resp().getWriter();
        progress(out, l, d, steps, n);
        Inputs.errorSummary(out, l, errors);
        out.println("<p class=\"small\">" + Page.t(l, "Vos réponses sont enregistrées à chaque étape : vous pouvez"
                + " arrêter et revenir plus tard.", "Your answers are saved at every step: you can stop and come back later.")
                + "</p>");
        out.println("<form method=\"post\" action=\"/mes-demandes/" + id + "/etape/" + n + Page.langQuery(l, "?")
                + "\" novalidate>" + csrf);
        for (FieldDefinition f : s.fields()) {
            if (!(f.step() == null ? "" : f.step()).equals(steps.get(n - 1))) {
                continue;
            }
            Object value = typed != null && typed.containsKey(f.name()) ? typed.get(f.name()) : display(f, d.answers().get(f.name()));
            Forms.field(out, l, f, value, errors.get(f.name()));
            String source = d.answerSources().get(f.name());
            if (source != null && source.startsWith("ORGANISATION")) {
                out.println("<p class=\"small source\">" + Page.t(l, "Réponse donnée par votre organisme de formation :"
                        + " corrigez-la si elle est fausse.", "Answer given by your training organisation: correct it if it"
                        + " is wrong.") + "</p>");
            }
        }
        out.println("<p class=\"actions\"><button type=\"submit\" name=\"go\" value=\"next\">" + Page.t(l,
                n < steps.size() ? "Enregistrer et continuer" : "Enregistrer et passer aux documents",
                n < steps.size() ? "Save and continue" : "Save and go to the documents") + "</button>");
        if (n > 1) {
            out.println(" <button type=\"submit\" name=\"go\" value=\"back\" class=\"secondary\">"
                    + Page.t(l, "Enregistrer et revenir", "Save and go back") + "</button>");
        }
        out.println("</p></form>");
        Page.end(out, l);
    }

    /**
     * Titles of the usual topics. Descriptors name their steps but give them no title yet; a step this table does not
     * know is called by its number.
     */
    private static final Map<String, String[]> STEP_TITLES = Map.of(
            "about-you", new String[] {"Vous", "You"},
            "training", new String[] {"Votre formation", "Your training"},
            "situation", new String[] {"Votre situation", "Your situation"},
            "income", new String[] {"Vos revenus", "Your income"},
            "travel", new String[] {"Vos trajets", "Your journeys"},
            "young-person", new String[] {"Le ou la jeune", "The young person"},
            "project", new String[] {"Son projet", "The project"},
            "driving-school", new String[] {"L'auto-école", "The driving school"});

    static String stepTitle(Locale l, List<String> steps, int n) {
        String[] t = STEP_TITLES.get(steps.get(n - 1));
        return t == null ? Page.t(l, "Questions " + n, "Questions " + n) : Page.t(l, t[0], t[1]);
    }

    /** "Étape 2 sur 5", with every step and the documents and the review as a list, the current one marked. */
    private static void progress(PrintWriter out, Locale l, Dossier d, List<String> stepIds, int current) {
        int steps = stepIds.size();
        out.println("<nav aria-label=\"" + Page.t(l, "Progression", "Progress") + "\"><ol class=\"progress\">");
        for (int i = 1; i <= steps; i++) {
            String label = i + ". " + stepTitle(l, stepIds, i);
            out.println("<li" + (i == current ? " aria-current=\"step\"" : "") + "><a href=\"/mes-demandes/" + d.id()
                    + "/etape/" + i + Page.langQuery(l, "?") + "\">" + label + "</a></li>");
        }
        out.println("<li" + (current == -1 ? " aria-current=\"step\"" : "") + "><a href=\"/mes-demandes/" + d.id()
                + "/documents" + Page.langQuery(l, "?") + "\">" + (steps + 1) + ". " + Page.t(l, "Documents", "Documents") + "</a></li>");
        out.println("<li" + (current == -2 ? " aria-current=\"step\"" : "") + "><a href=\"/mes-demandes/" + d.id()
                + "/verification" + Page.langQuery(l, "?") + "\">" + (steps + 2) + ". " + Page.t(l, "Vérifier et envoyer", "Review and send")
                + "</a></li></ol></nav>");
    }

    private static Object display(FieldDefinition f, Object stored) {
        if (stored == null) {
            return null;
        }
        String s = String.valueOf(stored);
        if (f.type() == FieldType.DATE && s.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return s.substring(8) + "/" + s.substring(5, 7) + "/" + s.substring(0, 4);
        }
        return s;
    }

    private void saveStep(Ctx c, long id, int n) throws IOException {
        Locale l = c.locale();
        Dossier d = dossiers.get(c.caller(), id, c.locale());
        SchemeDescriptor s = descriptor(d);
        List<String> steps = steps(s);
        if (n < 1 || n > steps.size()) {
            notFound(c);
            return;
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        for (FieldDefinition f : s.fields()) {
            if (!(f.step() == null ? "" : f.step()).equals(steps.get(n - 1))) {
                continue;
            }
            String raw = c.req().getParameter(f.name());
            String v = raw == null ? "" : raw.strip();
            typed.put(f.name(), v);
            answers.put(f.name(), v.isEmpty() ? null : value(f, v));
        }
        Dossier saved = dossiers.saveAnswers(c.caller(), id, answers, null, l);
        // what this step's answers still get wrong (a missing answer does not stop her: the review lists it)
        Map<String, String> errors = new LinkedHashMap<>();
        if (saved.live() != null) {
            for (AnswerError e : saved.live().missing()) {
                if (answers.containsKey(e.field()) && answers.get(e.field()) != null && !"REQUIRED".equals(e.code())) {
                    errors.putIfAbsent(e.field(), "INVALID_DATE".equals(e.code())
                            ? FrenchDates.invalidMessage(s.field(e.field()), l) : e.message());
                }
            }
        }
        if (!errors.isEmpty()) {
            step(c, id, n, errors, typed);
            return;
        }
        boolean back = "back".equals(c.req().getParameter("go"));
        int next = back ? n - 1 : n + 1;
        redirect(c, "/mes-demandes/" + id + (next > steps.size() ? "/documents" : "/etape/" + Math.max(1, next)));
    }

    /** A typed answer as the rules read it; what cannot be read is saved as typed, and said. */
    private static Object value(FieldDefinition f, String v) {
        switch (f.type()) {
            case DATE:
                String iso = FrenchDates.toIso(v);
                return iso == null ? v : iso;
            case BOOLEAN:
                return "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE : v;
            case INTEGER:
                try {
                    return Long.valueOf(v.replace(" ", ""));
                } catch (NumberFormatException e) {
                    return v;
                }
            case DECIMAL:
                try {
                    return new BigDecimal(v.replace(" ", "").replace(',', '.'));
                } catch (NumberFormatException e) {
                    return v;
                }
            default:
                return v;
        }
    }

    // ---- documents

    private void documents(Ctx c, long id, Map<String, String> errors, String notice) throws IOException {
        Locale l = c.locale();
        Dossier d = dossiers.get(c.caller(), id, c.locale());
        SchemeDescriptor s = descriptor(d);
        String title = Page.t(l, "Documents — ", "Documents — ") + s.title().in(l);
        Page.start(c.resp(), errors.isEmpty() ? 200 : 400, l, errors.isEmpty() ? title : Page.t(l, "Erreur — ", "Error — ") + title);
        PrintWriter out = c.resp().getWriter();
        progress(out, l, d, steps(s), -1);
        Inputs.errorSummary(out, l, errors);
        if (notice != null) {
            Inputs.notice(out, notice);
        }
        out.println("<p>" + Page.t(l, "Une photo prise avec votre téléphone convient, si elle est nette et lisible. Les"
                + " fichiers acceptés : PDF, JPEG, PNG, 10 Mo au plus.", "A photo taken with your phone is fine if it is"
                + " sharp and readable. Accepted files: PDF, JPEG, PNG, 10 MB at most.") + "</p>");
        List<ChecklistItem> checklist = d.live() == null ? List.of() : d.live().checklist();
        if (d.live() != null && !d.live().complete()) {
            out.println("<p class=\"small\">" + Page.t(l, "Tant que toutes les questions n'ont pas de réponse, voici tous"
                    + " les documents que cette aide peut demander ; la liste exacte viendra avec vos réponses.",
                    "Until every question is answered, here is every document this aid may ask for; the exact list"
                            + " comes with your answers.") + "</p>");
        }
        String csrf = WebSession.hiddenField(c.req(), c.resp());
        int i = 0;
        for (ChecklistItem item : checklist) {
            i++;
            String fid = "file-" + i;
            out.println("<section class=\"document\" aria-labelledby=\"doc-" + i + "\"><h2 id=\"doc-" + i + "\">"
                    + Html.esc(item.label()) + (item.present() ? " <span class=\"ok\">" + Page.t(l, "(donné)", "(given)")
                    + "</span>" : "") + "</h2><p>" + Html.esc(item.why()) + "</p>");
            List<DossierDocument> files = d.documents().stream().filter(x -> x.documentType().equals(item.documentType())).toList();
            for (DossierDocument f : files) {
                out.println("<p class=\"small\"><a href=\"/mes-demandes/" + id + "/documents/" + f.id() + "\">"
                        + Html.esc(f.fileName()) + "</a> (" + f.size() / 1024 + " Ko)</p>");
                if ("DRAFT".equals(d.state().name()) || "WAITING_COMPLEMENT".equals(d.state().name())) {
                    Pages.button(out, c.req(), c.resp(), "/mes-demandes/" + id + "/documents/" + f.id() + "/supprimer"
                            + Page.langQuery(l, "?"), Page.t(l, "Retirer ", "Remove ") + f.fileName(), "secondary");
                }
            }
            out.println("<form method=\"post\" enctype=\"multipart/form-data\" action=\"/mes-demandes/" + id + "/documents"
                    + Page.langQuery(l, "?") + "\">" + csrf + "<input type=\"hidden\" name=\"documentType\" value=\""
                    + Html.esc(item.documentType()) + "\"><div class=\"field" + (errors.containsKey(fid) ? " has-error" : "")
                    + "\"><label for=\"" + fid + "\">" + Page.t(l, "Choisir le fichier ou prendre une photo : ",
                    "Choose the file or take a photo: ") + Html.esc(item.label()) + "</label>"
                    + (errors.containsKey(fid) ? "<p class=\"error\" id=\"" + fid + "-erreur\">" + Html.esc(errors.get(fid))
                    + "</p>" : "") + "<input type=\"file\" id=\"" + fid + "\" name=\"file\""
                    + " accept=\"application/pdf,image/jpeg,image/png\"" + (errors.containsKey(fid)
                    ? " aria-invalid=\"true\" aria-describedby=\"" + fid + "-erreur\"" : "") + "></div><p><button type=\"submit\">"
                    + Page.t(l, "Envoyer ce document", "Send this document") + "</button></p></form></section>");
        }
        out.println("<p><a class=\"button\" href=\"/mes-demandes/" + id + "/verification" + Page.langQuery(l, "?") + "\">"
                + Page.t(l, "Vérifier et envoyer ma demande", "Review and send my application") + "</a></p>");
        Page.end(out, l);
    }

    private void upload(Ctx c, long id) throws IOException {
        Locale l = c.locale();
        String type = c.req().getParameter("documentType");
        Part part;
        try {
            part = c.req().getPart("file");
        } catch (IllegalStateException e) {
            documents(c, id, Map.of("", Page.t(l, "Ce fichier est beaucoup trop lourd (10 Mo au plus).",
                    "This file is far too large (10 MB at most).")), null);
            return;
        } catch (ServletException e) {
            documents(c, id, Map.of("", Page.t(l, "L'envoi n'a pas abouti ; réessayez.", "The upload failed; try again.")), null);
            return;
        }
        Dossier d = dossiers.get(c.caller(), id, c.locale());
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
            documents(c, id, Map.of(fid, Page.t(l, "Choisissez d'abord un fichier, ou prenez une photo.",
                    "Choose a file first, or take a photo.")), null);
            return;
        }
        try (InputStream in = part.getInputStream()) {
            DossierDocument doc = dossiers.addDocument(c.caller(), id, type, part.getSubmittedFileName(), in, null);
            documents(c, id, Map.of(), Page.t(l, "Document reçu : ", "Document received: ") + doc.fileName());
        } catch (GuichetException e) {
            if (e.kind() == GuichetException.Kind.NOT_FOUND) {
                throw e;
            }
            documents(c, id, Map.of(fid, Messages.of(l, e)), null);
        } finally {
            part.delete();
        }
    }

    /** A stored file shown in the browser (preview), never sniffed, never cached. */
    static void download(HttpServletResponse resp, DocumentContent content) throws IOException {
        resp.setContentType(content.document().mediaType());
        resp.setHeader("Content-Disposition", "inline; filename=\"" + content.document().fileName()
                .replaceAll("[^\\p{L}\\p{N}._ -]", "_") + "\"");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Cache-Control", "private, no-store");
        resp.setContentLengthLong(content.document().size());
        try (InputStream in = Files.newInputStream(content.path())) {
            in.transferTo(resp.getOutputStream());
        }
    }

    // ---- review, submission, receipt

    private void review(Ctx c, long id, boolean refused) throws IOException {
        Locale l = c.locale();
        Dossier d = dossiers.get(c.caller(), id, c.locale());
        SchemeDescriptor s = descriptor(d);
        List<String> steps = steps(s);
        // what is missing, in the page's language: the answers the rules still need, the documents not given yet
        List<AnswerError> missing = new ArrayList<>(d.live() == null ? List.of() : d.live().missing());
        if (d.live() != null && d.live().complete()) {
            d.live().checklist().stream().filter(i -> !i.present()).forEach(i -> missing.add(new AnswerError(
                    "documents." + i.documentType(), "DOCUMENT_MISSING", Page.t(l, "Document manquant : ", "Missing document: ")
                    + i.label())));
        }
        String title = Page.t(l, "Vérifier et envoyer — ", "Review and send — ") + s.title().in(l);
        Page.start(c.resp(), refused ? 409 : 200, l, title);
        PrintWriter out = c.resp().getWriter();
        progress(out, l, d, steps, -2);
        if (refused && !missing.isEmpty()) {
            out.println("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"erreurs\"><h2>" + Page.t(l,
                    "Votre demande ne peut pas encore partir", "Your application cannot be sent yet") + "</h2><ul>");
            missing.forEach(e -> out.println("<li>" + link(l, d, s, steps, e) + "</li>"));
            out.println("</ul></div>");
        } else if (!missing.isEmpty()) {
            out.println("<h2>" + Page.t(l, "Il manque encore", "Still missing") + "</h2><ul>");
            missing.forEach(e -> out.println("<li>" + link(l, d, s, steps, e) + "</li>"));
            out.println("</ul>");
        }
        if (d.live() != null && d.live().evaluation() != null) {
            Forms.result(out, l, d.live().evaluation());
        }
        out.println("<h2>" + Page.t(l, "Vos réponses", "Your answers") + "</h2>");
        for (int i = 0; i < steps.size(); i++) {
            out.println("<h3>" + Html.esc(stepTitle(l, steps, i + 1)) + " <a href=\"/mes-demandes/"
                    + id + "/etape/" + (i + 1) + Page.langQuery(l, "?") + "\">" + Page.t(l, "Modifier", "Change")
                    + "<span class=\"visually-hidden\"> : " + Html.esc(stepTitle(l, steps, i + 1)) + "</span></a></h3><dl>");
            for (FieldDefinition f : s.fields()) {
                if ((f.step() == null ? "" : f.step()).equals(steps.get(i))) {
                    Object v = display(f, d.answers().get(f.name()));
                    out.println("<dt>" + Html.esc(f.label().in(l)) + "</dt><dd>" + (v == null ? Page.t(l, "(pas de réponse)",
                            "(no answer)") : Html.esc(humanValue(l, f, String.valueOf(v)))) + "</dd>");
                }
            }
            out.println("</dl>");
        }
        out.println("<h2>" + Page.t(l, "Vos documents", "Your documents") + "</h2><ul>");
        d.documents().forEach(x -> out.println("<li>" + Html.esc(label(l, s, x.documentType())) + " : " + Html.esc(x.fileName()) + "</li>"));
        out.println("</ul>");
        out.println("<form method=\"post\" action=\"/mes-demandes/" + id + "/envoyer" + Page.langQuery(l, "?") + "\">"
                + WebSession.hiddenField(c.req(), c.resp()));
        Pages.submit(out, l, "Envoyer ma demande", "Send my application");
        Page.end(out, l);
    }

    private static String link(Locale l, Dossier d, SchemeDescriptor s, List<String> steps, AnswerError e) {
        String href;
        if (e.field() != null && e.field().startsWith("documents.")) {
            href = "/mes-demandes/" + d.id() + "/documents";
        } else {
            FieldDefinition f = e.field() == null ? null : s.field(e.field());
            int step = f == null ? 1 : steps.indexOf(f.step() == null ? "" : f.step()) + 1;
            href = "/mes-demandes/" + d.id() + "/etape/" + step + "#" + (f == null ? "contenu" : f.name());
        }
        return "<a href=\"" + href + Page.langQuery(l, href.contains("#") ? "" : "?") + "\">" + Html.esc(e.message()) + "</a>";
    }

    private static String humanValue(Locale l, FieldDefinition f, String v) {
        if (f.type() == FieldType.BOOLEAN) {
            return "true".equals(v) ? Page.t(l, "oui", "yes") : "false".equals(v) ? Page.t(l, "non", "no") : v;
        }
        if (f.choices() != null) {
            for (var c : f.choices()) {
                if (c.value().equals(v)) {
                    return c.label().in(l);
                }
            }
        }
        return v;
    }

    private static String label(Locale l, SchemeDescriptor s, String type) {
        var def = s.document(type);
        return def == null ? type : def.label().in(l);
    }

    private void receipt(Ctx c, long id) throws IOException {
        Locale l = c.locale();
        Dossier d = dossiers.get(c.caller(), id, c.locale());
        Receipt r = d.receipt();
        if (r == null) {
            redirect(c, "/mes-demandes/" + id + "/verification");
            return;
        }
        Page.start(c.resp(), 200, l, Page.t(l, "Votre demande est envoyée", "Your application is sent"));
        PrintWriter out = c.resp().getWriter();
        out.println("<div class=\"result\" role=\"status\"><p class=\"verdict ok\">" + Page.t(l, "C'est fait : votre demande"
                + " est bien arrivée.", "Done: your application has arrived.") + "</p><dl><dt>" + Page.t(l, "Numéro de dossier",
                "File number") + "</dt><dd>" + Html.esc(r.reference()) + "</dd><dt>" + Page.t(l, "Accusé de réception",
                "Receipt") + "</dt><dd>" + Html.esc(r.number()) + "</dd><dt>" + Page.t(l, "Envoyée le", "Sent on") + "</dt><dd>"
                + DAY.format(r.submittedAt()) + "</dd></dl><p>" + Page.t(l, "Un courriel vous le confirme. Un agent de la Région"
                + " va examiner votre demande ; vous serez prévenu(e) par courriel.", "An email confirms it. An agent of the"
                + " Region will examine your application; you will be told by email.") + "</p></div>");
        out.println("<h2>" + Page.t(l, "Ce que vous avez envoyé", "What you sent") + "</h2><ul>");
        r.answers().forEach(a -> out.println("<li>" + Html.esc(a) + "</li>"));
        r.documents().forEach(a -> out.println("<li>" + Html.esc(a) + "</li>"));
        out.println("</ul><p><a href=\"/mes-demandes/" + id + Page.langQuery(l, "?") + "\">" + Page.t(l, "Suivre ma demande",
                "Follow my application") + "</a></p>");
        Page.end(out, l);
    }

    // ---- the dossier after submission

    private void overview(Ctx c, long id, GuichetException error) throws IOException {
        Locale l = c.locale();
        Dossier d = dossiers.get(c.caller(), id, c.locale());
        Page.start(c.resp(), error == null ? 200 : error.kind().status(), l, d.schemeTitle() + " — " + d.reference());
        PrintWriter out = c.resp().getWriter();
        if (error != null) {
            Inputs.errorSummary(out, l, Map.of("", Messages.of(l, error)));
        }
        if (c.req().getParameter("complement") != null) {
            Inputs.notice(out, Page.t(l, "Merci : l'agent est prévenu que le complément est arrivé.",
                    "Thank you: the agent is told the complement has arrived."));
        }
        out.println("<p class=\"state\"><strong>" + Page.t(l, "Où en est la demande : ", "Where it stands: ") + "</strong>"
                + Html.esc(stateText(l, d.state().name())) + "</p>");
        if (c.req().getParameter("offre") != null) {
            Inputs.notice(out, Page.t(l, "C'est fait : les informations de l'organisme sont dans votre demande. Vous"
                    + " pouvez les vérifier à chaque étape.", "Done: the organisation's information is in your application."
                    + " You can check it at each step."));
        }
        if (c.req().getParameter("partage") != null) {
            Inputs.notice(out, Page.t(l, "C'est noté : qui peut voir cette demande a changé.",
                    "Noted: who can see this application has changed."));
        }
        if (c.req().getParameter("retrait") != null) {
            Inputs.notice(out, Page.t(l, "Votre demande est retirée : rien de plus ne sera fait. Vous pouvez faire une"
                    + " nouvelle demande quand vous voulez.", "Your application is withdrawn: nothing more will be done."
                    + " You can apply again whenever you want."));
        }
        if (d.state().name().equals("DRAFT")) {
            out.println("<p><a class=\"button\" href=\"/mes-demandes/" + id + "/etape/1" + Page.langQuery(l, "?") + "\">"
                    + Page.t(l, "Continuer ma demande", "Continue my application") + "</a></p>");
            offers(c, d, out);
        }
        sharing(c, d, out);
        if (d.receipt() != null) {
            out.println("<p>" + Page.t(l, "Envoyée le ", "Sent on ") + DAY.format(d.receipt().submittedAt()) + " — "
                    + Page.t(l, "accusé de réception ", "receipt ") + Html.esc(d.receipt().number()) + "</p>");
        }
        List<ComplementRequest> complements = instruction.complements(c.caller(), id);
        for (ComplementRequest r : complements) {
            if (!r.state().equals("OPEN")) {
                continue;
            }
            out.println("<section class=\"result\" aria-labelledby=\"complement-" + r.id() + "\"><h2 id=\"complement-" + r.id()
                    + "\">" + Page.t(l, "L'agent a besoin de quelque chose", "The agent needs something") + "</h2><p>"
                    + Html.esc(r.message()) + "</p><p>" + Page.t(l, "Avant le ", "Before ")
                    + r.deadline().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")) + "</p>");
            if (!r.documentTypes().isEmpty()) {
                out.println("<p><a href=\"/mes-demandes/" + id + "/documents" + Page.langQuery(l, "?") + "\">"
                        + Page.t(l, "Envoyer le document demandé", "Send the requested document") + "</a></p>");
            }
            out.println("<form method=\"post\" action=\"/mes-demandes/" + id + "/complement/" + r.id() + Page.langQuery(l, "?")
                    + "\">" + WebSession.hiddenField(c.req(), c.resp()) + "<div class=\"field\"><label for=\"message-" + r.id()
                    + "\">" + Page.t(l, "Un mot pour l'agent (facultatif)", "A word for the agent (optional)") + "</label>"
                    + "<textarea id=\"message-" + r.id() + "\" name=\"message\" rows=\"3\"></textarea></div>");
            Pages.submit(out, l, "J'ai envoyé ce qui était demandé", "I have sent what was asked");
            out.println("</section>");
        }
        List<Decision> decisions = instruction.decisions(c.caller(), id);
        if (!decisions.isEmpty()) {
            Decision last = decisions.get(decisions.size() - 1);
            out.println("<section aria-labelledby=\"decision\"><h2 id=\"decision\">" + Page.t(l, "La décision", "The decision")
                    + "</h2><p class=\"verdict " + (last.outcome().equals("GRANTED") ? "ok" : "no") + "\">"
                    + (last.outcome().equals("GRANTED") ? Page.t(l, "Aide accordée : ", "Aid granted: ")
                    + Forms.euros(l).format(last.amount()) : Page.t(l, "Aide refusée", "Aid refused")) + "</p><ul>");
            last.reasons().forEach(r -> out.println("<li>" + Html.esc(r.label()) + "</li>"));
            out.println("</ul>" + (last.explanation() == null ? "" : "<p>" + Html.esc(last.explanation()) + "</p>")
                    + "<p><a href=\"/mes-demandes/" + id + "/decisions/" + last.id() + "/lettre\">"
                    + Page.t(l, "La lettre de décision (PDF)", "The decision letter (PDF)") + "</a></p></section>");
        }
        List<Payment> paid = payments.payments(c.caller(), id);
        if (!paid.isEmpty()) {
            out.println("<table><caption>" + Page.t(l, "Les versements", "Payments") + "</caption><thead><tr><th scope=\"col\">"
                    + Page.t(l, "Mois", "Month") + "</th><th scope=\"col\">" + Page.t(l, "Montant", "Amount") + "</th><th scope=\"col\">"
                    + Page.t(l, "Prévu le", "Promised on") + "</th><th scope=\"col\">" + Page.t(l, "Versé le", "Paid on")
                    + "</th></tr></thead><tbody>");
            for (Payment p : paid) {
                BigDecimal a = p.payableAmount() == null ? p.promisedAmount() : p.payableAmount();
                out.println("<tr><td>" + Html.esc(p.month()) + "</td><td>" + Forms.euros(l).format(a) + "</td><td>"
                        + p.promisedDate().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")) + "</td><td>" + (p.paidOn() == null
                        ? Page.t(l, "pas encore", "not yet") : p.paidOn().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")))
                        + "</td></tr>");
            }
            out.println("</tbody></table>");
        }
        if (!d.state().name().equals("DRAFT")) {
            out.println("<section aria-labelledby=\"messages\"><h2 id=\"messages\">" + Page.t(l, "Messages", "Messages") + "</h2>");
            List<ThreadMessage> thread = instruction.messages(c.caller(), id);
            if (thread.isEmpty()) {
                out.println("<p>" + Page.t(l, "Aucun message.", "No message.") + "</p>");
            }
            for (ThreadMessage m : thread) {
                out.println("<div class=\"message\"><p class=\"small\">" + Html.esc(m.author().displayName()) + " — "
                        + DAY.format(m.at()) + "</p><p>" + Html.esc(m.body()) + "</p></div>");
            }
            out.println("<form method=\"post\" action=\"/mes-demandes/" + id + "/messages" + Page.langQuery(l, "?") + "\">"
                    + WebSession.hiddenField(c.req(), c.resp()) + "<div class=\"field\"><label for=\"body\">"
                    + Page.t(l, "Écrire à l'agent", "Write to the agent") + "</label><textarea id=\"body\" name=\"body\""
                    + " rows=\"4\"></textarea></div>");
            Pages.submit(out, l, "Envoyer le message", "Send the message");
            out.println("</section>");
        }
        out.println("<p><a href=\"/mes-demandes" + Page.langQuery(l, "?") + "\">" + Page.t(l, "Toutes mes demandes",
                "All my applications") + "</a></p>");
        Page.end(out, l);
    }

    /** What an organisation that enrolled her offers to put into a draft she opened before: nothing without her yes. */
    private void offers(Ctx c, Dossier d, PrintWriter out) {
        Locale l = c.locale();
        List<EnrolmentOffer> offers;
        try {
            offers = dossiers.offers(c.caller(), d.id());
        } catch (GuichetException e) {
            return; // she may read this draft but not complete it (a scheme her mediator files): nothing to offer her
        }
        for (EnrolmentOffer o : offers) {
            out.println("<section class=\"result\" aria-labelledby=\"offer-" + o.enrolmentId() + "\"><h2 id=\"offer-"
                    + o.enrolmentId() + "\">" + Html.esc(Page.t(l, o.organisationName() + " vous a inscrit(e) à une formation",
                    o.organisationName() + " enrolled you in a training")) + "</h2><p>" + Html.esc(Page.t(l,
                    "L'organisme propose de remplir pour vous les questions sur la formation (dates, heures, programme)"
                    + (o.certificate() ? " et de joindre son attestation d'entrée en formation" : "") + ". Rien n'entre"
                    + " dans votre demande sans votre accord ; vous pourrez tout vérifier et corriger.",
                    "The organisation offers to fill in the questions about the training (dates, hours, programme)"
                    + (o.certificate() ? " and to attach its training entry certificate" : "") + ". Nothing goes into your"
                    + " application without your consent; you can check and correct everything.")) + "</p>");
            Pages.button(out, c.req(), c.resp(), "/mes-demandes/" + d.id() + "/offre/" + o.enrolmentId()
                    + Page.langQuery(l, "?"), Page.t(l, "Utiliser ces informations", "Use this information"), null);
            out.println("</section>");
        }
    }

    /** Her own dossier: who helps her with it (a mandated mediator), and giving it up before a decision. */
    private void sharing(Ctx c, Dossier d, PrintWriter out) {
        Locale l = c.locale();
        boolean mine = d.applicant().id() == c.caller().accountId() && c.caller().assistance() == null;
        String state = d.state().name();
        boolean open = state.equals("DRAFT") || state.equals("SUBMITTED") || state.equals("IN_REVIEW")
                || state.equals("WAITING_COMPLEMENT");
        if (mine) {
            List<Mandate> given = mandates.list(c.caller()).stream().filter(m -> m.state().equals("ACTIVE")
                    && m.applicant().id() == c.caller().accountId()).toList();
            if (!given.isEmpty() || d.mandateId() != null) {
                out.println("<section aria-labelledby=\"sharing\"><h2 id=\"sharing\">" + Page.t(l,
                        "Qui m'aide pour cette demande", "Who helps me with this application") + "</h2>");
                out.println("<form method=\"post\" action=\"/mes-demandes/" + d.id() + "/partage" + Page.langQuery(l, "?")
                        + "\">" + WebSession.hiddenField(c.req(), c.resp()) + "<div class=\"field\"><label for=\"mandateId\">"
                        + Page.t(l, "Personne qui peut voir et compléter cette demande avec vous",
                                "Person who may see and complete this application with you") + "</label>"
                        + "<select id=\"mandateId\" name=\"mandateId\"><option value=\"\">" + Page.t(l, "Personne",
                                "Nobody") + "</option>");
                for (Mandate m : given) {
                    out.println("<option value=\"" + m.id() + "\"" + (Long.valueOf(m.id()).equals(d.mandateId())
                            ? " selected" : "") + ">" + Html.esc(m.mediator().displayName()
                            + (m.organisationName() == null ? "" : " (" + m.organisationName() + ")")) + "</option>");
                }
                out.println("</select></div>");
                Pages.submit(out, l, "Enregistrer", "Save");
                out.println("</section>");
            }
        }
        if (open && (mine || c.caller().assistance() != null || d.applicant().id() != c.caller().accountId())) {
            out.println("<section aria-labelledby=\"withdraw\"><h2 id=\"withdraw\">" + Page.t(l, "Renoncer à cette demande",
                    "Give up this application") + "</h2><form method=\"post\" action=\"/mes-demandes/" + d.id() + "/retrait"
                    + Page.langQuery(l, "?") + "\">" + WebSession.hiddenField(c.req(), c.resp())
                    + "<div class=\"field\"><label for=\"reason\">" + Page.t(l, "Pourquoi (facultatif)", "Why (optional)")
                    + "</label><textarea id=\"reason\" name=\"reason\" rows=\"2\" maxlength=\"2000\"></textarea></div>");
            Pages.submit(out, l, "Retirer ma demande", "Withdraw my application");
            out.println("</section>");
        }
    }

    static String stateText(Locale l, String state) {
        return switch (state) {
            case "DRAFT" -> Page.t(l, "en cours de préparation (pas encore envoyée)", "being prepared (not sent yet)");
            case "SUBMITTED" -> Page.t(l, "envoyée, en attente d'un agent", "sent, waiting for an agent");
            case "IN_REVIEW" -> Page.t(l, "en cours d'examen par un agent", "being examined by an agent");
            case "WAITING_COMPLEMENT" -> Page.t(l, "l'agent attend un complément de votre part", "the agent is waiting for something from you");
            case "GRANTED" -> Page.t(l, "aide accordée", "aid granted");
            case "REFUSED" -> Page.t(l, "aide refusée", "aid refused");
            case "WITHDRAWN" -> Page.t(l, "retirée (vous avez renoncé à cette demande)", "withdrawn (you gave up this application)");
            case "CLOSED" -> Page.t(l, "close", "closed");
            default -> state;
        };
    }

    private static long id(String s) {
        return Long.parseLong(s);
    }

    private static void redirect(Ctx c, String path) throws IOException {
        String lang = Page.langQuery(c.locale(), path.contains("?") ? "&" : "?");
        int hash = path.indexOf('#');
        c.resp().sendRedirect(hash < 0 ? path + lang : path.substring(0, hash) + lang + path.substring(hash));
    }

    private static void notFound(Ctx c) throws IOException {
        Page.notFound(c.resp(), c.locale(), "Page introuvable", "Page not found",
                "Cette page n'existe pas, ou vous n'y avez pas accès.", "This page does not exist, or you have no access to it.");
    }
}
