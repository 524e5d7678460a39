package org.guichet.api.scheme;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a client needs to present a scheme and render its form.
 *
 * @param filers   who may file: APPLICANT and/or MEDIATOR
 * @param payee    who is paid: APPLICANT or a third party such as DRIVING_SCHOOL
 * @param recurring true when the aid is paid monthly
 * @param reasons  plain-language messages of the ineligibility reason codes
 * @param steps    the steps of the form as the scheme declares them, in order, each with its title; empty when the
 *                 scheme declares none (then {@link #formSteps()} derives them from the fields, without titles)
 */
public record SchemeDescriptor(String id, String version, LocalizedText title, LocalizedText summary,
        LocalizedText description, List<String> filers, String payee, boolean recurring,
        List<FieldDefinition> fields, List<DocumentDefinition> documents, Map<String, LocalizedText> reasons,
        List<StepDefinition> steps) {

    public SchemeDescriptor {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A descriptor whose scheme declares no steps (the form before steps had titles). */
    public SchemeDescriptor(String id, String version, LocalizedText title, LocalizedText summary,
            LocalizedText description, List<String> filers, String payee, boolean recurring,
            List<FieldDefinition> fields, List<DocumentDefinition> documents, Map<String, LocalizedText> reasons) {
        this(id, version, title, summary, description, filers, payee, recurring, fields, documents, reasons, List.of());
    }

    public FieldDefinition field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    public DocumentDefinition document(String docId) {
        return documents.stream().filter(d -> d.id().equals(docId)).findFirst().orElse(null);
    }

    /** The questions an administration can answer (those with a {@link FieldDefinition#source()}), in form order. */
    public List<FieldDefinition> sourcedFields() {
        return fields.stream().filter(f -> f.source() != null).toList();
    }

    /**
     * Whether that document is unnecessary given the answers administrations gave: it declares
     * {@link DocumentDefinition#replacedBy()} fields and every one of them came from its field's declared source.
     *
     * @param sourced field name → the source its answer came from
     * @since 1.3.0
     */
    public boolean documentReplaced(String docId, Map<String, AnswerSource> sourced) {
        DocumentDefinition doc = document(docId);
        if (doc == null || doc.replacedBy().isEmpty() || sourced == null) {
            return false;
        }
        for (String name : doc.replacedBy()) {
            FieldDefinition f = field(name);
            if (f == null || f.source() == null || sourced.get(name) != f.source()) {
                return false;
            }
        }
        return true;
    }

    /** The declared step of that id, or null. */
    public StepDefinition step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst().orElse(null);
    }

    /**
     * The steps of the form, in the order they are shown: the declared {@link #steps()}; when the scheme declares
     * none, one per step named by the fields, in the order of their first question, with no title (questions
     * without a step form the step {@code ""}).
     */
    public List<StepDefinition> formSteps() {
        if (!steps.isEmpty()) {
            return steps;
        }
        List<StepDefinition> derived = new ArrayList<>();
        for (FieldDefinition f : fields) {
            String id = stepOf(f);
            if (derived.stream().noneMatch(s -> s.id().equals(id))) {
                derived.add(new StepDefinition(id, null, null));
            }
        }
        return List.copyOf(derived);
    }

    /** How many steps the form has (1 to {@code stepCount()}). */
    public int stepCount() {
        return formSteps().size();
    }

    /** The questions of step n (1 for the first step), in the order of {@link #fields()}. */
    public List<FieldDefinition> stepFields(int n) {
        String id = formStep(n).id();
        return fields.stream().filter(f -> stepOf(f).equals(id)).toList();
    }

    /**
     * The title of step n (1 for the first step) in that language (French when English is missing), or null when
     * the scheme gives that step no title (a scheme that declares no steps): the page then names it itself, e.g.
     * "Questions 2".
     *
     * @throws IndexOutOfBoundsException when n is not between 1 and {@link #stepCount()}
     */
    public String stepTitle(int n, Locale locale) {
        LocalizedText t = formStep(n).title();
        return t == null ? null : t.in(locale);
    }

    /** The intro of step n (1 for the first step) in that language, or null when it has none. */
    public String stepIntro(int n, Locale locale) {
        LocalizedText t = formStep(n).intro();
        return t == null ? null : t.in(locale);
    }

    /** The number (1 for the first) of the step the question belongs to, or 0 when there is no such question. */
    public int stepNumberOf(String fieldName) {
        FieldDefinition f = field(fieldName);
        if (f == null) {
            return 0;
        }
        List<StepDefinition> all = formSteps();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(stepOf(f))) {
                return i + 1;
            }
        }
        return 0;
    }

    private StepDefinition formStep(int n) {
        List<StepDefinition> all = formSteps();
        Objects.checkIndex(n - 1, all.size());
        return all.get(n - 1);
    }

    private static String stepOf(FieldDefinition f) {
        return f.step() == null ? "" : f.step();
    }
}
