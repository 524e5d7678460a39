package org.guichet.dossiers.internal.activity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which events also go to the security log (the line itself, with no name, address or free text, is read from the
 * running distribution's data/log by DistributionLifecycleTest).
 */
class SecurityEventsTest {
    @Test
    void identityAccessAndMoneyGoToTheSecurityLogTheDaysWorkDoesNot() {
        for (String type : List.of("SIGNED_IN", "SIGN_IN_FAILED", "SIGN_IN_REFUSED_LOCKED", "ACCOUNT_DISABLED",
                "ACCOUNT_ROLES_CHANGED", "PASSWORD_CHANGED", "API_KEY_ROTATED", "API_KEY_REVOKED", "MANDATE_GIVEN",
                "MANDATE_CODE_FAILED", "DECISION_APPROVED", "DECISION_PROPOSAL_REJECTED", "PAYMENT_ISSUED", "PAID",
                "PHONE_CALL_STARTED", "SIGN_UP_OF_KNOWN_ADDRESS", "MFA_ENROLLED")) {
            assertTrue(Activity.security(type), type);
        }
        for (String type : List.of("ANSWERS_SAVED", "DOCUMENT_ADDED", "NOTE_ADDED", "MESSAGE_POSTED", "SUBMITTED")) {
            assertFalse(Activity.security(type), type);
        }
    }
}
