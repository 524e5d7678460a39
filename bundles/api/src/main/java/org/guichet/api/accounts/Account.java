package org.guichet.api.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * An account as others may see it (never its password hash).
 *
 * @param organisationId the mediator's organisation, else null
 * @param schemes        the schemes an agent instructs, empty for others
 * @param language       the language of the person's mails and letters: {@code fr} or {@code en}
 */
public record Account(long id, String email, String displayName, AccountState state, Set<Role> roles,
        Long organisationId, Set<String> schemes, Instant createdAt, String language) {

    /** The languages mails and letters are written in; French is the reference. */
    public static final Set<String> LANGUAGES = Set.of("fr", "en");

    public Account {
        language = language(language);
    }

    /** An account in French (the form before accounts had a language). */
    public Account(long id, String email, String displayName, AccountState state, Set<Role> roles,
            Long organisationId, Set<String> schemes, Instant createdAt) {
        this(id, email, displayName, state, roles, organisationId, schemes, createdAt, "fr");
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** {@code en} for English (en, en-GB, EN …), else {@code fr}: a language we do not write in falls back to French. */
    public static String language(String requested) {
        if (requested == null) {
            return "fr";
        }
        String l = requested.strip().toLowerCase(java.util.Locale.ROOT);
        return l.equals("en") || l.startsWith("en-") || l.startsWith("en_") ? "en" : "fr";
    }
}
