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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeState;
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
    /** The date to simulate for; a dash keeps it apart from every field name a scheme may use. */
    static final String DATE = "date-simulation";
    private final Portal portal;

    SimulatorPage(Portal portal) {
        this.portal = portal;
    }

    void show(Exchange x) throws IOException {
        Version v = version(x);
        if (v == null) {
            return;
        }
        x.render(200, "simulator.jte", "d", v.d, "answers", Map.of(), "errors", v.errors(), "preview", v.preview,
                "date", v.dateText);
    }

    void evaluate(Exchange x) throws IOException {
        Version v = version(x);
        if (v == null) {
            return;
        }
        SchemeDescriptor scheme = v.d;
        Map<String, Object> typed = new LinkedHashMap<>();
        Map<String, Object> answers = new LinkedHashMap<>();
        for (FieldDefinition f : scheme.fields()) {
            String value = x.param(f.name());
            if (value != null) {
                typed.put(f.name(), value);
                answers.put(f.name(), f.type() == FieldType.DATE ? FrenchDates.toIso(value) : value);
            }
        }
        if (!v.errors().isEmpty()) {
            x.render(400, "simulator.jte", "d", scheme, "answers", typed, "errors", v.errors(), "preview", v.preview,
                    "date", v.dateText);
            return;
        }
        try {
            // the version shown is the version evaluated: the one served to this audience on that date
            Evaluation result = portal.evaluation().evaluate(scheme.id(), scheme.version(), v.date, v.audience, answers,
                    x.ui().locale(), EvaluationContext.ANONYMOUS);
            countSimulation(scheme.id());
            x.render(200, "simulator.jte", "d", scheme, "answers", typed, "errors", Map.of(), "result", result,
                    "preview", v.preview, "date", v.dateText,
                    "easier", easier(x.ui(), scheme, result, offered()));
        } catch (InvalidAnswersException e) {
            x.render(400, "simulator.jte", "d", scheme, "answers", typed, "errors", errors(x.ui(), scheme, e),
                    "preview", v.preview, "date", v.dateText);
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

    /**
     * The version the simulator shows: the one in force on the date asked (field « date », today when empty) among
     * those the visitor may see ({@link Audience#of}: staff see previews, with a banner). Null when the page already
     * answered (no version in force on that date: 503 in words).
     */
    private Version version(Exchange x) throws IOException {
        String id = x.path("scheme");
        if (id == null || !id.matches("[a-z0-9-]+")) {
            throw new Exchange.NotFound();
        }
        Audience audience = Audience.of(x.ui().caller());
        String dateText = x.param(DATE) == null ? "" : x.param(DATE).strip();
        LocalDate date = LocalDate.now();
        Map<String, String> errors = new LinkedHashMap<>();
        if (!dateText.isEmpty()) {
            try {
                date = LocalDate.parse(FrenchDates.toIso(dateText));
            } catch (DateTimeParseException e) {
                errors.put(DATE, x.ui().t("simulator.date.invalid"));
            }
        }
        SchemeRegistry registry = portal.registry();
        LocalDate day = date;
        Optional<SchemeInfo> served = registry.served(id, null, day, audience);
        Optional<SchemeDescriptor> d = served.flatMap(i -> registry.descriptor(id, i.version(), day, audience));
        if (d.isEmpty()) {
            boolean exists = registry.list().stream().anyMatch(i -> i.id().equals(id) && audience.sees(i.state()));
            if (!exists) {
                throw new Exchange.NotFound();
            }
            x.render(503, "refused.jte", "title", x.ui().t("simulator.notInForce.title"), "message",
                    x.ui().t("simulator.notInForce.text", x.ui().date(date)));
            return null;
        }
        return new Version(d.get(), served.get().state() == SchemeState.PREVIEW, date, dateText, audience, errors);
    }

    private record Version(SchemeDescriptor d, boolean preview, LocalDate date, String dateText, Audience audience,
            Map<String, String> errors) { }
}
