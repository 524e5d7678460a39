package org.guichet.dossiers.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    final PasswordHasher hasher = new PasswordHasher();

    @Test
    void argon2idPhcStringsThatVerifyOnlyTheRightPassword() {
        String hash = hasher.hash("jardin violet sous la pluie");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(hasher.verify("jardin violet sous la pluie", hash));
        assertFalse(hasher.verify("jardin violet sous la pluiE", hash));
        assertFalse(hasher.verify("", hash));
        assertNotEquals(hash, hasher.hash("jardin violet sous la pluie"), "a new salt every time");
    }

    @Test
    void aMissingOrForeignHashNeverVerifies() {
        assertFalse(hasher.verify("anything at all here", null));
        assertFalse(hasher.verify("anything at all here", "$2a$10$abcdefghijklmnopqrstuv"));
    }

    @Test
    void unicodeAndLongPassphrases() {
        String p = "Ça, c'est une phrase de passe très longue avec des accents — et des tirets ".repeat(2);
        assertTrue(hasher.verify(p, hasher.hash(p)));
    }
}
