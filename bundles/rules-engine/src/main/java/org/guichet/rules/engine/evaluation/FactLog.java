package org.guichet.rules.engine.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.guichet.rules.facts.Document;
import org.guichet.rules.facts.Line;
import org.guichet.rules.facts.Reason;
import org.guichet.rules.facts.Schedule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

/**
 * Records, for one evaluation, the rules fired in firing order and the result facts (reasons, documents, lines,
 * schedules) in insertion order: a session returns its facts in no particular order.
 */
public final class FactLog extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
    private final List<String> rulesFired = new ArrayList<>();
    private final List<Object> results = new ArrayList<>();
    private String firing;

    @Override public void beforeMatchFired(BeforeMatchFiredEvent event) {
        firing = event.getMatch().getRule().getName();
    }

    @Override public void afterMatchFired(AfterMatchFiredEvent event) {
        rulesFired.add(event.getMatch().getRule().getName());
        firing = null;
    }

    @Override public void objectInserted(ObjectInsertedEvent event) {
        Object o = event.getObject();
        if (o instanceof Reason || o instanceof Document || o instanceof Line || o instanceof Schedule) {
            results.add(o);
        }
    }

    @Override public void objectUpdated(ObjectUpdatedEvent event) {
        // result facts are immutable
    }

    @Override public void objectDeleted(ObjectDeletedEvent event) {
        Object o = event.getOldObject();
        results.removeIf(r -> r == o);
    }

    public List<String> rulesFired() { return rulesFired; }

    /** The rule whose consequence is running (or failed), null between rules. */
    public String firing() { return firing; }

    public <T> List<T> results(Class<T> type) {
        return results.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
