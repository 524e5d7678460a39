package org.guichet.api.scheme;

import java.math.BigDecimal;
import java.util.List;

/**
 * A question of the form.
 *
 * @param name        the answer's key in the API and the rules (the contract)
 * @param step        the id of the step (page of the form) this question belongs to; one of the descriptor's
 *                    {@link SchemeDescriptor#steps()} when the scheme declares steps
 * @param required    always required
 * @param requiredWhen name of a BOOLEAN field: required when that answer is true
 * @param min         smallest value allowed (numbers), exclusive when {@code minExclusive}
 * @param after       name of a DATE field this date must be strictly after
 * @param decimals    DECIMAL fields: the most decimals an answer may have (2 for euros); null when any number
 * @param source      the administration that can give this answer with the applicant's consent, or null
 * @param sourceDatum which of the source's {@link AnswerSource#data()} this answer is; null when no source
 * @since 1.2.0 (decimals), 1.3.0 (source, sourceDatum)
 */
public record FieldDefinition(String name, FieldType type, String step, LocalizedText label, LocalizedText help,
        boolean required, String requiredWhen, BigDecimal min, boolean minExclusive, BigDecimal max,
        String after, List<Choice> choices, Integer decimals, AnswerSource source, String sourceDatum) {

    /** A field no administration gives (the form before 1.3.0). */
    public FieldDefinition(String name, FieldType type, String step, LocalizedText label, LocalizedText help,
            boolean required, String requiredWhen, BigDecimal min, boolean minExclusive, BigDecimal max,
            String after, List<Choice> choices, Integer decimals) {
        this(name, type, step, label, help, required, requiredWhen, min, minExclusive, max, after, choices, decimals,
                null, null);
    }

    /** A field with no limit on decimals (the form before 1.2.0). */
    public FieldDefinition(String name, FieldType type, String step, LocalizedText label, LocalizedText help,
            boolean required, String requiredWhen, BigDecimal min, boolean minExclusive, BigDecimal max,
            String after, List<Choice> choices) {
        this(name, type, step, label, help, required, requiredWhen, min, minExclusive, max, after, choices, null);
    }
}
