package org.guichet.api.scheme;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * An administration that can give an answer instead of the applicant typing it ("dites-le-nous une fois"). A scheme's
 * field names its source and the datum of that source it holds ({@link FieldDefinition#source()},
 * {@link FieldDefinition#sourceDatum()}); such an answer, once fetched, is read-only for the applicant and may replace
 * a document ({@link DocumentDefinition#replacedBy()}).
 *
 * <p>In a dossier an answer's source is written {@code SOURCE:fetchedAt} (e.g. {@code DGFIP:2026-12-02T01:30:00Z})
 * in {@code Dossier#answerSources()}; {@link #tag} writes it and {@link Origin#parse} reads it.
 *
 * @since 1.3.0
 */
public enum AnswerSource {
    /** The tax administration (API Particulier, avis d'imposition). */
    DGFIP(Map.of("noticeFound", FieldType.BOOLEAN, "referenceTaxIncome", FieldType.INTEGER,
            "taxShares", FieldType.DECIMAL)),
    /** France Travail (API Particulier, situation of a job seeker). */
    FRANCE_TRAVAIL(Map.of("registered", FieldType.BOOLEAN)),
    /** The identity FranceConnect verified at sign-in. */
    FRANCECONNECT(Map.of("birthDate", FieldType.DATE, "givenNames", FieldType.TEXT, "familyName", FieldType.TEXT));

    private final Map<String, FieldType> data;

    AnswerSource(Map<String, FieldType> data) {
        this.data = data;
    }

    /** What this source can give, each datum with the type of the answer it makes. */
    public Map<String, FieldType> data() {
        return data;
    }

    /** The tag of an answer from this source fetched at that time, as stored in a dossier's answer sources. */
    public String tag(Instant fetchedAt) {
        return name() + ":" + fetchedAt;
    }

    /** Where an answer came from, read from its tag: the administration and when it was fetched. */
    public record Origin(AnswerSource source, Instant fetchedAt) {
        /** The origin in a dossier's answer-source tag, or empty when the tag names no administration. */
        public static Optional<Origin> parse(String tag) {
            if (tag == null) {
                return Optional.empty();
            }
            int colon = tag.indexOf(':');
            String name = colon < 0 ? tag : tag.substring(0, colon);
            for (AnswerSource s : values()) {
                if (s.name().equals(name)) {
                    Instant at = null;
                    try {
                        at = colon < 0 ? null : Instant.parse(tag.substring(colon + 1));
                    } catch (DateTimeParseException e) {
                        at = null; // a tag without a readable time still says the source
                    }
                    return Optional.of(new Origin(s, at));
                }
            }
            return Optional.empty();
        }
    }
}
