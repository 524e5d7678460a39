package org.guichet.web.internal;

import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichet.api.connectors.AdministrationData;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.api.scheme.DocumentDefinition;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.RequiredDocument;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeUnavailableException;

/**
 * The simulator of one scheme, with no account and no cookie: the scheme's questions (from its descriptor, with
 * their help), then the answer of its rules — eligible or not and why, the amount month by month, the documents and
 * why each is asked. The evaluation is the same service the API uses.
 */
public final class SimulatorPage {
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
            x.render(200, "simulator.jte", "d", scheme, "answers", typed, "errors", Map.of(), "result", result,
                    "easier", easier(x.ui(), scheme, result, offered()));
        } catch (InvalidAnswersException e) {
            x.render(400, "simulator.jte", "d", scheme, "answers", typed, "errors", errors(x.ui(), scheme, e));
        } catch (SchemeNotFoundException | SchemeUnavailableException e) {
            throw new Exchange.NotFound();
        }
    }

    /**
     * What signing in and consenting would spare her, derived from the descriptor alone (the simulator stays
     * anonymous and asks nobody anything): the answers an offered administration would fill, and the documents of
     * this result that those answers replace.
     *
     * @param answers each "question — who gives it"
     */
    public record Easier(List<String> answers, List<String> documents) { }

    /**
     * The administrations the portal can ask: the connectors switched on, and the FranceConnect sign-in only while it
     * is configured (its IdentityProvider service is there): promising it otherwise would send her to a missing button.
     */
    Set<AnswerSource> offered() {
        Set<AnswerSource> out = EnumSet.noneOf(AnswerSource.class);
        if (portal.franceConnectOrNull() != null) {
            out.add(AnswerSource.FRANCECONNECT);
        }
        AdministrationData connectors = portal.connectorsOrNull();
        if (connectors != null) {
            out.addAll(connectors.available());
        }
        return out;
    }

    /** Null when nothing would be easier (no question of the scheme names an offered administration). */
    static Easier easier(Ui ui, SchemeDescriptor d, Evaluation result, Set<AnswerSource> offered) {
        List<String> answers = d.sourcedFields().stream().filter(f -> offered.contains(f.source()))
                .map(f -> ui.t("simulator.easier.answer", ui.in(f.label()), ui.t("source.who." + f.source().name())))
                .toList();
        if (answers.isEmpty()) {
            return null;
        }
        List<String> documents = result.requiredDocuments().stream().filter(r -> {
            DocumentDefinition doc = d.document(r.id());
            return doc != null && !doc.replacedBy().isEmpty() && doc.replacedBy().stream()
                    .allMatch(n -> d.field(n) != null && offered.contains(d.field(n).source()));
        }).map(RequiredDocument::label).toList();
        return new Easier(answers, documents);
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
