package org.guichet.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/**
 * A portal fact: a decision on another dossier of the person whose dossier is evaluated (any scheme). Inserted only
 * when the portal evaluates a dossier (then with {@link KnownPerson}); never in the simulator. Rules read it with
 * {@code PastDecision(schemeId == "digital-equipment", outcome == "GRANTED", $on : decidedOn)}.
 */
@ClassReactive
public final class PastDecision {
    private final String schemeId;
    private final String schemeVersion;
    private final String outcome;
    private final LocalDate decidedOn;
    private final BigDecimal amount;

    public PastDecision(String schemeId, String schemeVersion, String outcome, LocalDate decidedOn, BigDecimal amount) {
        this.schemeId = Objects.requireNonNull(schemeId);
        this.schemeVersion = schemeVersion;
        this.outcome = Objects.requireNonNull(outcome);
        this.decidedOn = Objects.requireNonNull(decidedOn);
        this.amount = amount;
    }

    static PastDecision of(org.guichet.api.scheme.PastDecision d) {
        return new PastDecision(d.schemeId(), d.schemeVersion(), d.outcome(), d.decidedOn(), d.amount());
    }

    public String getSchemeId() { return schemeId; }

    public String getSchemeVersion() { return schemeVersion; }

    /** GRANTED or REFUSED */
    public String getOutcome() { return outcome; }

    public LocalDate getDecidedOn() { return decidedOn; }

    /** The amount granted; null when refused. */
    public BigDecimal getAmount() { return amount; }

    @Override public String toString() {
        return "PastDecision[" + schemeId + " " + schemeVersion + " " + outcome + " " + decidedOn + " " + amount + "]";
    }
}
