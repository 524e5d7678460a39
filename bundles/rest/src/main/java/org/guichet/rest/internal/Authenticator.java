package org.guichet.rest.internal;

import java.util.Locale;
import java.util.function.Supplier;
import org.guichet.api.accounts.AccountService;
import org.guichet.api.accounts.Caller;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.instruction.InstructionService;
import org.guichet.api.partners.Organisation;
import org.guichet.api.partners.PartnerService;

/**
 * Who is calling: a person with {@code Authorization: Bearer <session token>}, or a partner organisation's system
 * with {@code X-Api-Key: <key>} (or {@code Authorization: ApiKey <key>}). Nothing else is believed.
 */
final class Authenticator {
    private final Supplier<AccountService> accounts;
    private final Supplier<PartnerService> partners;
    private final Supplier<InstructionService> instruction;

    Authenticator(Supplier<AccountService> accounts, Supplier<PartnerService> partners,
            Supplier<InstructionService> instruction) {
        this.accounts = accounts;
        this.partners = partners;
        this.instruction = instruction;
    }

    /**
     * The caller, or, with {@code X-Phone-Call: <call id>} from an agent on an open call, the applicant as the agent
     * may act for her (recorded as assisted, channel PHONE).
     */
    Caller caller(String authorization, String phoneCall) {
        Caller c = caller(authorization);
        if (phoneCall == null || phoneCall.isBlank()) {
            return c;
        }
        long callId;
        try {
            callId = Long.parseLong(phoneCall.strip());
        } catch (NumberFormatException e) {
            throw GuichetException.invalid("PHONE_CALL_INVALID", "X-Phone-Call", "Numéro d'appel invalide : " + phoneCall);
        }
        return Services.require(instruction.get()).assisted(c, callId);
    }

    Caller caller(String authorization) {
        String token = credential(authorization, "bearer");
        if (token == null) {
            throw new GuichetException(Kind.UNAUTHENTICATED, "AUTHENTICATION_REQUIRED", null,
                    "Connectez-vous d'abord (en-tête Authorization: Bearer <jeton de session>).");
        }
        return Services.require(accounts.get()).authenticate(token).orElseThrow(() -> new GuichetException(
                Kind.UNAUTHENTICATED, "SESSION_EXPIRED", null,
                "Votre session est terminée ou n'existe pas : connectez-vous à nouveau."));
    }

    Organisation partner(String apiKeyHeader, String authorization) {
        String key = apiKeyHeader != null && !apiKeyHeader.isBlank() ? apiKeyHeader.strip() : credential(authorization, "apikey");
        if (key == null) {
            throw new GuichetException(Kind.UNAUTHENTICATED, "API_KEY_REQUIRED", null,
                    "Ce service est réservé aux organisations partenaires : envoyez votre clé dans l'en-tête X-Api-Key.");
        }
        return Services.require(partners.get()).authenticate(key).orElseThrow(() -> new GuichetException(
                Kind.UNAUTHENTICATED, "API_KEY_INVALID", null, "Cette clé d'API n'est pas reconnue."));
    }

    /** The token after "Bearer " (or another scheme), or null. */
    static String credential(String authorization, String scheme) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        int space = a.indexOf(' ');
        if (space < 0 || !a.substring(0, space).toLowerCase(Locale.ROOT).equals(scheme)) {
            return null;
        }
        String value = a.substring(space + 1).strip();
        return value.isEmpty() ? null : value;
    }
}
