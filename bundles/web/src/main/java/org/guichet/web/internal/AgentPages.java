package org.guichet.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.activity.ActivityEvent;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.dossiers.DossierService;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.CaseFile;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.DocumentCheck;
import org.guichet.api.instruction.InstructionService;
import org.guichet.api.instruction.InternalNote;
import org.guichet.api.instruction.Payee;
import org.guichet.api.instruction.Queue;
import org.guichet.api.instruction.QueueFilter;
import org.guichet.api.instruction.QueueItem;
import org.guichet.api.instruction.Reason;
import org.guichet.api.instruction.ThreadMessage;
import org.guichet.api.payments.Payment;
import org.guichet.api.payments.PaymentBatch;
import org.guichet.api.payments.PaymentService;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.mandates.MandateService;
import org.guichet.api.instruction.PhoneCall;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeRegistry;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The agents' pages: the queue across the schemes they instruct, and the instruction page of a dossier (answers
 * and who gave them, documents with preview and their checks, the stored evaluation, complement requests, the
 * thread, internal notes, the decision, payments, history). They call the instruction service, as the API does.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("guichet-agent")
@HttpWhiteboardServletPattern("/instruction/*")
public class AgentPages extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(ZoneId.of("Europe/Paris"));

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AccountService accounts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InstructionService instruction;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DossierService dossiers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SchemeRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PaymentService payments;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MandateService mandates;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Locale l = Page.locale(req);
        Caller agent = agent(req, resp, l);
        if (agent == null) {
            return;
        }
        String[] p = path(req);
        try {
            if (p.length == 0) {
                queue(req, resp, l, agent);
            } else if (p.length == 1 && p[0].equals("paiements")) {
                payments(req, resp, l, agent, null);
            } else if (p.length == 1 && p[0].equals("consentements")) {
                consents(req, resp, l, agent, null);
            } else if (p.length == 3 && p[0].equals("consentements") && p[2].equals("formulaire")) {
                ApplicantPages.download(resp, mandates.consentForm(agent, Long.parseLong(p[1])));
            } else if (p.length == 4 && p[0].equals("paiements") && p[3].equals("fichier")) {
                java.nio.file.Path file = payments.batchFile(agent, Long.parseLong(p[2]));
                resp.setContentType("application/xml;charset=UTF-8");
                resp.setHeader("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
                resp.setHeader("Cache-Control", "private, no-store");
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(resp.getOutputStream());
                }
            } else if (p.length == 1) {
                caseFile(req, resp, l, agent, Long.parseLong(p[0]), Map.of(), null);
            } else if (p.length == 3 && p[1].equals("documents")) {
                ApplicantPages.download(resp, dossiers.document(agent, Long.parseLong(p[0]), Long.parseLong(p[2])));
            } else {
                notFound(resp, l);
            }
        } catch (GuichetException e) {
            Pages.error(resp, l, e);
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            notFound(resp, l);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        req.setCharacterEncoding("UTF-8");
        Locale l = Page.locale(req);
        Caller agent = agent(req, resp, l);
        if (agent == null) {
            return;
        }
        if (!WebSession.csrfOk(req)) {
            Pages.csrfRefused(req, resp, l);
            return;
        }
        String[] p = path(req);
        if (p.length > 0 && p[0].equals("paiements")) {
            paymentAction(req, resp, l, agent, p);
            return;
        }
        if (p.length == 2 && p[0].equals("consentements")) {
            try {
                boolean valid = "oui".equals(req.getParameter("valid"));
                mandates.checkConsent(agent, Long.parseLong(p[1]), valid, blank(req.getParameter("comment")));
                resp.sendRedirect("/instruction/consentements?fait=" + (valid ? "consentement" : "consentement-refuse")
                        + Page.langQuery(l, "&"));
            } catch (GuichetException e) {
                consents(req, resp, l, agent, Messages.of(l, e));
            } catch (NumberFormatException e) {
                notFound(resp, l);
            }
            return;
        }
        long id;
        try {
            id = Long.parseLong(p.length > 0 ? p[0] : "x");
        } catch (NumberFormatException e) {
            notFound(resp, l);
            return;
        }
        String action = p.length > 1 ? p[1] : "";
        try {
            String done;
            switch (action) {
                case "prendre" -> {
                    instruction.take(agent, id, null);
                    done = "prendre";
                }
                case "liberer" -> {
                    instruction.release(agent, id);
                    done = "liberer";
                }
                case "verifier" -> {
                    instruction.checkDocument(agent, id, Long.parseLong(req.getParameter("documentId")),
                            req.getParameter("status"), blank(req.getParameter("reasonCode")), blank(req.getParameter("comment")));
                    done = "verifier";
                }
                case "complement" -> {
                    String due = blank(req.getParameter("deadline"));
                    String iso = due == null ? null : FrenchDates.toIso(due);
                    instruction.requestComplement(agent, id, req.getParameter("message"),
                            values(req, "documentTypes"), values(req, "fields"),
                            iso == null ? null : LocalDate.parse(iso), "APPLICANT");
                    done = "complement";
                }
                case "appel" -> {
                    if (p.length == 4 && p[3].equals("fin")) {
                        instruction.endCall(agent, Long.parseLong(p[2]), blank(req.getParameter("outcome")));
                        done = "appel-fin";
                    } else {
                        Dossier d = instruction.caseFile(agent, id).dossier();
                        instruction.startCall(agent, d.applicant().id(), id, req.getParameter("reason"));
                        done = "appel";
                    }
                }
                case "note" -> {
                    instruction.addNote(agent, id, req.getParameter("body"));
                    done = "note";
                }
                case "clore" -> {
                    instruction.close(agent, id, req.getParameter("reason"));
                    done = "clore";
                }
                case "message" -> {
                    instruction.postMessage(agent, id, req.getParameter("body"));
                    done = "message";
                }
                case "decision" -> {
                    String amount = blank(req.getParameter("amount"));
                    List<String> reasons = new ArrayList<>(values(req, "refusalReasons"));
                    String other = blank(req.getParameter("otherReason"));
                    if (other != null) {
                        reasons.add(other);
                    }
                    instruction.decide(agent, id, new DecisionRequest(req.getParameter("outcome"),
                            amount == null ? null : new BigDecimal(amount.replace(" ", "").replace(',', '.')),
                            blank(req.getParameter("justification")), reasons,
                            new Payee(req.getParameter("payeeName"), req.getParameter("payeeIban"),
                                    blank(req.getParameter("payeeBic"))), null));
                    done = "decision";
                }
                default -> {
                    notFound(resp, l);
                    return;
                }
            }
            // only a code travels in the address, never text: a crafted link cannot put words on this page
            resp.sendRedirect("/instruction/" + id + "?fait=" + done + Page.langQuery(l, "&"));
        } catch (GuichetException e) {
            if (e.kind() == GuichetException.Kind.NOT_FOUND && "DOSSIER_NOT_FOUND".equals(e.code())) {
                Pages.error(resp, l, e);
            } else {
                caseFile(req, resp, l, agent, id, Map.of("", Messages.of(l, e)), null);
            }
        } catch (NumberFormatException e) {
            caseFile(req, resp, l, agent, id, Map.of("", Page.t(l, "Nombre mal écrit.", "Badly written number.")), null);
        }
    }

    private Caller agent(HttpServletRequest req, HttpServletResponse resp, Locale l) throws IOException {
        if (accounts == null || instruction == null || dossiers == null || registry == null || payments == null) {
            Pages.unavailable(resp, l);
            return null;
        }
        Optional<Caller> c = WebSession.caller(req, accounts);
        if (c.isEmpty()) {
            Pages.signInFirst(req, resp, l);
            return null;
        }
        if (!c.get().has(Role.AGENT) && !c.get().has(Role.SUPERVISOR)) {
            Page.start(resp, 403, l, Page.t(l, "Réservé aux agents", "Agents only"));
            PrintWriter out = resp.getWriter();
            out.println("<p>" + Page.t(l, "Ces pages sont celles des agents de la Région.", "These pages are for the"
                    + " Region's agents.") + " <a href=\"/mes-demandes" + Page.langQuery(l, "?") + "\">"
                    + Page.t(l, "Mes demandes", "My applications") + "</a></p>");
            Page.end(out, l);
            return null;
        }
        return c.get();
    }

    // ---- the queue

    private void queue(HttpServletRequest req, HttpServletResponse resp, Locale l, Caller agent) throws IOException {
        String scheme = blank(req.getParameter("scheme"));
        String state = blank(req.getParameter("state"));
        String waiting = blank(req.getParameter("waitingOn"));
        Queue q;
        try {
            q = instruction.queue(agent, new QueueFilter(scheme, state, null, null, waiting, null, null));
        } catch (GuichetException e) {
            q = instruction.queue(agent, QueueFilter.all());
        }
        Page.start(resp, 200, l, Page.t(l, "Dossiers à instruire", "Files to instruct"));
        PrintWriter out = resp.getWriter();
        out.println("<p>" + Html.esc(agent.displayName()) + " — " + Page.t(l, "dispositifs : ", "schemes: ")
                + Html.esc(String.join(", ", agent.schemes())) + "</p>");
        Pages.button(out, req, resp, "/compte/deconnexion", Page.t(l, "Se déconnecter", "Sign out"), "secondary");
        out.println("<p><a href=\"/instruction/paiements" + Page.langQuery(l, "?") + "\">" + Page.t(l, "Versements et"
                + " fichiers de virement", "Payments and transfer files") + "</a></p>");
        if (mandates != null) {
            int toCheck = mandates.consentsToCheck(agent).size();
            out.println("<p><a href=\"/instruction/consentements" + Page.langQuery(l, "?") + "\">" + Page.t(l,
                    "Formulaires de consentement à vérifier", "Consent forms to check") + " (" + toCheck + ")</a></p>");
        }
        out.println("<p>" + Page.t(l, "Par état : ", "By state: "));
        List<String> counts = new ArrayList<>();
        q.countsByState().forEach((s, n) -> counts.add(Html.esc(ApplicantPages.stateText(l, s)) + " " + n));
        out.println(String.join(" ; ", counts) + "</p>");
        out.println("<form method=\"get\" action=\"/instruction\" class=\"filters\"><div class=\"field\"><label for=\"scheme\">"
                + Page.t(l, "Dispositif", "Scheme") + "</label><select id=\"scheme\" name=\"scheme\"><option value=\"\">"
                + Page.t(l, "Tous", "All") + "</option>");
        for (String s : agent.schemes()) {
            out.println("<option value=\"" + Html.esc(s) + "\"" + (s.equals(scheme) ? " selected" : "") + ">" + Html.esc(s) + "</option>");
        }
        out.println("</select></div><div class=\"field\"><label for=\"waitingOn\">" + Page.t(l, "En attente de", "Waiting on")
                + "</label><select id=\"waitingOn\" name=\"waitingOn\"><option value=\"\">" + Page.t(l, "Peu importe", "Any")
                + "</option>");
        for (String[] w : new String[][] {{"AGENT", "l'agent"}, {"APPLICANT", "la personne"}, {"ORGANISATION", "l'organisme"}}) {
            out.println("<option value=\"" + w[0] + "\"" + (w[0].equals(waiting) ? " selected" : "") + ">" + w[1] + "</option>");
        }
        out.println("</select></div><p><button type=\"submit\">" + Page.t(l, "Filtrer", "Filter") + "</button></p></form>");
        out.println("<table><caption>" + Page.t(l, "Les plus anciens d'abord", "Oldest first") + "</caption><thead><tr>"
                + th(Page.t(l, "Dossier", "File")) + th(Page.t(l, "Personne", "Person")) + th(Page.t(l, "État", "State"))
                + th(Page.t(l, "Âge (jours)", "Age (days)")) + th(Page.t(l, "Échéance", "Deadline"))
                + th(Page.t(l, "Agent", "Agent")) + "</tr></thead><tbody>");
        for (QueueItem i : q.items()) {
            out.println("<tr><td><a href=\"/instruction/" + i.id() + Page.langQuery(l, "?") + "\">" + Html.esc(i.reference())
                    + "</a><br><span class=\"small\">" + Html.esc(i.schemeTitle()) + "</span></td><td>"
                    + Html.esc(i.applicant().displayName()) + "</td><td>" + Html.esc(ApplicantPages.stateText(l, i.state()))
                    + "</td><td>" + i.ageDays() + "</td><td>" + (i.deadline() == null ? "" : DAY.format(i.deadline()))
                    + "</td><td>" + (i.assignee() == null ? Page.t(l, "personne", "nobody") : Html.esc(i.assignee().displayName()))
                    + "</td></tr>");
        }
        out.println("</tbody></table>");
        Page.end(out, l);
    }

    // ---- one dossier

    private void caseFile(HttpServletRequest req, HttpServletResponse resp, Locale l, Caller agent, long id,
            Map<String, String> errors, String unused) throws IOException {
        CaseFile f = instruction.caseFile(agent, id);
        Dossier d = f.dossier();
        SchemeDescriptor s = registry.activeDescriptor(d.schemeId(), d.schemeVersion()).orElse(null);
        Page.start(resp, errors.isEmpty() ? 200 : 409, l, d.reference() + " — " + d.schemeTitle());
        PrintWriter out = resp.getWriter();
        Inputs.errorSummary(out, l, errors);
        String done = done(l, req.getParameter("fait"));
        if (done != null && errors.isEmpty()) {
            Inputs.notice(out, done);
        }
        out.println("<p><a href=\"/instruction" + Page.langQuery(l, "?") + "\">" + Page.t(l, "Retour à la file", "Back to the queue")
                + "</a></p>");
        out.println("<p class=\"state\"><strong>" + Html.esc(ApplicantPages.stateText(l, d.state().name())) + "</strong> — "
                + Html.esc(d.applicant().displayName()) + " (" + Html.esc(d.applicant().email()) + ") — "
                + Page.t(l, "agent : ", "agent: ") + (f.assignee() == null ? Page.t(l, "personne", "nobody")
                : Html.esc(f.assignee().displayName())) + (f.deadline() == null ? "" : " — " + Page.t(l, "échéance ", "deadline ")
                + DAY.format(f.deadline())) + "</p>");
        boolean mine = f.assignee() != null && f.assignee().id() == agent.accountId();
        boolean open = List.of("SUBMITTED", "IN_REVIEW", "WAITING_COMPLEMENT").contains(d.state().name());
        if (open && !mine) {
            Pages.button(out, req, resp, "/instruction/" + id + "/prendre" + Page.langQuery(l, "?"),
                    Page.t(l, "Prendre ce dossier", "Take this file"), null);
        } else if (open) {
            Pages.button(out, req, resp, "/instruction/" + id + "/liberer" + Page.langQuery(l, "?"),
                    Page.t(l, "Remettre dans la file", "Put back in the queue"), "secondary");
        }
        if (f.mandate() != null) {
            out.println("<p>" + Page.t(l, "Déposé par ", "Filed by ") + Html.esc(f.mandate().mediator().displayName())
                    + (f.mandate().organisationName() == null ? "" : " (" + Html.esc(f.mandate().organisationName()) + ")")
                    + Page.t(l, ", mandat ", ", mandate ") + Html.esc(f.mandate().method()) + "</p>");
        }
        // answers
        out.println("<h2>" + Page.t(l, "Réponses", "Answers") + "</h2><dl>");
        if (s != null) {
            for (FieldDefinition fd : s.fields()) {
                Object v = d.answers().get(fd.name());
                String source = d.answerSources().get(fd.name());
                out.println("<dt>" + Html.esc(fd.label().in(l)) + "</dt><dd>" + (v == null ? "—" : Html.esc(String.valueOf(v)))
                        + (source == null ? "" : " <span class=\"small\">(" + Page.t(l, "donné par l'organisme de formation",
                        "given by the training organisation") + ")</span>") + "</dd>");
            }
        }
        out.println("</dl>");
        // evaluation
        if (d.submitted() != null) {
            out.println("<h2>" + Page.t(l, "Ce que disent les règles", "What the rules say") + "</h2>");
            Forms.result(out, l, d.submitted());
            out.println("<details><summary>" + Page.t(l, "Règles appliquées", "Rules fired") + "</summary><ul>");
            d.submitted().rulesFired().forEach(r -> out.println("<li>" + Html.esc(r) + "</li>"));
            out.println("</ul></details>");
        }
        // documents and checks
        out.println("<h2>" + Page.t(l, "Documents", "Documents") + "</h2>");
        String csrf = WebSession.hiddenField(req, resp);
        int n = 0;
        for (DossierDocument doc : d.documents()) {
            n++;
            DocumentCheck last = null;
            for (DocumentCheck c : f.checks()) {
                if (c.documentId() == doc.id()) {
                    last = c;
                }
            }
            out.println("<section class=\"document\" aria-labelledby=\"doc-" + n + "\"><h3 id=\"doc-" + n + "\">"
                    + Html.esc(label(s, doc.documentType())) + "</h3><p><a href=\"/instruction/" + id + "/documents/"
                    + doc.id() + "\">" + Html.esc(doc.fileName()) + "</a> — " + Html.esc(doc.mediaType()) + ", "
                    + doc.size() / 1024 + " Ko, " + Html.esc(doc.source()) + "</p>");
            if (last != null) {
                out.println("<p><strong>" + ("ACCEPTED".equals(last.status()) ? Page.t(l, "Accepté", "Accepted")
                        : Page.t(l, "Refusé : ", "Rejected: ") + Html.esc(last.reasonLabel())) + "</strong>"
                        + (last.comment() == null ? "" : " — " + Html.esc(last.comment())) + "</p>");
            }
            if (mine && open && !"DECISION_LETTER".equals(doc.documentType())) {
                out.println("<form method=\"post\" action=\"/instruction/" + id + "/verifier" + Page.langQuery(l, "?") + "\">"
                        + csrf + "<input type=\"hidden\" name=\"documentId\" value=\"" + doc.id() + "\"><fieldset><legend>"
                        + Page.t(l, "Vérification de ", "Check of ") + Html.esc(label(s, doc.documentType())) + "</legend>"
                        + radio("status-" + n + "-a", "status", "ACCEPTED", Page.t(l, "Accepté", "Accepted"), true)
                        + radio("status-" + n + "-r", "status", "REJECTED", Page.t(l, "Refusé", "Rejected"), false)
                        + "</fieldset><div class=\"field\"><label for=\"reason-" + n + "\">" + Page.t(l, "Raison d'un refus",
                        "Reason for a rejection") + "</label><select id=\"reason-" + n + "\" name=\"reasonCode\"><option value=\"\">—</option>");
                for (Reason r : instruction.rejectionReasons()) {
                    out.println("<option value=\"" + r.code() + "\">" + Html.esc(r.label()) + "</option>");
                }
                out.println("</select></div><div class=\"field\"><label for=\"comment-" + n + "\">" + Page.t(l, "Commentaire",
                        "Comment") + "</label><input type=\"text\" id=\"comment-" + n + "\" name=\"comment\"></div>");
                Pages.submit(out, l, "Enregistrer la vérification", "Record the check");
            }
            out.println("</section>");
        }
        // complements
        out.println("<h2>" + Page.t(l, "Compléments", "Complements") + "</h2>");
        for (ComplementRequest c : f.complements()) {
            out.println("<p>" + Html.esc(c.message()) + " — " + Html.esc(c.state()) + ", " + Page.t(l, "avant le ", "before ")
                    + DAY.format(c.deadline()) + (c.answer() == null ? "" : " — " + Html.esc(c.answer())) + "</p>");
        }
        if (mine && open && s != null) {
            out.println("<form method=\"post\" action=\"/instruction/" + id + "/complement" + Page.langQuery(l, "?") + "\">" + csrf
                    + "<div class=\"field\"><label for=\"complement-message\">" + Page.t(l, "Message à la personne (en mots"
                    + " simples)", "Message to the person (plain words)") + "</label><textarea id=\"complement-message\""
                    + " name=\"message\" rows=\"3\"></textarea></div><fieldset><legend>" + Page.t(l, "Documents à renvoyer",
                    "Documents to send again") + "</legend>");
            int k = 0;
            for (var doc : s.documents()) {
                out.println("<div class=\"choice\"><input type=\"checkbox\" id=\"cdoc-" + k + "\" name=\"documentTypes\" value=\""
                        + Html.esc(doc.id()) + "\"><label for=\"cdoc-" + k++ + "\">" + Html.esc(doc.label().in(l)) + "</label></div>");
            }
            out.println("</fieldset><div class=\"field\"><label for=\"deadline\">" + Page.t(l, "Avant le (jj/mm/aaaa)",
                    "Before (dd/mm/yyyy)") + "</label><input type=\"text\" id=\"deadline\" name=\"deadline\" inputmode=\"numeric\"></div>");
            Pages.submit(out, l, "Demander ce complément", "Ask for this complement");
        }
        // decision
        out.println("<h2>" + Page.t(l, "Décision", "Decision") + "</h2>");
        for (Decision x : f.decisions()) {
            out.println("<p><strong>" + Html.esc(x.outcome()) + "</strong> " + (x.amount() == null ? ""
                    : Forms.euros(l).format(x.amount())) + " — " + Html.esc(x.decidedBy().displayName()) + ", "
                    + MOMENT.format(x.decidedAt()) + (x.justification() == null ? "" : " — " + Html.esc(x.justification()))
                    + " — <a href=\"/instruction/" + id + "/documents/" + x.letterDocumentId() + "\">" + Page.t(l, "lettre",
                    "letter") + "</a></p>");
        }
        if (mine && (open || !f.decisions().isEmpty())) {
            out.println("<form method=\"post\" action=\"/instruction/" + id + "/decision" + Page.langQuery(l, "?") + "\">" + csrf
                    + "<fieldset><legend>" + Page.t(l, "La décision", "The decision") + "</legend>"
                    + radio("outcome-g", "outcome", "GRANTED", Page.t(l, "Accorder", "Grant"), true)
                    + radio("outcome-r", "outcome", "REFUSED", Page.t(l, "Refuser", "Refuse"), false) + "</fieldset>");
            out.println("<div class=\"field\"><label for=\"amount\">" + Page.t(l, "Montant (vide : celui des règles)",
                    "Amount (empty: the rules' amount)") + "</label><input type=\"text\" id=\"amount\" name=\"amount\""
                    + " inputmode=\"decimal\"></div>");
            out.println("<div class=\"field\"><label for=\"payeeName\">" + Page.t(l, "Versé à (nom sur le RIB)",
                    "Paid to (name on the bank details)") + "</label><input type=\"text\" id=\"payeeName\" name=\"payeeName\""
                    + " value=\"" + Html.esc(d.applicant().displayName()) + "\"></div>");
            out.println("<div class=\"field\"><label for=\"payeeIban\">IBAN</label><input type=\"text\" id=\"payeeIban\""
                    + " name=\"payeeIban\"></div><div class=\"field\"><label for=\"payeeBic\">" + Page.t(l, "BIC (facultatif)",
                    "BIC (optional)") + "</label><input type=\"text\" id=\"payeeBic\" name=\"payeeBic\"></div>");
            if (d.submitted() != null && !d.submitted().reasons().isEmpty()) {
                out.println("<fieldset><legend>" + Page.t(l, "Raisons d'un refus (celles des règles)", "Reasons for a refusal"
                        + " (the rules')") + "</legend>");
                int k = 0;
                for (var r : d.submitted().reasons()) {
                    out.println("<div class=\"choice\"><input type=\"checkbox\" id=\"reason-rule-" + k + "\" name=\"refusalReasons\""
                            + " value=\"" + Html.esc(r.code()) + "\" checked><label for=\"reason-rule-" + k++ + "\">"
                            + Html.esc(r.message()) + "</label></div>");
                }
                out.println("</fieldset>");
            }
            out.println("<div class=\"field\"><label for=\"otherReason\">" + Page.t(l, "Autre raison de refus", "Other reason"
                    + " for refusal") + "</label><input type=\"text\" id=\"otherReason\" name=\"otherReason\"></div>");
            out.println("<div class=\"field\"><label for=\"justification\">" + Page.t(l, "Justification (obligatoire si le"
                    + " montant change ou pour corriger une décision)", "Justification (required if the amount changes or to"
                    + " correct a decision)") + "</label><textarea id=\"justification\" name=\"justification\" rows=\"3\">"
                    + "</textarea></div>");
            Pages.submit(out, l, "Enregistrer la décision", "Record the decision");
        }
        // payments
        if (!f.payments().isEmpty()) {
            out.println("<table><caption>" + Page.t(l, "Versements", "Payments") + "</caption><thead><tr>" + th("Mois")
                    + th(Page.t(l, "Prévu", "Promised")) + th(Page.t(l, "À verser", "Payable")) + th(Page.t(l, "État", "Status"))
                    + th(Page.t(l, "Date prévue", "Promised date")) + th(Page.t(l, "Versé le", "Paid on")) + "</tr></thead><tbody>");
            for (Payment pm : f.payments()) {
                out.println("<tr><td>" + pm.month() + "</td><td>" + Forms.euros(l).format(pm.promisedAmount()) + "</td><td>"
                        + (pm.payableAmount() == null ? "—" : Forms.euros(l).format(pm.payableAmount())) + "</td><td>"
                        + pm.status() + "</td><td>" + DAY.format(pm.promisedDate()) + "</td><td>"
                        + (pm.paidOn() == null ? "—" : DAY.format(pm.paidOn())) + "</td></tr>");
            }
            out.println("</tbody></table>");
        }
        // thread and notes
        out.println("<h2>" + Page.t(l, "Messages avec la personne", "Messages with the person") + "</h2>");
        for (ThreadMessage m : f.messages()) {
            out.println("<div class=\"message\"><p class=\"small\">" + Html.esc(m.author().displayName()) + " ("
                    + Html.esc(m.authorRole()) + ") — " + MOMENT.format(m.at()) + "</p><p>" + Html.esc(m.body()) + "</p></div>");
        }
        out.println("<form method=\"post\" action=\"/instruction/" + id + "/message" + Page.langQuery(l, "?") + "\">" + csrf
                + "<div class=\"field\"><label for=\"message-body\">" + Page.t(l, "Écrire à la personne", "Write to the person")
                + "</label><textarea id=\"message-body\" name=\"body\" rows=\"3\"></textarea></div>");
        Pages.submit(out, l, "Envoyer", "Send");
        out.println("<h2>" + Page.t(l, "Notes internes (jamais montrées à la personne)", "Internal notes (never shown to the"
                + " person)") + "</h2>");
        for (InternalNote note : f.notes()) {
            out.println("<div class=\"message\"><p class=\"small\">" + Html.esc(note.author().displayName()) + " — "
                    + MOMENT.format(note.at()) + "</p><p>" + Html.esc(note.body()) + "</p></div>");
        }
        out.println("<form method=\"post\" action=\"/instruction/" + id + "/note" + Page.langQuery(l, "?") + "\">" + csrf
                + "<div class=\"field\"><label for=\"note-body\">" + Page.t(l, "Ajouter une note interne", "Add an internal note")
                + "</label><textarea id=\"note-body\" name=\"body\" rows=\"3\"></textarea></div>");
        Pages.submit(out, l, "Ajouter la note", "Add the note");
        // phone calls
        out.println("<h2>" + Page.t(l, "Appels téléphoniques", "Phone calls") + "</h2>");
        PhoneCall openCall = null;
        for (PhoneCall call : f.calls()) {
            out.println("<p>" + MOMENT.format(call.startedAt()) + " — " + Html.esc(call.agent().displayName()) + " — "
                    + Html.esc(call.reason()) + (call.durationSeconds() == null ? " — " + Page.t(l, "en cours", "in progress")
                    : " — " + (call.durationSeconds() / 60) + " min " + (call.durationSeconds() % 60) + " s"
                    + (call.outcome() == null ? "" : " — " + Html.esc(call.outcome()))) + "</p>");
            if (call.endedAt() == null && call.agent().id() == agent.accountId()) {
                openCall = call;
            }
        }
        if (openCall != null) {
            out.println("<form method=\"post\" action=\"/instruction/" + id + "/appel/" + openCall.id() + "/fin"
                    + Page.langQuery(l, "?") + "\">" + csrf + "<div class=\"field\"><label for=\"outcome\">"
                    + Page.t(l, "Issue de l'appel", "Outcome of the call") + "</label><input type=\"text\" id=\"outcome\""
                    + " name=\"outcome\"></div>");
            Pages.submit(out, l, "Terminer l'appel", "End the call");
        } else {
            out.println("<form method=\"post\" action=\"/instruction/" + id + "/appel" + Page.langQuery(l, "?") + "\">"
                    + csrf + "<div class=\"field\"><label for=\"reason\">" + Page.t(l, "Motif de l'appel",
                    "Reason for the call") + "</label><input type=\"text\" id=\"reason\" name=\"reason\"></div>");
            Pages.submit(out, l, "Noter un appel qui commence", "Record a call starting");
        }
        // closing: archived after a decision, or when a complement's deadline passed unanswered
        String st = d.state().name();
        if (st.equals("GRANTED") || st.equals("REFUSED") || st.equals("WAITING_COMPLEMENT")) {
            out.println("<form method=\"post\" action=\"/instruction/" + id + "/clore" + Page.langQuery(l, "?") + "\">"
                    + csrf + "<div class=\"field\"><label for=\"close-reason\">" + Page.t(l, "Clore le dossier : pourquoi",
                    "Close the file: why") + "</label><input type=\"text\" id=\"close-reason\" name=\"reason\"></div>");
            Pages.submit(out, l, "Clore le dossier", "Close the file");
        }
        // history
        out.println("<details><summary>" + Page.t(l, "Historique complet", "Full history") + "</summary><table><caption>"
                + Page.t(l, "Qui a fait quoi, pour qui, par quel canal", "Who did what, for whom, through which channel")
                + "</caption><thead><tr>" + th("Date") + th(Page.t(l, "Quoi", "What")) + th(Page.t(l, "Qui", "Who"))
                + th(Page.t(l, "Canal", "Channel")) + th(Page.t(l, "Détail", "Detail")) + "</tr></thead><tbody>");
        for (ActivityEvent e : d.history()) {
            out.println("<tr><td>" + MOMENT.format(e.at()) + "</td><td>" + Html.esc(e.type()) + "</td><td>"
                    + Html.esc(e.actorName()) + "</td><td>" + e.channel() + "</td><td>" + Html.esc(e.detail()) + "</td></tr>");
        }
        out.println("</tbody></table></details>");
        Page.end(out, l);
    }

    // ---- payments

    private void payments(HttpServletRequest req, HttpServletResponse resp, Locale l, Caller agent, String error)
            throws IOException {
        String asOf = blank(req.getParameter("asOf"));
        LocalDate day = asOf == null ? LocalDate.now(ZoneId.of("Europe/Paris")) : LocalDate.parse(FrenchDates.toIso(asOf) == null
                ? asOf : FrenchDates.toIso(asOf));
        List<Payment> due = payments.due(agent, day);
        String csrf = WebSession.hiddenField(req, resp);
        Page.start(resp, error == null ? 200 : 409, l, Page.t(l, "Versements", "Payments"));
        PrintWriter out = resp.getWriter();
        if (error != null) {
            Inputs.errorSummary(out, l, Map.of("", error));
        }
        String done = done(l, req.getParameter("fait"));
        if (done != null && error == null) {
            Inputs.notice(out, done);
        }
        out.println("<p><a href=\"/instruction" + Page.langQuery(l, "?") + "\">" + Page.t(l, "Retour à la file",
                "Back to the queue") + "</a></p>");
        out.println("<table><caption>" + Page.t(l, "Dus au ", "Due on ") + DAY.format(day) + "</caption><thead><tr>"
                + th(Page.t(l, "Dossier", "File")) + th("Mois") + th(Page.t(l, "Montant", "Amount"))
                + th(Page.t(l, "Bénéficiaire", "Payee")) + th(Page.t(l, "Date promise", "Promised date")) + "</tr></thead><tbody>");
        for (Payment pm : due) {
            out.println("<tr><td>" + Html.esc(pm.reference()) + "</td><td>" + pm.month() + "</td><td>"
                    + Forms.euros(l).format(pm.payableAmount()) + "</td><td>" + Html.esc(pm.payeeName()) + "</td><td>"
                    + DAY.format(pm.promisedDate()) + "</td></tr>");
        }
        out.println("</tbody></table>");
        if (!due.isEmpty()) {
            out.println("<form method=\"post\" action=\"/instruction/paiements/virements" + Page.langQuery(l, "?") + "\">"
                    + csrf + "<input type=\"hidden\" name=\"asOf\" value=\"" + day + "\"><div class=\"field\"><label"
                    + " for=\"executionDate\">" + Page.t(l, "Date d'exécution par la banque (jj/mm/aaaa)", "Execution date"
                    + " (dd/mm/yyyy)") + "</label><input type=\"text\" id=\"executionDate\" name=\"executionDate\""
                    + " inputmode=\"numeric\"></div>");
            Pages.submit(out, l, "Préparer le fichier de virements SEPA", "Prepare the SEPA transfer file");
        }
        out.println("<h2>" + Page.t(l, "Fichiers de virements", "Transfer files") + "</h2>");
        for (PaymentBatch b : payments.batches(agent)) {
            out.println("<p><a href=\"/instruction/paiements/virements/" + b.id() + "/fichier\">" + Html.esc(b.messageId())
                    + "</a> — " + b.count() + Page.t(l, " virements, ", " transfers, ") + Forms.euros(l).format(b.total())
                    + " — " + Page.t(l, "exécution le ", "execution on ") + DAY.format(b.executionDate()) + " — "
                    + Html.esc(b.status()) + "</p>");
            if ("ISSUED".equals(b.status())) {
                out.println("<form method=\"post\" action=\"/instruction/paiements/virements/" + b.id() + "/paye"
                        + Page.langQuery(l, "?") + "\" class=\"inline\">" + csrf + "<button type=\"submit\">"
                        + Page.t(l, "La banque a exécuté ", "The bank executed ") + Html.esc(b.messageId()) + "</button></form>");
            }
        }
        Page.end(out, l);
    }

    private void paymentAction(HttpServletRequest req, HttpServletResponse resp, Locale l, Caller agent, String[] p)
            throws IOException {
        try {
            String done;
            if (p.length == 2 && p[1].equals("virements")) {
                String exec = blank(req.getParameter("executionDate"));
                String iso = exec == null ? null : FrenchDates.toIso(exec);
                payments.issue(agent, LocalDate.parse(req.getParameter("asOf")),
                        iso == null ? null : LocalDate.parse(iso));
                done = "virements";
            } else if (p.length == 4 && p[1].equals("virements") && p[3].equals("paye")) {
                payments.confirmPaid(agent, Long.parseLong(p[2]), null);
                done = "paye";
            } else {
                notFound(resp, l);
                return;
            }
            resp.sendRedirect("/instruction/paiements?fait=" + done + Page.langQuery(l, "&"));
        } catch (GuichetException e) {
            payments(req, resp, l, agent, Messages.of(l, e));
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            payments(req, resp, l, agent, Page.t(l, "Date ou nombre mal écrit.", "Badly written date or number."));
        }
    }

    // ---- signed consent forms

    private void consents(HttpServletRequest req, HttpServletResponse resp, Locale l, Caller agent, String error)
            throws IOException {
        if (mandates == null) {
            Pages.unavailable(resp, l);
            return;
        }
        List<Mandate> pending = mandates.consentsToCheck(agent);
        Page.start(resp, error == null ? 200 : 400, l, Page.t(l, "Formulaires de consentement à vérifier",
                "Consent forms to check"));
        PrintWriter out = resp.getWriter();
        if (error != null) {
            Inputs.errorSummary(out, l, Map.of("", error));
        }
        String done = done(l, req.getParameter("fait"));
        if (done != null) {
            Inputs.notice(out, done);
        }
        out.println("<p>" + Page.t(l, "Un médiateur a enregistré le formulaire qu'une personne a signée pour lui donner"
                + " mandat. Tant que la personne ne l'a pas confirmé par courriel, le mandat n'est en place que si vous"
                + " vérifiez le formulaire : signé, au nom de la personne, nommant ce médiateur.", "A mediator recorded the"
                + " form a person signed to give a mandate. Until the person confirms it by email, the mandate is in place"
                + " only if you check the form: signed, in the person's name, naming this mediator.") + "</p>");
        if (pending.isEmpty()) {
            out.println("<p>" + Page.t(l, "Aucun formulaire en attente.", "No form waiting.") + "</p>");
        }
        String csrf = WebSession.hiddenField(req, resp);
        for (Mandate m : pending) {
            out.println("<section aria-labelledby=\"consent-" + m.id() + "\"><h2 id=\"consent-" + m.id() + "\">"
                    + Html.esc(m.applicant().displayName()) + " → " + Html.esc(m.mediator().displayName()
                    + (m.organisationName() == null ? "" : " (" + m.organisationName() + ")")) + "</h2><p>"
                    + Page.t(l, "Enregistré le ", "Recorded on ") + MOMENT.format(m.createdAt()) + " — <a href=\"/instruction/"
                    + "consentements/" + m.id() + "/formulaire\">" + Page.t(l, "voir le formulaire signé de ",
                    "see the signed form of ") + Html.esc(m.applicant().displayName()) + "</a></p>");
            out.println("<form method=\"post\" action=\"/instruction/consentements/" + m.id() + Page.langQuery(l, "?")
                    + "\">" + csrf + "<fieldset><legend>" + Page.t(l, "Le formulaire de ", "The form of ")
                    + Html.esc(m.applicant().displayName()) + Page.t(l, " est-il valable ?", " is it valid?") + "</legend>"
                    + radio("valid-yes-" + m.id(), "valid", "oui", Page.t(l, "Oui, valable", "Yes, valid"), false)
                    + radio("valid-no-" + m.id(), "valid", "non", Page.t(l, "Non", "No"), false) + "</fieldset>"
                    + "<div class=\"field\"><label for=\"comment-" + m.id() + "\">" + Page.t(l, "Si non, ce qui ne va pas"
                    + " (le médiateur le lira)", "If not, what is wrong (the mediator will read it)") + "</label>"
                    + "<input type=\"text\" id=\"comment-" + m.id() + "\" name=\"comment\"></div>");
            Pages.submit(out, l, "Enregistrer la vérification du formulaire de " + m.applicant().displayName(),
                    "Record the check of the form of " + m.applicant().displayName());
            out.println("</section>");
        }
        out.println("<p><a href=\"/instruction" + Page.langQuery(l, "?") + "\">" + Page.t(l, "Retour à la file",
                "Back to the queue") + "</a></p>");
        Page.end(out, l);
    }

    /** What was just done, from its code. */
    static String done(Locale l, String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "prendre" -> Page.t(l, "Vous avez pris ce dossier.", "You took this file.");
            case "liberer" -> Page.t(l, "Le dossier est remis dans la file.", "The file is back in the queue.");
            case "verifier" -> Page.t(l, "Vérification enregistrée.", "Check recorded.");
            case "complement" -> Page.t(l, "Complément demandé : la personne est prévenue par courriel.",
                    "Complement requested: the person is told by email.");
            case "note" -> Page.t(l, "Note interne ajoutée.", "Internal note added.");
            case "clore" -> Page.t(l, "Dossier clos.", "File closed.");
            case "consentement" -> Page.t(l, "Formulaire accepté : le mandat est en place, la personne est prévenue.",
                    "Form accepted: the mandate is in place, the person is told.");
            case "consentement-refuse" -> Page.t(l, "Formulaire refusé : le médiateur est prévenu.",
                    "Form refused: the mediator is told.");
            case "message" -> Page.t(l, "Message envoyé.", "Message sent.");
            case "decision" -> Page.t(l, "Décision enregistrée et envoyée.", "Decision recorded and sent.");
            case "appel" -> Page.t(l, "Appel en cours : notez-en l'issue à la fin.", "Call in progress: record its outcome"
                    + " at the end.");
            case "appel-fin" -> Page.t(l, "Appel terminé et noté.", "Call ended and recorded.");
            case "virements" -> Page.t(l, "Fichier de virements préparé : téléchargez-le ci-dessous pour la banque.",
                    "Transfer file prepared: download it below for the bank.");
            case "paye" -> Page.t(l, "Versements notés comme faits ; les personnes sont prévenues.", "Payments recorded as"
                    + " made; people are told.");
            default -> null;
        };
    }

    private static String radio(String id, String name, String value, String label, boolean checked) {
        return "<div class=\"choice\"><input type=\"radio\" id=\"" + id + "\" name=\"" + name + "\" value=\"" + value + "\""
                + (checked ? " checked" : "") + "><label for=\"" + id + "\">" + Html.esc(label) + "</label></div>";
    }

    private static String th(String s) {
        return "<th scope=\"col\">" + Html.esc(s) + "</th>";
    }

    private static String label(SchemeDescriptor s, String type) {
        if ("DECISION_LETTER".equals(type)) {
            return "Lettre de décision";
        }
        var def = s == null ? null : s.document(type);
        return def == null ? type : def.label().fr();
    }

    private static List<String> values(HttpServletRequest req, String name) {
        String[] v = req.getParameterValues(name);
        return v == null ? List.of() : List.of(v);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String[] path(HttpServletRequest req) {
        String info = req.getPathInfo() == null ? "" : req.getPathInfo();
        return info.isEmpty() || info.equals("/") ? new String[0] : info.substring(1).split("/");
    }

    private static void notFound(HttpServletResponse resp, Locale l) throws IOException {
        Page.notFound(resp, l, "Page introuvable", "Page not found", "Cette page n'existe pas, ou vous n'y avez pas accès.",
                "This page does not exist, or you have no access to it.");
    }
}
