package org.guichet.franceconnect.internal;

import java.util.Map;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;

/** Each refusal of a FranceConnect sign-in, with its stable code and the plain French the page shows. */
final class Refusals {
    private static final String AGAIN = " Vous pouvez réessayer avec FranceConnect, ou vous connecter avec un code reçu"
            + " par courriel.";

    private Refusals() { }

    static GuichetException cancelled() {
        return new GuichetException(Kind.UNAUTHENTICATED, "OIDC_CANCELLED", null, "La connexion avec FranceConnect a"
                + " été annulée : vous n'êtes pas connectée." + AGAIN);
    }

    static GuichetException providerError(String detail) {
        return new GuichetException(Kind.UNAUTHENTICATED, "OIDC_PROVIDER_ERROR", null, "FranceConnect n'a pas pu"
                + " confirmer votre identité." + AGAIN, null, Map.of("detail", String.valueOf(detail)));
    }

    static GuichetException stateUnknown() {
        return new GuichetException(Kind.UNAUTHENTICATED, "OIDC_STATE_UNKNOWN", null, "Cette réponse de FranceConnect"
                + " n'est plus valable : elle a déjà servi, elle est trop ancienne, ou elle vient d'un autre navigateur"
                + " que celui où vous avez commencé." + AGAIN);
    }

    static GuichetException tokenInvalid() {
        return new GuichetException(Kind.UNAUTHENTICATED, "OIDC_TOKEN_INVALID", null, "La réponse reçue ne porte pas"
                + " une signature valable de FranceConnect : par sécurité, elle est refusée." + AGAIN);
    }

    static GuichetException tokenExpired() {
        return new GuichetException(Kind.UNAUTHENTICATED, "OIDC_TOKEN_EXPIRED", null, "La réponse de FranceConnect"
                + " est arrivée trop tard (elle a expiré)." + AGAIN);
    }

    static GuichetException nonceMismatch() {
        return new GuichetException(Kind.UNAUTHENTICATED, "OIDC_NONCE_MISMATCH", null, "La réponse de FranceConnect"
                + " ne correspond pas à la connexion commencée ici : par sécurité, elle est refusée." + AGAIN);
    }

    static GuichetException acrInsufficient(String acr) {
        return new GuichetException(Kind.UNAUTHENTICATED, "OIDC_ACR_INSUFFICIENT", null, "Le compte utilisé avec"
                + " FranceConnect n'offre pas le niveau de sécurité demandé ici." + AGAIN, null,
                Map.of("acr", String.valueOf(acr)));
    }

    static GuichetException userInfoMismatch() {
        return new GuichetException(Kind.UNAUTHENTICATED, "OIDC_USERINFO_MISMATCH", null, "Les informations d'identité"
                + " reçues ne correspondent pas à la personne connectée : par sécurité, elles sont refusées." + AGAIN);
    }

    static GuichetException claimsMissing() {
        return new GuichetException(Kind.UNAUTHENTICATED, "OIDC_CLAIMS_MISSING", null, "FranceConnect n'a pas transmis"
                + " votre nom et votre adresse électronique : nous ne pouvons pas créer votre compte ainsi." + AGAIN);
    }

    static GuichetException unavailable() {
        return new GuichetException(Kind.UNAVAILABLE, "OIDC_UNAVAILABLE", null, "FranceConnect ne répond pas en ce"
                + " moment. Réessayez dans quelques minutes, ou connectez-vous avec un code reçu par courriel.", null,
                Map.of("retryAfterSeconds", 30));
    }
}
