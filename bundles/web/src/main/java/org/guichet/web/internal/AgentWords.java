package org.guichet.web.internal;

import java.util.Map;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.scheme.DocumentDefinition;
import org.guichet.api.scheme.SchemeDescriptor;

/**
 * The services' codes in people's words, for the agents' pages: dossier states, what a dossier waits on, events of
 * the history and their channel, decision outcomes, document checks and rejection reasons, complement, payment and
 * file states, who gave a document or wrote a message, how a mandate was given. Every word is in the message
 * bundles ({@code agent.*}); an unknown code gets a general word, never the code itself.
 */
public final class AgentWords {
    private AgentWords() { }

    private static String word(Ui ui, String prefix, String code, String otherwise) {
        if (code != null && Messages.has(ui.locale(), prefix + code)) {
            return ui.t(prefix + code);
        }
        return ui.t(otherwise);
    }

    /** "aide accordée", "en attente d'un complément"… */
    public static String state(Ui ui, Object state) {
        return word(ui, "agent.state.", state == null ? null : state.toString(), "agent.state.other");
    }

    /** "l'agent", "la personne", "l'organisme". */
    public static String waitingOn(Ui ui, String who) {
        return word(ui, "agent.waitingOn.", who, "agent.waitingOn.other");
    }

    public static String event(Ui ui, String type) {
        return word(ui, "agent.event.", type, "agent.event.other");
    }

    public static String channel(Ui ui, Object channel) {
        return word(ui, "agent.channel.", channel == null ? null : channel.toString(), "agent.channel.other");
    }

    public static String outcome(Ui ui, String outcome) {
        return word(ui, "agent.outcome.", outcome, "agent.outcome.other");
    }

    public static String check(Ui ui, String status) {
        return word(ui, "agent.check.", status, "agent.check.other");
    }

    /** A rejection reason by its code; the service's own words when the code is new to the pages. */
    public static String rejection(Ui ui, String code, String label) {
        if (code != null && Messages.has(ui.locale(), "agent.rejection." + code)) {
            return ui.t("agent.rejection." + code);
        }
        return label == null || label.isBlank() ? ui.t("agent.rejection.OTHER") : label;
    }

    public static String complementState(Ui ui, String state) {
        return word(ui, "agent.complement.state.", state, "agent.complement.state.other");
    }

    public static String paymentStatus(Ui ui, String status) {
        return word(ui, "agent.payment.status.", status, "agent.payment.status.other");
    }

    public static String batchStatus(Ui ui, String status) {
        return word(ui, "agent.batch.status.", status, "agent.batch.status.other");
    }

    /** Who gave a document: "la personne", "son médiateur", "l'organisme de formation", "l'agent". */
    public static String source(Ui ui, String source) {
        return word(ui, "agent.source.", source, "agent.source.other");
    }

    /** Who wrote in the thread. */
    public static String role(Ui ui, String role) {
        return word(ui, "agent.role.", role, "agent.role.other");
    }

    public static String mandateMethod(Ui ui, String method) {
        return word(ui, "agent.mandateMethod.", method, "agent.mandateMethod.other");
    }

    /** Who gave a pre-filled answer ("ORGANISATION:12"): in words, or null when the person (or her mediator) did. */
    public static String answerSource(Ui ui, Map<String, String> sources, String field) {
        String source = sources == null ? null : sources.get(field);
        if (source == null) {
            return null;
        }
        var origin = org.guichet.api.scheme.AnswerSource.Origin.parse(source);
        if (origin.isPresent()) {
            // an administration's answer: who gave it and when it was fetched
            String who = ui.t("agent.answerSource." + origin.get().source().name());
            return origin.get().fetchedAt() == null ? who
                    : ui.t("agent.answerSource.fetched", who, ui.moment(origin.get().fetchedAt()));
        }
        int colon = source.indexOf(':');
        String who = colon < 0 ? source : source.substring(0, colon);
        return word(ui, "agent.answerSource.", who, "agent.answerSource.other");
    }

    /** A document's name from the scheme, in the page's language; the decision letter by its name. */
    public static String documentLabel(Ui ui, SchemeDescriptor scheme, String type) {
        if ("DECISION_LETTER".equals(type)) {
            return ui.t("agent.document.decisionLetter");
        }
        DocumentDefinition def = scheme == null || type == null ? null : scheme.document(type);
        return def == null ? ui.t("agent.document.other") : ui.in(def.label());
    }

    /** A rules' reason (eligibility) in the page's language from the scheme; as stored when the scheme has no words. */
    public static String ruleReason(Ui ui, SchemeDescriptor scheme, String code, String stored) {
        var words = scheme == null || scheme.reasons() == null || code == null ? null : scheme.reasons().get(code);
        return words != null ? ui.in(words) : stored == null ? ui.t("agent.rejection.OTHER") : stored;
    }

    /** "PDF, 12 Ko" / "PDF, 12 KB": the format read from the content, and its size. */
    public static String fileFacts(Ui ui, DossierDocument doc) {
        String type = doc.mediaType() == null ? "" : doc.mediaType();
        String format = switch (type) {
            case "application/pdf" -> "PDF";
            case "image/jpeg" -> "JPEG";
            case "image/png" -> "PNG";
            default -> ui.t("agent.document.otherFormat");
        };
        return ui.t("agent.document.facts", format, Math.max(1, (doc.size() + 1023) / 1024));
    }

    /** "3 min 20 s". */
    public static String duration(Ui ui, Long seconds) {
        return seconds == null ? ui.t("agent.call.inProgress")
                : ui.t("agent.call.duration", seconds / 60, seconds % 60);
    }
}
