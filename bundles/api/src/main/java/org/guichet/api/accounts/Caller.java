package org.guichet.api.accounts;

import java.util.Set;

/**
 * Who is calling, as the session proves it. Services decide everything from this, never from what a request
 * claims.
 */
public record Caller(long accountId, String email, String displayName, Set<Role> roles, Long organisationId,
        Set<String> schemes) {

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
