package org.guichet.api.dossiers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.guichet.api.activity.ActivityEvent;
import org.guichet.api.scheme.Evaluation;

/**
 * A dossier as its applicant, her mediator or an agent sees it.
 *
 * @param answerSources for each pre-filled answer, who gave it (e.g. "ORGANISATION:12"); absent means the
 *                      applicant or her mediator typed it
 * @param live          the rules on the current answers (for a DRAFT)
 * @param submitted     the evaluation stored at submission (scheme version, result, rules fired), else null
 * @param version       the optimistic-lock version, to send back with a change
 * @param test          a test dossier: opened by a staff member on the version the staff are served (a PREVIEW newer
 *                      than the ACTIVE one when there is one), never submittable, seen by her alone (since 1.2.0)
 */
public record Dossier(long id, String reference, String schemeId, String schemeVersion, String schemeTitle,
        DossierState state, PersonRef applicant, PersonRef createdBy, Long mandateId, Map<String, Object> answers,
        Map<String, String> answerSources, List<DossierDocument> documents, LiveEvaluation live,
        Evaluation submitted, Receipt receipt, List<ActivityEvent> history, long version, Instant createdAt,
        Instant updatedAt, boolean test) {
    /** A dossier that is no test dossier (the form before 1.2.0). */
    public Dossier(long id, String reference, String schemeId, String schemeVersion, String schemeTitle,
            DossierState state, PersonRef applicant, PersonRef createdBy, Long mandateId, Map<String, Object> answers,
            Map<String, String> answerSources, List<DossierDocument> documents, LiveEvaluation live,
            Evaluation submitted, Receipt receipt, List<ActivityEvent> history, long version, Instant createdAt,
            Instant updatedAt) {
        this(id, reference, schemeId, schemeVersion, schemeTitle, state, applicant, createdBy, mandateId, answers,
                answerSources, documents, live, submitted, receipt, history, version, createdAt, updatedAt, false);
    }
}
