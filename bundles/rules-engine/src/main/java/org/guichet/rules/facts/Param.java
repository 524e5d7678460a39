package org.guichet.rules.facts;

import java.math.BigDecimal;
import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/**
 * A named figure from a {@code parameters/*.csv} file with header {@code name,value}. Rules read it with
 * {@code Param(name == "meal.monthly", $meal : value)}, so changing a figure never needs a DRL edit.
 */
// never modified: class reactivity is exact and keeps Drools from warning about covers($x)
@ClassReactive
public final class Param {
    private final String name;
    private final BigDecimal value;

    public Param(String name, BigDecimal value) {
        this.name = Objects.requireNonNull(name);
        this.value = Objects.requireNonNull(value);
    }

    public String getName() { return name; }

    public BigDecimal getValue() { return value; }

    @Override public String toString() { return "Param[" + name + "=" + value.toPlainString() + "]"; }
}
