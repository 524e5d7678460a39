package org.guichet.dossiers.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.guichet.api.error.GuichetException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    final PasswordPolicy policy = new PasswordPolicy();

    String code(String password, String... personal) {
        GuichetException e = assertThrows(GuichetException.class, () -> policy.check(password, personal));
        assertEquals("password", e.field());
        return e.code();
    }

    @Test
    void lengthFrom12To128() {
        assertEquals("PASSWORD_TOO_SHORT", code("court12!"));
        assertEquals("PASSWORD_TOO_SHORT", code(null));
        assertEquals("PASSWORD_TOO_LONG", code("a".repeat(129)));
        assertDoesNotThrow(() -> policy.check("une très longue phrase de passe ".repeat(4).substring(0, 128)));
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertEquals("PASSWORD_COMMON", code("password1234"));
        assertEquals("PASSWORD_COMMON", code("QWERTYUIOP12"));
    }

    @Test
    void guessablePasswordsAreRefused() {
        assertEquals("PASSWORD_GUESSABLE", code("aaaaaaaaaaaaaaaa"));
        assertEquals("PASSWORD_GUESSABLE", code("azertyuiop123456"));
        assertEquals("PASSWORD_GUESSABLE", code("lea.martin@example.fr", "lea.martin@example.fr", "Léa Martin"));
    }

    @Test
    void aSentenceOfUnrelatedWordsIsWelcome() {
        assertDoesNotThrow(() -> policy.check("jardin violet sous la pluie", "lea@example.fr", "Léa"));
        assertDoesNotThrow(() -> policy.check("cheval agrafe batterie correcte"));
    }
}
