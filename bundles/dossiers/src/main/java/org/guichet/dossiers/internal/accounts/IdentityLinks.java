package org.guichet.dossiers.internal.accounts;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.AccountState;
import org.guichet.api.accounts.Role;
import org.guichet.api.accounts.VerifiedIdentity;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.IdentityLinkEntity;

/**
 * The rows and rules of identities verified by a provider (V12): which identity signs in to which account, what the
 * account keeps of it, and who may sign in that way (applicants only: staff and mediators keep their password and
 * second factor, which a citizen identity provider knows nothing of).
 */
final class IdentityLinks {
    /** the SESSION.METHOD of a session opened with a verified identity (no '+': that marks a second factor) */
    static final String METHOD = "FRANCECONNECT";

    private IdentityLinks() { }

    /** What the client must have given; the provider's word is trusted only once its client checked it. */
    static void check(VerifiedIdentity identity) {
        if (identity == null || identity.subject().isBlank() || identity.subject().length() > 255
                || identity.provider().isBlank() || identity.provider().length() > 40) {
            throw GuichetException.invalid("IDENTITY_INVALID", null, "L'identité transmise est incomplète : la"
                    + " connexion n'a pas abouti. Réessayez, ou connectez-vous avec un code reçu par courriel.");
        }
        if (identity.email() == null || identity.email().isBlank()) {
            throw GuichetException.invalid("IDENTITY_EMAIL_MISSING", "email", "Le fournisseur d'identité n'a pas"
                    + " transmis d'adresse électronique : connectez-vous avec un code reçu par courriel.");
        }
    }

    static IdentityLinkEntity find(EntityManager em, VerifiedIdentity identity) {
        return em.createQuery("select l from IdentityLinkEntity l where l.provider = :p and l.subject = :s",
                IdentityLinkEntity.class).setParameter("p", identity.provider()).setParameter("s", identity.subject())
                .getResultStream().findFirst().orElse(null);
    }

    static IdentityLinkEntity linkOf(EntityManager em, String provider, long accountId) {
        return em.createQuery("select l from IdentityLinkEntity l where l.provider = :p and l.accountId = :a",
                IdentityLinkEntity.class).setParameter("p", provider).setParameter("a", accountId)
                .getResultStream().findFirst().orElse(null);
    }

    /** Inserts the link; flushed so that a concurrent twin's unique-key violation surfaces here (and is replayed). */
    static IdentityLinkEntity link(EntityManager em, AccountEntity a, VerifiedIdentity identity) {
        IdentityLinkEntity l = new IdentityLinkEntity();
        l.provider = identity.provider();
        l.subject = identity.subject();
        l.accountId = a.id;
        l.createdAt = Timestamp.from(Instant.now());
        l.lastUsedAt = l.createdAt;
        em.persist(l);
        em.flush();
        return l;
    }

    /** Only an applicant's account, not disabled, signs in or is linked with a verified identity. */
    static void mayUse(AccountEntity a) {
        if (!AccountViews.roles(a).equals(EnumSet.of(Role.APPLICANT))) {
            throw GuichetException.forbidden("IDENTITY_NOT_FOR_STAFF", "FranceConnect sert aux demandeurs. Avec un"
                    + " compte du personnel ou de médiateur, connectez-vous avec votre mot de passe ou un code reçu par"
                    + " courriel.");
        }
        if (AccountState.DISABLED.name().equals(a.state)) {
            throw GuichetException.forbidden("ACCOUNT_DISABLED", "Ce compte est désactivé. Appelez le service des aides"
                    + " de la Région.");
        }
    }

    // What is kept here becomes the dossiers' FRANCECONNECT answers (read-only, tagged with IDENTITY_VERIFIED_AT):
    // see dossiers.VerifiedAnswers, applied when a dossier is opened and when a draft's answers are saved.
    /**
     * The account keeps what the provider vouched for, as of the latest sign-in. Written only when something changed:
     * a sign-in that changes nothing leaves the account row (and its version) alone, so that sign-ins of one person
     * at once do not conflict.
     */
    static void verified(AccountEntity a, VerifiedIdentity identity) {
        String given = cut(identity.givenNames(), 200);
        String family = cut(identity.familyName(), 200);
        Date birth = identity.birthDate() == null ? null : Date.valueOf(identity.birthDate());
        String acr = cut(identity.acr(), 100);
        if (Objects.equals(given, a.givenNames) && Objects.equals(family, a.familyName)
                && Objects.equals(birth, a.birthDate) && Objects.equals(identity.provider(), a.identityProvider)
                && Objects.equals(acr, a.identityAcr)) {
            return;
        }
        a.givenNames = given;
        a.familyName = family;
        a.birthDate = birth;
        a.identityProvider = identity.provider();
        a.identityAcr = acr;
        a.identityVerifiedAt = Timestamp.from(Instant.now());
    }

    /** The identity kept on the account (the subject from its link), if any. */
    static VerifiedIdentity identity(EntityManager em, AccountEntity a) {
        IdentityLinkEntity link = a == null || a.identityProvider == null ? null : linkOf(em, a.identityProvider, a.id);
        if (link == null) {
            return null;
        }
        return new VerifiedIdentity(a.identityProvider, link.subject, a.givenNames, a.familyName,
                a.birthDate == null ? null : a.birthDate.toLocalDate(), a.email, a.identityAcr);
    }

    static GuichetException linkedElsewhere() {
        return GuichetException.conflict("IDENTITY_LINKED_ELSEWHERE", "Cette identité FranceConnect vient d'être reliée"
                + " à un autre compte. Reconnectez-vous avec FranceConnect.");
    }

    static GuichetException accountLinkedToAnother() {
        return GuichetException.conflict("ACCOUNT_LINKED_TO_ANOTHER_IDENTITY", "Ce compte est déjà relié à une autre"
                + " identité FranceConnect : connectez-vous avec un code reçu par courriel, ou appelez le service des"
                + " aides de la Région.");
    }

    private static String cut(String s, int max) {
        return s == null ? null : s.strip().substring(0, Math.min(max, s.strip().length()));
    }
}
