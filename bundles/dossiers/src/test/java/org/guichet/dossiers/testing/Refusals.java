package org.guichet.dossiers.testing;

import org.guichet.api.error.GuichetException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/** What the services refuse, by code. */
public final class Refusals {
    private Refusals() { }

    /** The refusal's code, failing when nothing is refused. */
    public static String code(Executable e) {
        return Assertions.assertThrows(GuichetException.class, e).code();
    }
}
