package org.guichet.api.scheme;

import java.util.List;
import java.util.Objects;

/**
 * What the portal knows beyond the answers when it evaluates a dossier: the <em>portal facts</em> given to the
 * scheme's rules. {@link #ANONYMOUS} (the simulator, which knows no person) gives none; {@link #person} gives the
 * facts of the dossier's person, and the rules then also see a {@code KnownPerson} fact, so that a rule can tell
 * "no past decision" from "nobody to ask" ({@code not KnownPerson()}).
 *
 * @param knownPerson   true when the evaluation is for a dossier of a known person (portal facts present)
 * @param pastDecisions her decisions on her other dossiers, any scheme; empty when anonymous
 */
public record EvaluationContext(boolean knownPerson, List<PastDecision> pastDecisions) {
    /** The simulator's context: no person, no portal fact. */
    public static final EvaluationContext ANONYMOUS = new EvaluationContext(false, List.of());

    public EvaluationContext {
        pastDecisions = List.copyOf(Objects.requireNonNull(pastDecisions, "pastDecisions"));
        if (!knownPerson && !pastDecisions.isEmpty()) {
            throw new IllegalArgumentException("past decisions need a known person");
        }
    }

    /** The context of a dossier of a known person, with her past decisions (none is fine). */
    public static EvaluationContext person(List<PastDecision> pastDecisions) {
        return new EvaluationContext(true, pastDecisions);
    }
}
