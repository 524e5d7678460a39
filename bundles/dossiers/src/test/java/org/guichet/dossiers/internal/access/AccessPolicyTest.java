package org.guichet.dossiers.internal.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.access.AccessPolicy.Facts;
import org.junit.jupiter.api.Test;

/**
 * The access matrix: callers × actions × situations, written here by hand. One letter per action, in the order of
 * {@link Action#values()} (READ, EDIT, SUBMIT, WITHDRAW, SHARE, POST_MESSAGE, INSTRUCT, ASSIGN, PHONE_HELP):
 * A allowed, N 404 DOSSIER_NOT_FOUND, R 403 READ_ONLY, F 403 FILED_BY_MEDIATOR, P 403 APPLICANT_ONLY,
 * G 403 AGENT_ONLY, S 403 SUPERVISOR_ONLY. Ids above 127 throughout (boxed Long identity would break there).
 */
class AccessPolicyTest {
    static final Instant NOW = Instant.parse("2026-09-15T08:00:00Z");
    static final long DOSSIER = 1_001L;
    static final long APPLICANT = 2_001L;
    static final long MEDIATOR = 2_002L;
    static final String VT = "vocational-training";

    static Caller person(long id, Set<Role> roles, Set<String> schemes, Caller.Assistance a) {
        return new Caller(id, id + "@example.fr", "P" + id, roles, null, schemes, a);
    }

    /** The callers, by name, as they stand towards dossier 1001 of applicant 2001 (filed under mediator 2002's mandate). */
    static Map<String, Caller> callers() {
        Map<String, Caller> c = new LinkedHashMap<>();
        c.put("the applicant", person(APPLICANT, Set.of(Role.APPLICANT), Set.of(), null));
        c.put("an agent on a call on this dossier", person(APPLICANT, Set.of(Role.APPLICANT), Set.of(),
                new Caller.Assistance(3_001L, "Agent", 4_001L, DOSSIER, NOW.plusSeconds(600))));
        c.put("an agent on a call on another dossier", person(APPLICANT, Set.of(Role.APPLICANT), Set.of(),
                new Caller.Assistance(3_001L, "Agent", 4_002L, 1_002L, NOW.plusSeconds(600))));
        c.put("an agent on a call about the account only", person(APPLICANT, Set.of(Role.APPLICANT), Set.of(),
                new Caller.Assistance(3_001L, "Agent", 4_003L, null, NOW.plusSeconds(600))));
        c.put("an agent on an expired call", person(APPLICANT, Set.of(Role.APPLICANT), Set.of(),
                new Caller.Assistance(3_001L, "Agent", 4_004L, DOSSIER, NOW.minusSeconds(1))));
        c.put("the mandated mediator", person(MEDIATOR, Set.of(Role.MEDIATOR), Set.of(), null));
        c.put("another mediator", person(2_003L, Set.of(Role.MEDIATOR), Set.of(), null));
        c.put("an agent of the scheme", person(3_001L, Set.of(Role.AGENT), Set.of(VT), null));
        c.put("an agent of another scheme", person(3_002L, Set.of(Role.AGENT), Set.of("driving-licence"), null));
        c.put("a supervisor of the scheme", person(3_003L, Set.of(Role.SUPERVISOR), Set.of(VT), null));
        c.put("an admin", person(3_004L, Set.of(Role.ADMIN), Set.of(), null));
        c.put("another applicant", person(2_004L, Set.of(Role.APPLICANT), Set.of(), null));
        return c;
    }

    /** situation → caller → expected letters */
    static final Map<String, Map<String, String>> EXPECTED = new LinkedHashMap<>();

    static {
        Map<String, String> submitted = new LinkedHashMap<>();
        submitted.put("the applicant", "AAAAAAGGN");
        submitted.put("an agent on a call on this dossier", "AAAAPAGGN");
        submitted.put("an agent on a call on another dossier", "NNNNNNNNN");
        submitted.put("an agent on a call about the account only", "NNNNNNNNN");
        submitted.put("an agent on an expired call", "NNNNNNNNN");
        submitted.put("the mandated mediator", "AAAAPAGGN");
        submitted.put("another mediator", "NNNNNNNNN");
        submitted.put("an agent of the scheme", "ARRRPAASA");
        submitted.put("an agent of another scheme", "NNNNNNNNN");
        submitted.put("a supervisor of the scheme", "ARRRPAAAA");
        submitted.put("an admin", "NNNNNNNNN");
        submitted.put("another applicant", "NNNNNNNNN");
        EXPECTED.put("submitted", submitted);

        Map<String, String> draft = new LinkedHashMap<>(submitted);
        draft.put("an agent of the scheme", "NNNNNNNNA");
        draft.put("a supervisor of the scheme", "NNNNNNNNA");
        EXPECTED.put("draft (agents reach it only through a phone call)", draft);

        Map<String, String> revoked = new LinkedHashMap<>(submitted);
        revoked.put("the mandated mediator", "NNNNNNNNN");
        EXPECTED.put("submitted, the mandate revoked", revoked);

        Map<String, String> ownDossier = new LinkedHashMap<>(submitted);
        ownDossier.put("the mandated mediator", "NNNNNNNNN");
        EXPECTED.put("submitted, opened by the applicant alone (a mandate does not reach it)", ownDossier);

        Map<String, String> mediatorOnly = new LinkedHashMap<>(submitted);
        mediatorOnly.put("the applicant", "AFFAAAGGN");
        mediatorOnly.put("an agent on a call on this dossier", "AFFAPAGGN");
        EXPECTED.put("submitted, a scheme filed by mediators only", mediatorOnly);
    }

