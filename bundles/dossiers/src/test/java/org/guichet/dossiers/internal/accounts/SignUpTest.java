package org.guichet.dossiers.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.AnswerError;
import org.guichet.dossiers.testing.Guichet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Sign-up says every problem of the form at once, not one per try. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignUpTest {
    Guichet g;

    @BeforeAll
    void start() {
        g = new Guichet();
    }

    @AfterAll
    void stop() {
        g.close();
    }

    static List<String> problems(GuichetException e) {
        return e.errors().stream().map(p -> ((AnswerError) p).field() + ":" + ((AnswerError) p).code()).toList();
    }

    @Test
    void everyProblemIsListedAtOnceTheFirstOneLeading() {
        GuichetException e = assertThrows(GuichetException.class,
                () -> g.accounts.signUp("lea at example", "court", "x".repeat(201)));
        assertEquals(GuichetException.Kind.INVALID, e.kind());
        assertEquals("EMAIL_INVALID", e.code());
        assertEquals("email", e.field());
        assertEquals(List.of("email:EMAIL_INVALID", "displayName:NAME_TOO_LONG", "password:PASSWORD_TOO_SHORT"),
                problems(e));
        AnswerError first = (AnswerError) e.errors().get(0);
        assertEquals(e.getMessage(), first.message());
    }

    @Test
    void anEmptyFormSaysWhatIsMissing() {
        GuichetException e = assertThrows(GuichetException.class, () -> g.accounts.signUp(null, null, null));
        assertEquals(List.of("email:EMAIL_REQUIRED", "password:PASSWORD_TOO_SHORT"), problems(e));
    }

    @Test
    void oneProblemAloneKeepsItsCodeAndIsListedToo() {
        GuichetException e = assertThrows(GuichetException.class,
                () -> g.accounts.signUp("lea.seule@example.fr", "password1234", "Léa"));
        assertEquals("PASSWORD_COMMON", e.code());
        assertEquals("password", e.field());
        assertEquals(List.of("password:PASSWORD_COMMON"), problems(e));
    }

    @Test
    void anExistingAddressIsAConflictWithNoList() {
        g.accounts.signUp("deja@example.fr", "la mer est calme ce matin", "Déjà");
        GuichetException e = assertThrows(GuichetException.class,
                () -> g.accounts.signUp("deja@example.fr", "la mer est calme ce matin", "Déjà"));
        assertEquals("ACCOUNT_EXISTS", e.code());
        assertNull(e.errors());
    }
}
