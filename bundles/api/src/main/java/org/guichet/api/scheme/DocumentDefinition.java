package org.guichet.api.scheme;

import java.util.List;

/**
 * A supporting document the scheme may ask for: what it is, why it is asked, what files are accepted.
 *
 * @param replacedBy the fields (each with a {@link FieldDefinition#source()}) whose answers, when all of them came
 *                   from their administration, make this document unnecessary: the checklist then drops it; empty
 *                   when nothing replaces it
 * @since 1.3.0 (replacedBy)
 */
public record DocumentDefinition(String id, LocalizedText label, LocalizedText why, List<String> acceptedTypes,
        long maxBytes, List<String> replacedBy) {

    public DocumentDefinition {
        replacedBy = replacedBy == null ? List.of() : List.copyOf(replacedBy);
    }

    /** A document nothing replaces (the form before 1.3.0). */
    public DocumentDefinition(String id, LocalizedText label, LocalizedText why, List<String> acceptedTypes,
            long maxBytes) {
        this(id, label, why, acceptedTypes, maxBytes, List.of());
    }
}
