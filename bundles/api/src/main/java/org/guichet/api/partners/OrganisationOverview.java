package org.guichet.api.partners;

import java.util.List;

/** An organisation with its staff and the state of its API key: its own space and the admins' page. @since 1.2 */
public record OrganisationOverview(Organisation organisation, List<Member> members, KeyState key) { }
