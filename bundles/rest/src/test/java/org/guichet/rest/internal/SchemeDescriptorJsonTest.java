package org.guichet.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.StepDefinition;
import org.junit.jupiter.api.Test;

/** GET /schemes/{id} serves the descriptor's steps with their titles, and nothing but the record's components. */
class SchemeDescriptorJsonTest {
    private static LocalizedText text(String fr, String en) {
        return new LocalizedText(fr, en);
    }

    @Test
    void theStepsAreServedWithTheirTitlesAndIntros() throws Exception {
        FieldDefinition hours = new FieldDefinition("trainingHours", FieldType.INTEGER, "training",
                text("Heures", "Hours"), null, true, null, null, false, null, null, List.of());
        SchemeDescriptor d = new SchemeDescriptor("vocational-training", "1.0.0", text("Aide", "Aid"),
                text("R", "S"), text("D", "D"), List.of("APPLICANT"), "APPLICANT", true, List.of(hours), List.of(),
                Map.of(), List.of(new StepDefinition("training", text("Votre formation", "Your training"),
                        text("Sur la convocation.", "On the notice."))));
        ObjectMapper json = ApiServer.objectMapper();
        JsonNode tree = json.readTree(json.writeValueAsString(d));

        JsonNode step = tree.path("steps").path(0);
        assertEquals("training", step.path("id").asText());
        assertEquals("Votre formation", step.path("title").path("fr").asText());
        assertEquals("Your training", step.path("title").path("en").asText());
        assertEquals("On the notice.", step.path("intro").path("en").asText());
        // the helpers (formSteps, stepCount …) are methods, not properties of the body
        Set<String> keys = new TreeSet<>();
        tree.fieldNames().forEachRemaining(keys::add);
        assertEquals(new TreeSet<>(List.of("id", "version", "title", "summary", "description", "filers", "payee",
                "recurring", "fields", "documents", "reasons", "steps")), keys);

        // a client reading the body gets the same descriptor back
        assertEquals(d, json.readValue(json.writeValueAsString(d), SchemeDescriptor.class));
    }

    @Test
    void aDescriptorWithoutDeclaredStepsServesAnEmptyList() throws Exception {
        SchemeDescriptor d = new SchemeDescriptor("x", "1.0.0", text("A", null), text("B", null), text("C", null),
                List.of("APPLICANT"), "APPLICANT", false, List.of(), List.of(), Map.of());
        ObjectMapper json = ApiServer.objectMapper();
        JsonNode tree = json.readTree(json.writeValueAsString(d));
        assertTrue(tree.path("steps").isArray());
        assertEquals(0, tree.path("steps").size());
        // a body written before steps existed reads as a descriptor without steps
        String old = "{\"id\":\"x\",\"version\":\"1.0.0\",\"title\":{\"fr\":\"A\"},\"filers\":[],\"fields\":[],"
                + "\"documents\":[],\"reasons\":{}}";
        SchemeDescriptor read = json.readValue(old, SchemeDescriptor.class);
        assertEquals(List.of(), read.steps());
        assertFalse(read.recurring());
    }
}
