package org.guichet.api.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * An account as others may see it (never its password hash).
 *
 * @param organisationId the mediator's organisation, else null
 * @param schemes        the schemes an agent instructs, empty for others
 */
public record Account(long id, String email, String displayName, AccountState state, Set<Role> roles,
        Long organisationId, Set<String> schemes, Instant createdAt) {

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
