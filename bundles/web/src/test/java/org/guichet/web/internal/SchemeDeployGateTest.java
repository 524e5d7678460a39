package org.guichet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.junit.jupiter.api.Test;

/**
 * Deploying a scheme from the web runs code on the server: an admin whose session was opened without the second
 * factor is refused before the file is even read, whatever the development switch of etc/ says (the switch only
 * decides whether staff sessions need the factor; this page always does).
 */
class SchemeDeployGateTest {
    static final String CSRF = "the-browser-s-own-value-123456";

    record Answer(int status, String body, boolean fileRead) { }

    static Answer upload(Caller caller) throws Exception {
        SchemeKitPagesTest.Answer a = SchemeKitPagesTest.post(caller, SchemeAdminPages.PATH, Map.of());
        return new Answer(a.status(), a.body(), a.calls().contains("read the file"));
    }

    static Caller admin(boolean secondFactor) {
        return new Caller(1001L, "adele@region.example", "Adèle", Set.of(Role.ADMIN), null, Set.of(), null,
                secondFactor);
    }

    @Test
    void anAdminWithoutTheSecondFactorIsRefusedBeforeTheFileIsRead() throws Exception {
        Answer refused = upload(admin(false));
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("second facteur"), refused.body());
        assertFalse(refused.fileRead(), "the upload is not even read");
        assertFalse(refused.body().contains("enctype=\"multipart/form-data\""), "and no upload form is offered");
    }

    @Test
    void anAdminWithTheSecondFactorGoesOnToTheFile() throws Exception {
        // past the gate, the page reads the file; there is none here: the page says so (400), not 403
        Answer ok = upload(admin(true));
        assertTrue(ok.fileRead(), ok.body());
        assertEquals(400, ok.status(), ok.body());
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> "toString".equals(m.getName()) ? type.getSimpleName() : answer.apply(m.getName(), a));
    }

    static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