    static Facts facts(String situation) {
        return switch (situation) {
            case "submitted" -> new Facts(DOSSIER, APPLICANT, VT, DossierState.SUBMITTED, MEDIATOR, true, null, true);
            case "draft (agents reach it only through a phone call)" ->
                    new Facts(DOSSIER, APPLICANT, VT, DossierState.DRAFT, MEDIATOR, true, null, true);
            case "submitted, the mandate revoked" ->
                    new Facts(DOSSIER, APPLICANT, VT, DossierState.SUBMITTED, MEDIATOR, false, null, true);
            case "submitted, opened by the applicant alone (a mandate does not reach it)" ->
                    new Facts(DOSSIER, APPLICANT, VT, DossierState.SUBMITTED, null, false, null, true);
            case "submitted, a scheme filed by mediators only" ->
                    new Facts(DOSSIER, APPLICANT, VT, DossierState.SUBMITTED, MEDIATOR, true, null, false);
            default -> throw new IllegalArgumentException(situation);
        };
    }

    static char outcome(Caller c, Action a, Facts f) {
        try {
            AccessPolicy.require(c, a, f, NOW);
            return 'A';
        } catch (GuichetException e) {
            return switch (e.code()) {
                case "DOSSIER_NOT_FOUND" -> 'N';
                case "READ_ONLY" -> 'R';
                case "FILED_BY_MEDIATOR" -> 'F';
                case "APPLICANT_ONLY" -> 'P';
                case "AGENT_ONLY" -> 'G';
                case "SUPERVISOR_ONLY" -> 'S';
                default -> '?';
            };
        }
    }

    static String letters(Caller c, Facts f) {
        StringBuilder b = new StringBuilder();
        for (Action a : Action.values()) {
            b.append(outcome(c, a, f));
        }
        return b.toString();
    }

    @Test
    void theMatrix() {
        List<String> wrong = new ArrayList<>();
        EXPECTED.forEach((situation, rows) -> callers().forEach((who, caller) -> {
            String actual = letters(caller, facts(situation));
            if (!rows.get(who).equals(actual)) {
                wrong.add(situation + " / " + who + ": expected " + rows.get(who) + " but was " + actual);
            }
        }));
        if (!wrong.isEmpty()) {
            fail(String.join("\n", wrong));
        }
    }

    @Test
    void organisationsReachOnlyTheDossiersThatNameThem() {
        Facts named = new Facts(DOSSIER, APPLICANT, VT, DossierState.GRANTED, null, false, 5_001L, true);
        AccessPolicy.requireOrganisation(5_001L, named);
        assertEquals("DOSSIER_NOT_FOUND", code(() -> AccessPolicy.requireOrganisation(5_002L, named)));
        Facts none = new Facts(DOSSIER, APPLICANT, VT, DossierState.GRANTED, null, false, null, true);
        assertEquals("DOSSIER_NOT_FOUND", code(() -> AccessPolicy.requireOrganisation(5_001L, none)));
    }

    @Test
    void onlyTheHolderOrASupervisorActsOnATakenDossier() {
        Caller agent = person(3_001L, Set.of(Role.AGENT), Set.of(VT), null);
        AccessPolicy.requireHolder(agent, AccessPolicy.Standing.AGENT, 3_001L, "Agent");
        assertEquals("ALREADY_TAKEN", code(() -> AccessPolicy.requireHolder(agent, AccessPolicy.Standing.AGENT,
                3_009L, "Other")));
        assertEquals("NOT_TAKEN", code(() -> AccessPolicy.requireHolder(agent, AccessPolicy.Standing.AGENT, null,
                null)));
        AccessPolicy.requireHolder(person(3_003L, EnumSet.of(Role.SUPERVISOR), Set.of(VT), null),
                AccessPolicy.Standing.SUPERVISOR, 3_009L, "Other");
    }

    @Test
    void theDocumentedMatrixIsTheCodesMatrix() throws Exception {
        assertEquals(render(), org.guichet.dossiers.testing.Docs.section("access-policy.md", "access-matrix"),
                "docs/access-policy.md is out of date; the matrix from the code is:\n" + render());
    }

    static String render() {
        StringBuilder b = new StringBuilder();
        for (String situation : EXPECTED.keySet()) {
            b.append("\n\n**").append(situation.substring(0, 1).toUpperCase()).append(situation.substring(1))
                    .append("**\n\n| caller |");
            for (Action a : Action.values()) {
                b.append(' ').append(a).append(" |");
            }
            b.append("\n|---|");
            for (int i = 0; i < Action.values().length; i++) {
                b.append("---|");
            }
            callers().forEach((who, caller) -> {
                b.append("\n| ").append(who).append(" |");
                for (Action a : Action.values()) {
                    b.append(' ').append(word(outcome(caller, a, facts(situation)))).append(" |");
                }
            });
        }
        return b.toString().strip();
    }

    static String word(char c) {
        return switch (c) {
            case 'A' -> "yes";
            case 'N' -> "404";
            case 'R' -> "403 READ_ONLY";
            case 'F' -> "403 FILED_BY_MEDIATOR";
            case 'P' -> "403 APPLICANT_ONLY";
            case 'G' -> "403 AGENT_ONLY";
            case 'S' -> "403 SUPERVISOR_ONLY";
            default -> "?";
        };
    }

    static String code(Runnable r) {
        try {
            r.run();
            return "allowed";
        } catch (GuichetException e) {
            return e.code();
        }
    }
}
