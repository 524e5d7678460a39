package org.guichet.rules.facts;

import org.kie.api.runtime.rule.RuleContext;

/** Reads the name of the firing rule, so every result says which rule produced it. */
final class RuleNames {
    private RuleNames() { }

    static String of(RuleContext drools) {
        if (drools == null || drools.getRule() == null) {
            throw new IllegalArgumentException("pass 'drools' (the rule context) as first argument");
        }
        return drools.getRule().getName();
    }

    static String requireCode(String code, String what) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return code;
    }
}
