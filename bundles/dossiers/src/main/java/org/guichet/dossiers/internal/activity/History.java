package org.guichet.dossiers.internal.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichet.api.activity.ActivityEvent;
import org.guichet.api.activity.Channel;

/**
 * A dossier's history as the applicant and her mediator see it: what was done, by whom and through which channel,
 * never the agents' own words (phone-call reasons and outcomes, notes, justifications, closing reasons). An action
 * an agent made for her during a phone call says so.
 */
public final class History {
    /** events whose detail is the applicant's own matter, shown as recorded */
    static final Set<String> PUBLIC_DETAIL = Set.of("DOSSIER_CREATED", "ANSWERS_SAVED", "ANSWERS_PREFILLED",
            "DOCUMENT_ADDED", "DOCUMENT_REPLACED", "DOCUMENT_DELETED", "SUBMITTED", "COMPLEMENT_REQUESTED",
            "COMPLEMENT_ANSWERED", "MESSAGE_POSTED", "DOCUMENT_CHECKED", "PAYMENT_ISSUED", "PAID",
            "ATTENDANCE_REPORTED", "DOSSIER_WITHDRAWN", "DOSSIER_SHARED", "OFFER_ACCEPTED",
            // her consent to ask an administration, what it gave, and that it failed (connectors)
            "ADMINISTRATION_CONSENT", "ANSWERS_FROM_ADMINISTRATION", "ADMINISTRATION_FAILED");
    /** events shown with a fixed sentence instead of their detail */
    static final Map<String, String> PUBLIC_TEXT = Map.of(
            "PHONE_CALL_STARTED", "Appel avec un agent de la Région",
            "PHONE_CALL_ENDED", "Fin de l'appel avec un agent de la Région",
            "DOSSIER_TAKEN", "Un agent de la Région examine la demande",
            "DOSSIER_ASSIGNED", "Un agent de la Région examine la demande",
            "DECIDED", "Décision prise : la lettre de décision est dans l'espace",
            "DECISION_CORRECTED", "Décision corrigée : la nouvelle lettre de décision est dans l'espace",
            "SCHEME_VERSION_CHANGED", "La demande est examinée avec une nouvelle version des règles de l'aide",
            "DOSSIER_CLOSED", "Dossier clos");

    private History() { }

    public static List<ActivityEvent> forApplicant(List<ActivityEvent> all) {
        List<ActivityEvent> out = new ArrayList<>();
        for (ActivityEvent e : all) {
            String detail;
            if (PUBLIC_DETAIL.contains(e.type())) {
                detail = e.detail();
            } else if (PUBLIC_TEXT.containsKey(e.type())) {
                detail = PUBLIC_TEXT.get(e.type());
            } else {
                continue; // internal notes, releases and anything new: the region's own business
            }
            if (e.channel() == Channel.PHONE && !e.type().startsWith("PHONE_CALL")) {
                detail = "Pendant un appel, un agent de la Région a fait pour vous : " + detail;
            }
            out.add(new ActivityEvent(e.id(), e.at(), e.type(), e.actorId(), e.actorName(), e.onBehalfOfId(),
                    e.channel(), e.dossierId(), e.organisationId(), detail));
        }
        return out;
    }
}
