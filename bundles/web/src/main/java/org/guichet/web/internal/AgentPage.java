package org.guichet.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.CaseFile;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.InstructionService;
import org.guichet.api.instruction.Payee;
import org.guichet.api.instruction.Queue;
import org.guichet.api.instruction.QueueFilter;
import org.guichet.api.instruction.QueueItem;
import org.guichet.api.instruction.Workload;
import org.guichet.api.scheme.SchemeDescriptor;

/**
 * The agents' pages: the queue across the schemes they instruct, and the instruction page of a dossier (answers and
 * who gave them, documents with their checks, the stored evaluation, complement requests, the thread, internal notes,
 * the decision and its corrections, payments, phone calls, history), with its actions. Each action lands back on
 * what happened: the notice (#fait) after a redirect, or every error at once (#suite) with what was typed kept. The
 * instruction service decides everything, as for the API.
 */
final class AgentPage {
    private final Portal portal;

    AgentPage(Portal portal) {
        this.portal = portal;
    }

    /** A page for agents and supervisors only: anybody else signed in is told so (403), nobody signed in signs in. */
    static Router.Handler agentsOnly(Router.Handler page) {
        return x -> {
            Caller c = x.caller();
            if (!c.has(Role.AGENT) && !c.has(Role.SUPERVISOR)) {
                x.render(403, "agent/agentsOnly.jte");
                return;
            }
            page.handle(x);
        };
    }

    /** An action of the page: adds the page's own errors (a number or a date badly written) or calls the service. */
    @FunctionalInterface
    interface Action {
        void run(Caller agent, long dossier, Map<String, String> errors);
    }

    // ---- the queue

    void queue(Exchange x) throws IOException {
        Caller agent = x.caller();
        InstructionService instruction = portal.instruction();
        String scheme = x.param("scheme");
        String waitingOn = x.param("waitingOn");
        Map<String, String> errors = new LinkedHashMap<>();
        Queue q;
        try {
            q = instruction.queue(agent, new QueueFilter(scheme, x.param("state"), null, null, waitingOn, null, null));
        } catch (GuichetException e) {
            errors.put("waitingOn".equals(e.field()) || "state".equals(e.field()) ? e.field() : "scheme",
                    x.ui().error(e));
            q = instruction.queue(agent, QueueFilter.all());
        }
        x.render(errors.isEmpty() ? 200 : 400, "agent/queue.jte", "agent", agent, "queue", q, "titles",
                titles(x, agent, q), "scheme", scheme, "state", x.param("state"), "waitingOn", waitingOn,
                "consents", consentsToCheck(agent), "errors", errors);
    }

