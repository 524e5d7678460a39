package org.guichet.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document and the JAX-RS resources describe the same operations, no more, no less. */
class OpenApiDocumentTest {
    static final List<Class<?>> RESOURCES = List.of(HealthResource.class, SchemeResource.class, OpenApiResource.class,
            AccountResource.class, DossierResource.class, MandateResource.class, PartnerResource.class,
            InstructionResource.class, PaymentResource.class);

    @Test
    void everyOperationIsDocumentedAndEveryDocumentedOperationExists() {
        Set<String> implemented = new TreeSet<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getMethods()) {
                String verb = verb(m);
                if (verb != null) {
                    Path p = m.getAnnotation(Path.class);
                    implemented.add(verb + " " + join(base, p == null ? "" : p.value()));
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        JsonNode paths = OpenApiResource.load().path("paths");
        paths.fieldNames().forEachRemaining(path -> paths.path(path).fieldNames()
                .forEachRemaining(verb -> documented.add(verb.toUpperCase(Locale.ROOT) + " " + path)));
        assertEquals(implemented, documented);
    }

    @Test
    void theDocumentIsOpenApi3() {
        JsonNode doc = OpenApiResource.load();
        assertTrue(doc.path("openapi").asText().startsWith("3."), doc.path("openapi").asText());
        assertEquals("/api/v1", doc.path("servers").path(0).path("url").asText());
    }

    private static String verb(Method m) {
        List<String> verbs = new ArrayList<>();
        if (m.isAnnotationPresent(GET.class)) verbs.add("GET");
        if (m.isAnnotationPresent(POST.class)) verbs.add("POST");
        if (m.isAnnotationPresent(PUT.class)) verbs.add("PUT");
        if (m.isAnnotationPresent(PATCH.class)) verbs.add("PATCH");
        if (m.isAnnotationPresent(DELETE.class)) verbs.add("DELETE");
        return verbs.isEmpty() ? null : verbs.get(0);
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
