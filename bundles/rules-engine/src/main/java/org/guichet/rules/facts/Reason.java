package org.guichet.rules.facts;

import org.kie.api.runtime.rule.RuleContext;

/**
 * A failed eligibility condition, inserted by a rule: {@code insert(Reason.of(drools, "TRAINING_TOO_SHORT"));}.
 * The code must be one of the descriptor's {@code reasons}; the engine looks up the message.
 */
public final class Reason {
    private final String code;
    private final String rule;

    private Reason(String code, String rule) {
        this.code = RuleNames.requireCode(code, "reason code");
        this.rule = rule;
    }

    public static Reason of(RuleContext drools, String code) {
        return new Reason(code, RuleNames.of(drools));
    }

    public String getCode() { return code; }

    public String getRule() { return rule; }

    @Override public String toString() { return "Reason[" + code + " by " + rule + "]"; }
}