    /** The schemes by their titles in the page's language (the queue names them by title, never by id). */
    private Map<String, String> titles(Exchange x, Caller agent, Queue q) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (String id : agent.schemes()) {
            titles.put(id, portal.registry().activeDescriptor(id, null).map(d -> x.ui().in(d.title()))
                    .orElseGet(() -> titleInQueue(id, q)));
        }
        for (QueueItem i : q.items()) {
            titles.computeIfAbsent(i.schemeId(), id -> portal.registry().activeDescriptor(id, null)
                    .map(d -> x.ui().in(d.title())).orElse(i.schemeTitle()));
        }
        return titles;
    }

    /** How many signed consent forms wait for a check; -1 while the mandates are starting (no link then). */
    private int consentsToCheck(Caller agent) {
        try {
            return portal.mandates().consentsToCheck(agent).size();
        } catch (Portal.Unavailable e) {
            return -1;
        }
    }

    private static String titleInQueue(String schemeId, Queue q) {
        return q.items().stream().filter(i -> schemeId.equals(i.schemeId())).map(QueueItem::schemeTitle).findFirst()
                .orElse(schemeId);
    }

    // ---- one dossier

    void caseFile(Exchange x) throws IOException {
        show(x, x.id("dossier"), 200, Map.of(), AgentForm.NONE);
    }

    private void show(Exchange x, long id, int status, Map<String, String> errors, AgentForm sent) throws IOException {
        Caller agent = x.caller();
        InstructionService instruction = portal.instruction();
        CaseFile f = instruction.caseFile(agent, id);
        Dossier d = f.dossier();
        SchemeDescriptor s = portal.registry().activeDescriptor(d.schemeId(), d.schemeVersion()).orElse(null);
        boolean mine = f.assignee() != null && f.assignee().id() == agent.accountId();
        boolean open = d.state().underInstruction();
        List<PersonRef> agents = new ArrayList<>();
        if (open && agent.has(Role.SUPERVISOR)) {
            for (Workload w : instruction.workloads(agent)) {
                if (w.schemes().contains(d.schemeId())) {
                    agents.add(w.agent());
                }
            }
        }
        String done = errors.isEmpty() ? done(x) : null;
        String code = done == null ? null : x.param("fait");
        // where the outcome shows: in the section she acted in (the errors of the form sent, or the notice)
        String where = errors.isEmpty() ? section(code, x.param("document")) : section(sent.form(), null);
        QueueItem next = "decision".equals(code) || "proposee".equals(code) ? next(agent, id) : null;
        x.render(status, "agent/caseFile.jte", "f", f, "s", s, "agent", agent, "mine", mine, "open", open,
                "rejectionReasons", instruction.rejectionReasons(), "agents", agents, "errors", errors,
                "done", done, "sent", sent, "where", where, "next", next, "nextTitle", next == null ? null
                        : portal.registry().activeDescriptor(next.schemeId(), null).map(sd -> x.ui().in(sd.title()))
                        .orElse(next.schemeTitle()));
    }

    /**
     * The section of the case page an action belongs to, from its notice's code or its form's name: the outcome is
     * shown there, so the agent lands back where she acted ("haut": the top of the page).
     */
    static String section(String action, String document) {
        if (action == null || action.isEmpty()) {
            return "haut";
        }
        if (action.startsWith("verifier-") && action.substring(9).matches("\\d{1,18}")) {
            return "doc-" + action.substring(9);
        }
        return switch (action) {
            case "verifier" -> document != null && document.matches("\\d{1,18}") ? "doc-" + document : "documents";
            case "tout-accepter" -> "documents";
            case "complement" -> "complements";
            case "decision", "proposee" -> "decision";
            case "message" -> "fil";
            case "note" -> "notes";
            case "appel", "appel-fin" -> "appels";
            case "clore" -> "cloture";
            default -> "haut";
        };
    }

    /** The next dossier waiting on an agent that this one may take: the oldest nobody holds, or one she holds. */
    private QueueItem next(Caller agent, long current) {
        for (QueueItem i : portal.instruction().queue(agent, new QueueFilter(null, null, null, null, "AGENT", null,
                null)).items()) {
            if (i.id() != current && (i.assignee() == null || i.assignee().id() == agent.accountId())) {
                return i;
            }
        }
        return null;
    }

    /** What was just done, from its code in the address (only a code travels there, never words). */
    static String done(Exchange x) {
        String code = x.param("fait");
        return code != null && code.matches("[a-z-]{1,30}") && Messages.has(x.ui().locale(), "agent.done." + code)
                ? x.ui().t("agent.done." + code) : null;
    }

    /**
     * Runs an action: to the dossier's page on its notice when done; else the page again with every error (linked to
     * its field through {@code fields}, service field name to the page's) and what was typed.
     */
    private void act(Exchange x, String done, String form, Map<String, String> fields, Action action)
            throws IOException {
        act(x, new String[] {done}, form, fields, action);
    }

    /** @param done what the notice says after it, as one element an action may change (a decision only proposed) */
    private void act(Exchange x, String[] done, String form, Map<String, String> fields, Action action)
            throws IOException {
        act(x, done, form, "", fields, action);
    }

    /** @param query what the notice's address adds after its code (the document checked), digits only */
    private void act(Exchange x, String[] done, String form, String query, Map<String, String> fields, Action action)
            throws IOException {
        long id = x.id("dossier");
        Map<String, String> errors = new LinkedHashMap<>();
        int status = 400;
        try {
            action.run(x.caller(), id, errors);
            if (errors.isEmpty()) {
                x.redirect("/instruction/" + id + "?fait=" + done[0] + query + "#fait");
                return;
            }
        } catch (GuichetException e) {
            if (e.kind() == GuichetException.Kind.NOT_FOUND && "DOSSIER_NOT_FOUND".equals(e.code())) {
                throw e;
            }
            errors.put(e.field() == null ? "" : fields.getOrDefault(e.field(), ""), x.ui().error(e));
            status = e.kind().status();
        }
        show(x, id, status, errors, AgentForm.of(form, x));
    }

    void take(Exchange x) throws IOException {
        act(x, "prendre", "prendre", Map.of(), (agent, id, errors) -> portal.instruction().take(agent, id, null));
    }

    void release(Exchange x) throws IOException {
        act(x, "liberer", "liberer", Map.of(), (agent, id, errors) -> portal.instruction().release(agent, id));
    }

    void assign(Exchange x) throws IOException {
        act(x, "assigner", "assigner", Map.of("agentId", "assign-agent"), (agent, id, errors) -> {
            String to = x.param("agentId");
            if (to == null || !to.matches("\\d{1,18}")) {
                errors.put("assign-agent", x.ui().t("agent.error.chooseAgent"));
                return;
            }
            String from = x.param("from");
            portal.instruction().reassign(agent, id, from != null && from.matches("\\d{1,18}") ? Long.valueOf(from)
                    : null, Long.parseLong(to));
        });
    }

    /** Every document not checked yet, accepted in one action. */
    void acceptAll(Exchange x) throws IOException {
        act(x, "tout-accepter", "tout-accepter", Map.of(),
                (agent, id, errors) -> portal.instruction().acceptRemainingDocuments(agent, id));
    }

    void check(Exchange x) throws IOException {
        String document = x.param("documentId");
        if (document == null || !document.matches("\\d{1,18}")) {
            throw new Exchange.NotFound();
        }
        act(x, new String[] {"verifier"}, "verifier-" + document, "&document=" + document, Map.of("status",
                "status-" + document + "-a", "reasonCode",
                "reason-" + document, "comment", "comment-" + document), (agent, id, errors) -> portal.instruction()
                .checkDocument(agent, id, Long.parseLong(document), x.param("status"), x.param("reasonCode"),
                        x.param("comment")));
    }

    void complement(Exchange x) throws IOException {
        act(x, "complement", "complement", Map.of("message", "complement-message", "documentTypes", "cdoc-0",
                "fields", "complement-message", "deadline", "deadline"), (agent, id, errors) -> {
            LocalDate deadline = date(x, "deadline", "agent.complement.deadline", errors);
            if (errors.isEmpty()) {
                portal.instruction().requestComplement(agent, id, x.param("message"), values(x, "documentTypes"),
                        values(x, "fields"), deadline, "APPLICANT");
            }
        });
    }

    void startCall(Exchange x) throws IOException {
        act(x, "appel", "appel", Map.of("reason", "reason"), (agent, id, errors) -> {
            Dossier d = portal.instruction().caseFile(agent, id).dossier();
            portal.instruction().startCall(agent, d.applicant().id(), id, x.param("reason"));
        });
    }

    void endCall(Exchange x) throws IOException {
        long call = x.id("call");
        act(x, "appel-fin", "appel-fin", Map.of("outcome", "outcome"),
                (agent, id, errors) -> portal.instruction().endCall(agent, call, x.param("outcome")));
    }

    void note(Exchange x) throws IOException {
        act(x, "note", "note", Map.of("body", "note-body"),
                (agent, id, errors) -> portal.instruction().addNote(agent, id, x.param("body")));
    }

    void message(Exchange x) throws IOException {
        act(x, "message", "message", Map.of("body", "message-body"),
                (agent, id, errors) -> portal.instruction().postMessage(agent, id, x.param("body")));
    }

    void close(Exchange x) throws IOException {
        act(x, "clore", "clore", Map.of("reason", "close-reason"),
                (agent, id, errors) -> portal.instruction().close(agent, id, x.param("reason")));
    }

    void decide(Exchange x) throws IOException {
        Map<String, String> fields = Map.of("outcome", "outcome-g", "amount", "amount", "justification",
                "justification", "payee.name", "payeeName", "payee.iban", "payeeIban", "payee.bic", "payeeBic",
                "refusalReasons", "otherReason");
        String[] done = {"decision"};
        act(x, done, "decision", fields, (agent, id, errors) -> {
            BigDecimal amount = null;
            String typed = x.param("amount");
            if (typed != null) {
                try {
                    amount = new BigDecimal(typed.replaceAll("[\\s\\u00a0\\u202f€]", "").replace(',', '.'));
                } catch (NumberFormatException e) {
                    errors.put("amount", x.ui().t("agent.error.amount"));
                    return;
                }
            }
            List<String> reasons = new ArrayList<>(values(x, "refusalReasons"));
            String other = x.param("otherReason");
            if (other != null) {
                reasons.add(other);
            }
            DecisionRequest request = new DecisionRequest(x.param("outcome"), amount, x.param("justification"), reasons,
                    new Payee(x.param("payeeName"), x.param("payeeIban"), x.param("payeeBic")), null);
            try {
                portal.instruction().decide(agent, id, request);
            } catch (GuichetException e) {
                if (!"APPROVAL_REQUIRED".equals(e.code())) {
                    throw e;
                }
                // four eyes: the same form proposes it; a second agent approves it from /instruction/approbations
                portal.instruction().proposeDecision(agent, id, request);
                done[0] = "proposee";
            }
        });
    }

    // ---- files

    void document(Exchange x) throws IOException {
        x.send(portal.dossiers().document(x.caller(), x.id("dossier"), x.id("document")));
    }

    // ---- helpers

    static List<String> values(Exchange x, String name) {
        String[] v = x.req().getParameterValues(name);
        return v == null ? List.of() : List.of(v).stream().filter(s -> !s.isBlank()).toList();
    }

    /** A date typed as on paper (14/09/2026); null when empty; an error for its field when badly written. */
    static LocalDate date(Exchange x, String field, String labelKey, Map<String, String> errors) {
        String typed = x.param(field);
        if (typed == null) {
            return null;
        }
        try {
            return LocalDate.parse(FrenchDates.toIso(typed));
        } catch (DateTimeParseException e) {
            errors.put(field, x.ui().t("agent.error.date", x.ui().t(labelKey)));
            return null;
        }
    }
}
