package org.guichet.dossiers.internal.access;

import java.time.Instant;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.error.GuichetException;

/**
 * Who may do what to a dossier, decided in one place: "may this caller, acting for whom, through which channel, do
 * this to this dossier?". Pure: the facts about the dossier are loaded by {@link DossierAccess}; the state guards
 * (what may happen <em>when</em>) are the lifecycle's, not this class's.
 *
 * <p>Someone who may not even read a dossier gets "not found", exactly as for a dossier that does not exist, so that
 * its existence does not leak; someone who may read it but not do this gets a 403 with a code saying why.
 * The full matrix is in docs/access-policy.md, kept honest by AccessPolicyTest.
 */
public final class AccessPolicy {
    /** What one wants to do. */
    public enum Action {
        /** see the dossier, its documents, thread, decisions and payments */
        READ,
        /** change answers and documents (while the dossier is a draft, or what a complement asks) */
        EDIT,
        /** send it, or answer a complement addressed to the applicant */
        SUBMIT,
        /** give it up before a decision */
        WITHDRAW,
        /** let a mandated mediator reach one of one's own dossiers */
        SHARE,
        /** write in its thread */
        POST_MESSAGE,
        /** instruct it: case file, checks, complements, notes, decisions, re-pinning, closing */
        INSTRUCT,
        /** give it to an agent */
        ASSIGN,
        /** open a phone call on it to act for the applicant */
        PHONE_HELP
    }

    /** How the caller stands towards the dossier (the first that applies). */
    public enum Standing {
        /** the applicant herself, online */
        APPLICANT,
        /** an agent acting for the applicant during an open phone call on this very dossier */
        AGENT_ON_CALL,
        /** the mediator holding the ACTIVE mandate this dossier was filed under or shared with */
        MEDIATOR,
        /** a supervisor of the dossier's scheme */
        SUPERVISOR,
        /** an agent of the dossier's scheme */
        AGENT,
        /** anyone else, including an agent on a call about another dossier or an expired call */
        NONE
    }

    /**
     * The facts the policy needs about one dossier.
     *
     * @param mandateMediatorId the mediator of the mandate the dossier was filed under or shared with
     * @param mandateActive     whether that mandate is ACTIVE now
     * @param applicantMayFile  whether the scheme lets applicants file alone (else only mediators complete it)
     * @param test              a test dossier: the staff member who opened it (its applicant) alone reaches it
     */
    public record Facts(long dossierId, long applicantId, String schemeId, DossierState state,
            Long mandateMediatorId, boolean mandateActive, Long organisationId, boolean applicantMayFile,
            boolean test) {
        /** The facts of a dossier that is no test dossier. */
        public Facts(long dossierId, long applicantId, String schemeId, DossierState state, Long mandateMediatorId,
                boolean mandateActive, Long organisationId, boolean applicantMayFile) {
            this(dossierId, applicantId, schemeId, state, mandateMediatorId, mandateActive, organisationId,
                    applicantMayFile, false);
        }
    }

    private AccessPolicy() { }

    public static Standing standing(Caller c, Facts d, Instant now) {
        if (c.assistance() != null) {
            Caller.Assistance a = c.assistance();
            boolean onThisDossier = a.dossierId() != null && a.dossierId().longValue() == d.dossierId()
                    && c.accountId() == d.applicantId() && a.endsAt() != null && now.isBefore(a.endsAt());
            return onThisDossier ? Standing.AGENT_ON_CALL : Standing.NONE;
        }
        if (c.accountId() == d.applicantId()) {
            return Standing.APPLICANT;
        }
        if (c.has(Role.MEDIATOR) && d.mandateActive() && d.mandateMediatorId() != null
                && d.mandateMediatorId().longValue() == c.accountId()) {
            return Standing.MEDIATOR;
        }
        boolean ofScheme = c.schemes() != null && c.schemes().contains(d.schemeId());
        if (ofScheme && c.has(Role.SUPERVISOR)) {
            return Standing.SUPERVISOR;
        }
        if (ofScheme && c.has(Role.AGENT)) {
            return Standing.AGENT;
        }
        return Standing.NONE;
    }

