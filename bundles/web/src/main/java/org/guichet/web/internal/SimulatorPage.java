package org.guichet.web.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeUnavailableException;

/**
 * The simulator of one scheme, with no account and no cookie: the scheme's questions (from its descriptor, with
 * their help), then the answer of its rules — eligible or not and why, the amount month by month, the documents and
 * why each is asked. The evaluation is the same service the API uses.
 */
final class SimulatorPage {
    private final Portal portal;

    SimulatorPage(Portal portal) {
        this.portal = portal;
    }

    void show(Exchange x) throws IOException {
        x.render(200, "simulator.jte", "d", descriptor(x), "answers", Map.of(), "errors", Map.of());
    }

    void evaluate(Exchange x) throws IOException {
        SchemeDescriptor scheme = descriptor(x);
        Map<String, Object> typed = new LinkedHashMap<>();
        Map<String, Object> answers = new LinkedHashMap<>();
        for (FieldDefinition f : scheme.fields()) {
            String value = x.param(f.name());
            if (value != null) {
                typed.put(f.name(), value);
                answers.put(f.name(), f.type() == FieldType.DATE ? FrenchDates.toIso(value) : value);
            }
        }
        try {
            Evaluation result = portal.evaluation().evaluate(scheme.id(), scheme.version(), answers, x.ui().locale());
            countSimulation(scheme.id());
            x.render(200, "simulator.jte", "d", scheme, "answers", typed, "errors", Map.of(), "result", result);
        } catch (InvalidAnswersException e) {
            x.render(400, "simulator.jte", "d", scheme, "answers", typed, "errors", errors(x.ui(), scheme, e));
        } catch (SchemeNotFoundException | SchemeUnavailableException e) {
            throw new Exchange.NotFound();
        }
    }

    /** One finished simulation, counted anonymously for the observatory (no account, no cookie): never an error. */
    private void countSimulation(String schemeId) {
        try {
            var o = portal.observatoryOrNull();
            if (o != null) {
                o.simulated(schemeId);
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SimulatorPage.class).debug("Simulation not counted: {}", e.toString());
        }
    }

    /** Every error at once, in the order of the questions. */
    static Map<String, String> errors(Ui ui, SchemeDescriptor scheme, InvalidAnswersException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (AnswerError error : e.errors()) {
            String message = "INVALID_DATE".equals(error.code())
                    ? FrenchDates.invalidMessage(scheme.field(error.field()), ui.locale()) : error.message();
            errors.putIfAbsent(error.field(), message);
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (FieldDefinition f : scheme.fields()) {
            if (errors.containsKey(f.name())) {
                ordered.put(f.name(), errors.remove(f.name()));
            }
        }
        ordered.putAll(errors);
        return ordered;
    }

    private SchemeDescriptor descriptor(Exchange x) {
        String id = x.path("scheme");
        if (id == null || !id.matches("[a-z0-9-]+")) {
            throw new Exchange.NotFound();
        }
        return portal.registry().activeDescriptor(id, null).orElseThrow(Exchange.NotFound::new);
    }
}
