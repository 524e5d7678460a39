package org.guichet.api.scheme;

import java.util.List;

/** A supporting document the scheme may ask for: what it is, why it is asked, what files are accepted. */
public record DocumentDefinition(String id, LocalizedText label, LocalizedText why, List<String> acceptedTypes,
        long maxBytes) { }