    /** Allows, or throws the refusal (404 DOSSIER_NOT_FOUND when the dossier is not even readable). */
    public static Standing require(Caller c, Action action, Facts d, Instant now) {
        Standing s = standing(c, d, now);
        if (d.test() && s != Standing.APPLICANT) {
            // a test dossier is its author's workbench: colleagues, agents on a call, mediators never see it
            throw notFound();
        }
        boolean staff = s == Standing.AGENT || s == Standing.SUPERVISOR;
        // agents see a dossier once it is submitted: a draft is the applicant's own work in progress (a phone call
        // opened on it is the way an agent helps with a draft)
        boolean readable = s == Standing.APPLICANT || s == Standing.AGENT_ON_CALL || s == Standing.MEDIATOR
                || (staff && d.state() != DossierState.DRAFT);
        if (action == Action.PHONE_HELP) {
            // the one staff action on drafts: the call is how an agent helps someone who is stuck
            if (c.assistance() == null && (s == Standing.AGENT || s == Standing.SUPERVISOR)) {
                return s;
            }
            throw notFound();
        }
        if (!readable) {
            throw notFound();
        }
        switch (action) {
            case READ, POST_MESSAGE -> {
                return s;
            }
            case EDIT, SUBMIT, WITHDRAW -> {
                if (staff) {
                    throw GuichetException.forbidden("READ_ONLY", "Les agents ne modifient pas la demande elle-même :"
                            + " pendant un appel, ouvrez l'appel sur ce dossier pour agir pour la personne.");
                }
                // giving up is always hers, even where a mediator files for her
                if (s != Standing.MEDIATOR && !d.applicantMayFile() && action != Action.WITHDRAW && !d.test()) {
                    throw GuichetException.forbidden("FILED_BY_MEDIATOR", "Cette demande est faite par votre"
                            + " conseiller ou votre conseillère : vous pouvez la suivre, c'est lui ou elle qui la"
                            + " complète.");
                }
                return s;
            }
            case SHARE -> {
                if (s != Standing.APPLICANT) {
                    throw GuichetException.forbidden("APPLICANT_ONLY", "Seule la personne qui demande l'aide décide"
                            + " qui peut voir ses demandes.");
                }
                return s;
            }
            case INSTRUCT, ASSIGN -> {
                if (!staff) {
                    throw GuichetException.forbidden("AGENT_ONLY", "Réservé aux agents instructeurs de la Région.");
                }
                if (action == Action.ASSIGN && s != Standing.SUPERVISOR) {
                    throw GuichetException.forbidden("SUPERVISOR_ONLY", "Seul un responsable d'instruction attribue"
                            + " les dossiers.");
                }
                return s;
            }
            default -> throw new IllegalArgumentException("unknown action " + action);
        }
    }

    /** An organisation (by its API key) reaches a dossier only when the dossier names it. */
    public static void requireOrganisation(long organisationId, Facts d) {
        if (d.test() || d.organisationId() == null || d.organisationId().longValue() != organisationId) {
            throw notFound();
        }
    }

    /** Whether the staff member may act on a dossier someone holds: its holder, or a supervisor of its scheme. */
    public static void requireHolder(Caller c, Standing s, Long assigneeId, String assigneeName) {
        if (s == Standing.SUPERVISOR) {
            return;
        }
        if (assigneeId == null) {
            throw GuichetException.conflict("NOT_TAKEN", "Prenez d'abord ce dossier.");
        }
        if (assigneeId.longValue() != c.accountId()) {
            throw new GuichetException(GuichetException.Kind.CONFLICT, "ALREADY_TAKEN", null, "Ce dossier est pris par "
                    + assigneeName + ".", null, java.util.Map.of("assigneeId", assigneeId, "assignee", assigneeName));
        }
    }

    /** Full history (agents' words included) only for the region's staff; others see what was done, in plain words. */
    public static boolean seesInternalHistory(Standing s) {
        return s == Standing.AGENT || s == Standing.SUPERVISOR;
    }

    public static GuichetException notFound() {
        return GuichetException.notFound("DOSSIER_NOT_FOUND", "Cette demande n'existe pas, ou vous n'y avez pas accès.");
    }
}
