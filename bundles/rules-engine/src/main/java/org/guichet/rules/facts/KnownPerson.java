package org.guichet.rules.facts;

import java.util.List;
import org.guichet.api.scheme.EvaluationContext;
import org.kie.api.definition.type.ClassReactive;

/**
 * A portal fact: present (once) when the evaluation is for a dossier of a known person, so the portal facts
 * ({@link PastDecision} …) were given; absent in the simulator. A rule that needs portal facts says what it does
 * without them with {@code not KnownPerson()}.
 */
@ClassReactive
public final class KnownPerson {
    @Override public String toString() { return "KnownPerson"; }

    /** The facts to insert for a context: nothing for the anonymous one. */
    public static List<Object> factsOf(EvaluationContext context) {
        if (context == null || !context.knownPerson()) {
            return List.of();
        }
        List<Object> facts = new java.util.ArrayList<>();
        facts.add(new KnownPerson());
        context.pastDecisions().forEach(d -> facts.add(PastDecision.of(d)));
        return facts;
    }
}
