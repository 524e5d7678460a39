package org.guichet.api.scheme;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the portal knows beyond the answers when it evaluates a dossier: the <em>portal facts</em> given to the
 * scheme's rules. {@link #ANONYMOUS} (the simulator, which knows no person) gives none; {@link #person} gives the
 * facts of the dossier's person, and the rules then also see a {@code KnownPerson} fact, so that a rule can tell
 * "no past decision" from "nobody to ask" ({@code not KnownPerson()}).
 *
 * @param knownPerson    true when the evaluation is for a dossier of a known person (portal facts present)
 * @param pastDecisions  her decisions on her other dossiers, any scheme; empty when anonymous
 * @param sourcedAnswers the answers an administration gave (field name → source); the engine drops from the
 *                       checklist every document whose {@link DocumentDefinition#replacedBy()} fields all came from
 *                       their declared source. Empty when anonymous.
 * @since 1.3.0 (sourcedAnswers)
 */
public record EvaluationContext(boolean knownPerson, List<PastDecision> pastDecisions,
        Map<String, AnswerSource> sourcedAnswers) {
    /** The simulator's context: no person, no portal fact. */
    public static final EvaluationContext ANONYMOUS = new EvaluationContext(false, List.of());

    public EvaluationContext {
        pastDecisions = List.copyOf(Objects.requireNonNull(pastDecisions, "pastDecisions"));
        sourcedAnswers = sourcedAnswers == null ? Map.of() : Map.copyOf(sourcedAnswers);
        if (!knownPerson && (!pastDecisions.isEmpty() || !sourcedAnswers.isEmpty())) {
            throw new IllegalArgumentException("past decisions and sourced answers need a known person");
        }
    }

    /** A context without sourced answers (the form before 1.3.0). */
    public EvaluationContext(boolean knownPerson, List<PastDecision> pastDecisions) {
        this(knownPerson, pastDecisions, Map.of());
    }

    /** The context of a dossier of a known person, with her past decisions (none is fine). */
    public static EvaluationContext person(List<PastDecision> pastDecisions) {
        return new EvaluationContext(true, pastDecisions);
    }

    /** The same context with the answers administrations gave. */
    public EvaluationContext withSourcedAnswers(Map<String, AnswerSource> sourced) {
        return new EvaluationContext(knownPerson, pastDecisions, sourced);
    }
}
