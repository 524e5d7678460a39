package org.guichet.store.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ConnectionSafetyTest {
    @Test
    void aRemotePostgresWithoutVerifyFullIsWarnedAbout() {
        assertNotNull(ConnectionSafety.warning("jdbc:postgresql://db.region.example:5432/guichet"));
        assertNotNull(ConnectionSafety.warning("jdbc:postgresql://10.0.0.5/guichet?sslmode=require"));
        assertNotNull(ConnectionSafety.warning("jdbc:postgresql://db.region.example/guichet?sslmode=prefer&x=verify-full"));
    }

    @Test
    void verifyFullTheSameMachineAndDerbyAreFine() {
        assertNull(ConnectionSafety.warning("jdbc:postgresql://db.region.example:5432/guichet?sslmode=verify-full"));
        assertNull(ConnectionSafety.warning("jdbc:postgresql://db.region.example/guichet?ssl=true&sslmode=verify-full&sslrootcert=/etc/ca.crt"));
        assertNull(ConnectionSafety.warning("jdbc:postgresql://127.0.0.1:5432/guichet_ci"));
        assertNull(ConnectionSafety.warning("jdbc:postgresql://localhost/guichet"));
        assertNull(ConnectionSafety.warning("jdbc:postgresql://[::1]:5432/guichet"));
        assertNull(ConnectionSafety.warning("jdbc:postgresql:guichet"));
        assertNull(ConnectionSafety.warning("jdbc:derby:/opt/guichet/data/guichet/db;create=true"));
    }
}
