package org.guichet.web.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.InstructionService;
import org.guichet.api.instruction.QueueFilter;
import org.guichet.api.instruction.QueueItem;
import org.guichet.api.instruction.Workload;

/**
 * The supervisor's space (/instruction/supervision): each agent's workload (dossiers held, by state, phone calls and
 * their minutes over 30 days), the dossiers whose deadline is past or within {@value #NEAR_DAYS} days with
 * « Confier à » on each, and how many decisions wait for a second agent (a link to /instruction/approbations).
 * A dossier's deadline is the queue's: 30 days after submission, or the deadline of the complement it waits for.
 * Reassigning names the holder the supervisor saw; if it changed meanwhile, nothing is done and she is told.
 */
final class SupervisorPage {
    static final String PATH = "/instruction/supervision";
    /** "near" a deadline: due within this many days */
    static final int NEAR_DAYS = 7;

    private final Portal portal;

    SupervisorPage(Portal portal) {
        this.portal = portal;
    }

    /** Supervisors only: an agent signed in is told so (403). */
    static Router.Handler supervisorsOnly(Router.Handler page) {
        return x -> {
            if (!x.caller().has(Role.SUPERVISOR)) {
                x.render(403, "agent/supervisorsOnly.jte");
                return;
            }
            page.handle(x);
        };
    }

    void show(Exchange x) throws IOException {
        page(x, 200, Map.of(), AgentForm.NONE);
    }

    void reassign(Exchange x) throws IOException {
        long dossier = x.id("dossier");
        String field = "to-" + dossier;
        Map<String, String> errors = new LinkedHashMap<>();
        String to = x.param("agentId");
        String from = x.param("from");
        if (to == null || !to.matches("\\d{1,18}")) {
            errors.put(field, x.ui().t("agent.error.chooseAgent"));
        } else {
            try {
                portal.instruction().reassign(x.caller(), dossier, from != null && from.matches("\\d{1,18}")
                        ? Long.valueOf(from) : null, Long.parseLong(to));
                x.redirect(PATH + "?fait=confie#fait");
                return;
            } catch (GuichetException e) {
                if (e.kind() == GuichetException.Kind.NOT_FOUND) {
                    throw e;
                }
                errors.put(field, x.ui().error(e));
                page(x, e.kind().status(), errors, AgentForm.of("confier-" + dossier, x));
                return;
            }
        }
        page(x, 400, errors, AgentForm.of("confier-" + dossier, x));
    }

    private void page(Exchange x, int status, Map<String, String> errors, AgentForm sent) throws IOException {
        Caller supervisor = x.caller();
        InstructionService instruction = portal.instruction();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        List<Workload> workloads = instruction.workloads(supervisor);
        List<QueueItem> due = new ArrayList<>();
        for (QueueItem i : instruction.queue(supervisor, new QueueFilter(null, null, null, null, null, null,
                today.plusDays(NEAR_DAYS))).items()) {
            if (i.deadline() != null && List.of("SUBMITTED", "IN_REVIEW", "WAITING_COMPLEMENT").contains(i.state())) {
                due.add(i);
            }
        }
        due.sort(java.util.Comparator.comparing(QueueItem::deadline));
        Map<String, List<PersonRef>> agentsByScheme = new LinkedHashMap<>();
        for (QueueItem i : due) {
            agentsByScheme.computeIfAbsent(i.schemeId(), id -> workloads.stream().filter(w -> w.schemes().contains(id))
                    .map(Workload::agent).toList());
        }
        // schemes by their titles, never by their ids
        Map<String, String> titles = new LinkedHashMap<>();
        for (QueueItem i : due) {
            titles.computeIfAbsent(i.schemeId(), id -> portal.registry().activeDescriptor(id, null)
                    .map(d -> x.ui().in(d.title())).orElse(i.schemeTitle()));
        }
        for (Workload w : workloads) {
            for (String scheme : w.schemes()) {
                titles.computeIfAbsent(scheme, id -> portal.registry().activeDescriptor(id, null)
                        .map(d -> x.ui().in(d.title())).orElse(id));
            }
        }
        x.render(status, "agent/supervision.jte", "workloads", workloads, "due", due, "today", today, "titles", titles,
                "agentsByScheme", agentsByScheme, "approvals", instruction.pendingDecisions(supervisor).size(),
                "errors", errors, "sent", sent, "done", errors.isEmpty() ? AgentPage.done(x) : null);
    }
}
