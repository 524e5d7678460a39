package org.guichet.rules.facts;

import java.math.BigDecimal;
import org.kie.api.runtime.rule.RuleContext;

/**
 * One line of the amount (e.g. BASE, MEAL): {@code insert(Line.of(drools, "BASE", $amount));}.
 * The code must be one of the descriptor's {@code amountLines}; the engine rounds the amount to the cent.
 */
public final class Line {
    private final String code;
    private final BigDecimal amount;
    private final String rule;

    private Line(String code, BigDecimal amount, String rule) {
        this.code = RuleNames.requireCode(code, "amount line code");
        if (amount == null) {
            throw new IllegalArgumentException("amount line " + code + " has no amount");
        }
        this.amount = amount;
        this.rule = rule;
    }

    public static Line of(RuleContext drools, String code, Number amount) {
        return new Line(code, Functions.decimal(amount), RuleNames.of(drools));
    }

    public String getCode() { return code; }

    public BigDecimal getAmount() { return amount; }

    public String getRule() { return rule; }

    @Override public String toString() { return "Line[" + code + " " + amount + " by " + rule + "]"; }
}
