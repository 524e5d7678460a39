package org.guichet.rules.facts;

import org.kie.api.runtime.rule.RuleContext;

/**
 * A supporting document the applicant must give: {@code insert(Document.of(drools, "IDENTITY"));}.
 * The id must be one of the descriptor's {@code documents}; asking twice for one document is harmless.
 */
public final class Document {
    private final String id;
    private final String rule;

    private Document(String id, String rule) {
        this.id = RuleNames.requireCode(id, "document id");
        this.rule = rule;
    }

    public static Document of(RuleContext drools, String id) {
        return new Document(id, RuleNames.of(drools));
    }

    public String getId() { return id; }

    public String getRule() { return rule; }

    @Override public String toString() { return "Document[" + id + " by " + rule + "]"; }
}
