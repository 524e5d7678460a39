package org.guichet.web.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.EnrolmentOffer;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.instruction.Decision;
import org.guichet.api.letters.LetterText;
import org.guichet.api.mandates.Mandate;

/**
 * A dossier as its applicant (or her mediator) follows it: where it stands, an organisation's offer to fill in a
 * draft, who helps her with it, giving it up, the agent's requests for a complement, the decision and its letter,
 * the payments, and the messages with the agents. Each form lands back here on what happened.
 */
final class DossierPage {
    private static final List<String> NOTICES = List.of("complement", "offre", "partage", "retrait", "message");

    private final Portal portal;

    DossierPage(Portal portal) {
        this.portal = portal;
    }

    void show(Exchange x) throws IOException {
        String notice = NOTICES.stream().filter(n -> x.param(n) != null).findFirst()
                .map(n -> x.ui().t("applicant.dossier.done." + n)).orElse(null);
        render(x, 200, Map.of(), notice, Map.of());
    }

    void acceptOffer(Exchange x) throws IOException {
        long id = x.id("dossier");
        portal.dossiers().acceptOffer(x.caller(), id, x.id("enrolment"));
        x.redirect("/mes-demandes/" + id + "?offre=1#fait");
    }

    void share(Exchange x) throws IOException {
        long id = x.id("dossier");
        String m = x.param("mandateId");
        portal.dossiers().share(x.caller(), id, m == null ? null : ApplicantPages.id(m));
        x.redirect("/mes-demandes/" + id + "?partage=1#fait");
    }

    void withdraw(Exchange x) throws IOException {
        long id = x.id("dossier");
        String reason = x.param("reason");
        try {
            portal.dossiers().withdraw(x.caller(), id, reason);
            x.redirect("/mes-demandes/" + id + "?retrait=1#fait");
        } catch (GuichetException e) {
            refusedField(x, e, "reason", reason);
        }
    }

    void postMessage(Exchange x) throws IOException {
        long id = x.id("dossier");
        String body = x.param("body");
        try {
            portal.instruction().postMessage(x.caller(), id, body);
            x.redirect("/mes-demandes/" + id + "?message=1#fait");
        } catch (GuichetException e) {
            refusedField(x, e, "body", body);
        }
    }

    void answerComplement(Exchange x) throws IOException {
        long id = x.id("dossier");
        long request = x.id("request");
        String message = x.param("message");
        try {
            portal.instruction().answerComplement(x.caller(), id, request, message);
            x.redirect("/mes-demandes/" + id + "?complement=1#fait");
        } catch (GuichetException e) {
            refusedField(x, e, "message-" + request, message);
        }
    }

    void decisionLetter(Exchange x) throws IOException {
        x.send(portal.instruction().decisionLetter(x.caller(), x.id("dossier"),
                x.id("decision")));
    }

    /** A refusal about what she wrote: said at its field, with her text kept; any other refusal as a page. */
    private void refusedField(Exchange x, GuichetException e, String field, String typed) throws IOException {
        if (e.kind() != GuichetException.Kind.INVALID && e.kind() != GuichetException.Kind.CONFLICT) {
            throw e;
        }
        String at = e.kind() == GuichetException.Kind.INVALID ? field : "";
        render(x, e.kind().status(), Map.of(at, x.ui().error(e)), null, Map.of(field, typed == null ? "" : typed));
    }

    private void render(Exchange x, int status, Map<String, String> errors, String notice, Map<String, String> typed)
            throws IOException {
        Caller caller = x.caller();
        long id = x.id("dossier");
        Dossier d = portal.dossiers().get(caller, id, x.ui().locale());
        boolean draft = "DRAFT".equals(d.state().name());
        List<EnrolmentOffer> offers = List.of();
        if (draft) {
            try {
                offers = portal.dossiers().offers(caller, id);
            } catch (GuichetException e) {
                // she may read this draft but not complete it (a scheme her mediator files): nothing to offer her
            }
        }
        boolean mine = d.applicant().id() == caller.accountId() && caller.assistance() == null;
        List<Mandate> helpers = null;
        if (mine) {
            List<Mandate> given = portal.mandates().list(caller).stream().filter(m -> "ACTIVE".equals(m.state())
                    && m.applicant().id() == caller.accountId()).toList();
            if (!given.isEmpty() || d.mandateId() != null) {
                helpers = given;
            }
        }
        boolean withdrawable = draft || d.state().underInstruction();
        List<ComplementRequest> complements = portal.instruction().complements(caller, id).stream()
                .filter(r -> "OPEN".equals(r.state())).toList();
        List<Decision> decisions = portal.instruction().decisions(caller, id);
        Decision decision = decisions.isEmpty() ? null : decisions.get(decisions.size() - 1);
        // the whole letter on the page, not only in the PDF: what was decided, why, and how to ask for a review
        LetterText letter = decision == null || decision.letterDocumentId() == null ? null
                : portal.instruction().decisionLetterText(caller, id, decision.id());
        // the scheme's title in the page's language (the dossier's own is in French)
        String title = ApplicationSteps.descriptorOf(portal, d).map(scheme -> x.ui().in(scheme.title()))
                .orElse(d.schemeTitle());
        x.render(status, "applicant/dossier.jte", "d", d, "schemeTitle", title, "errors", errors, "notice", notice,
                "typed", typed, "offers", offers, "helpers", helpers, "withdrawable", withdrawable, "complements", complements,
                "decision", decision, "letter", letter, "payments", portal.payments().payments(caller, id), "messages",
                draft ? null : portal.instruction().messages(caller, id));
    }
}
