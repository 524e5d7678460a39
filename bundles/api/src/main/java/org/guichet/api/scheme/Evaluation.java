package org.guichet.api.scheme;

import java.util.List;

/** The one result shape of every scheme. {@code amount} is null when not eligible. */
public record Evaluation(SchemeRef scheme, boolean eligible, List<Reason> reasons,
        List<RequiredDocument> requiredDocuments, Amount amount, List<String> rulesFired) { }
