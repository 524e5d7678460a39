package org.guichet.dossiers.internal.instruction;

import org.guichet.dossiers.internal.dossiers.PortalFacts;
import java.util.Locale;
import java.util.Map;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.instruction.Reevaluation;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeUnavailableException;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.shared.EvaluationDiff;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Move;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Transition;

/** A newer version of the scheme: what it would change for a dossier, and re-pinning an undecided one to it. */
final class Reevaluations {
    private final Desk desk;
    private final EvaluationService evaluation;

    Reevaluations(Desk desk, EvaluationService evaluation) {
        this.desk = desk;
        this.evaluation = evaluation;
    }

    Reevaluation preview(EntityManager em, Caller agent, long dossierId, String version) {
        Desk.requireStaff(agent);
        return compare(em, desk.instructable(em, agent, dossierId), version);
    }

    void apply(EntityManager em, Caller agent, long dossierId, String version, String justification) {
        Desk.requireStaff(agent);
        String j = Desk.required(Desk.limit(justification, 2000, "justification"), "justification");
        DossierEntity d = desk.held(em, agent, dossierId);
        Reevaluation r = compare(em, d, version);
        if (!r.applicable()) {
            throw new GuichetException(Kind.CONFLICT, "DOSSIER_DECIDED", null, r.notApplicableBecause());
        }
        d.move(Move.of(Transition.REPIN), desk.today());
        String from = d.schemeVersion;
        d.schemeVersion = version;
        d.evaluation = Json.write(r.after());
        desk.touch(d);
        Desk.record(em, agent, d, "SCHEME_VERSION_CHANGED", "Version " + from + " → " + version + " : " + j);
    }

    private Reevaluation compare(EntityManager em, DossierEntity d, String version) {
        if (version == null || version.isBlank()) {
            throw GuichetException.invalid("VERSION_REQUIRED", "version", "Indiquez la version du dispositif.");
        }
        if (desk.schemes.registry().activeDescriptor(d.schemeId, version).isEmpty()) {
            throw new GuichetException(Kind.NOT_FOUND, "SCHEME_VERSION_NOT_ACTIVE", "version",
                    "La version " + version + " de ce dispositif n'est pas active.", null, Map.of("version", version));
        }
        Map<String, Object> answers = Json.readMap(d.answers);
        Evaluation before = Json.read(d.evaluation, Evaluation.class);
        Evaluation after;
        try {
            after = evaluation.evaluate(d.schemeId, version, answers, Locale.FRENCH, PortalFacts.of(em, d));
        } catch (InvalidAnswersException e) {
            throw new GuichetException(Kind.CONFLICT, "ANSWERS_INVALID_FOR_VERSION", "version", "Avec la version " + version
                    + ", des réponses manquent ou ne sont plus valables.", e.errors(), Map.of("version", version));
        } catch (SchemeNotFoundException | SchemeUnavailableException e) {
            throw new GuichetException(Kind.UNAVAILABLE, "SCHEME_UNAVAILABLE", "version", e.getMessage());
        }
        EvaluationDiff diff = EvaluationDiff.of(before, after);
        boolean open = d.state().underInstruction();
        return new Reevaluation(d.schemeVersion, version, before, after,
                diff.eligibilityChanged(), diff.documentsAdded(), diff.documentsDropped(), diff.amountBefore(),
                diff.amountAfter(), open,
                open ? null : "Ce dossier est déjà décidé : une nouvelle version ne le change pas. Si la décision doit"
                        + " changer, prenez une nouvelle décision motivée.");
    }
}
