package org.guichet.rules.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.rules.engine.answers.AnswerValidator;
import org.guichet.rules.engine.descriptor.SchemeModel;
import org.guichet.rules.engine.evaluation.EvaluationAssembler;
import org.guichet.rules.engine.evaluation.FactLog;
import org.guichet.rules.facts.KnownPerson;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.type.FactType;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

/**
 * A compiled, tested-or-not scheme version ready to evaluate answers. Thread-safe: the KieBase is shared and each
 * evaluation runs in its own session, disposed at the end.
 */
public final class CompiledScheme implements AutoCloseable {
    private final SchemeModel model;
    private final KieServices services;
    private final ReleaseId releaseId;
    private final KieContainer container;
    private final KieBase kieBase;
    private final FactType answersType;
    private final List<Object> parameterFacts;
    private final ClassLoader droolsClassLoader;
    private final AnswerValidator validator;
    private final EvaluationAssembler assembler;
    private final AtomicBoolean closed = new AtomicBoolean();

    CompiledScheme(SchemeModel model, KieServices services, ReleaseId releaseId, KieContainer container,
            FactType answersType, List<Object> parameterFacts, ClassLoader droolsClassLoader) {
        this.model = model;
        this.services = services;
        this.releaseId = releaseId;
        this.container = container;
        this.kieBase = container.getKieBase();
        this.answersType = answersType;
        this.parameterFacts = List.copyOf(parameterFacts);
        this.droolsClassLoader = droolsClassLoader;
        this.validator = new AnswerValidator(model.descriptor());
        this.assembler = new EvaluationAssembler(model);
    }

    /** When this version is in force (scheme.yaml's validFrom, validUntil, referenceDate). */
    public SchemeModel.Validity validity() {
        return model.validity();
    }

    public SchemeDescriptor descriptor() {
        return model.descriptor();
    }

    /** The KieModule identity of this compilation (unique, so that versions can live side by side). */
    public ReleaseId releaseId() {
        return releaseId;
    }

    /**
     * The classloader that defines this compilation's generated types (the {@code Answers} fact): once the scheme
     * is closed and dropped, nothing may keep it reachable. Leak checks hold it weakly.
     */
    public ClassLoader rulesClassLoader() {
        return answersType.getFactClass().getClassLoader();
    }

    /**
     * @param answers as JSON decodes them (see {@link AnswerValidator})
     * @param locale  language of messages and labels; French when null
     * @throws InvalidAnswersException with every error, before any rule runs
     * @throws EvaluationFailedException when a rule fails (a scheme defect)
     */
    public Evaluation evaluate(Map<String, Object> answers, Locale locale) throws InvalidAnswersException {
        return evaluate(answers, locale, EvaluationContext.ANONYMOUS);
    }

    /**
     * As {@link #evaluate(Map, Locale)}, with the portal facts of the context ({@code KnownPerson} and
     * {@code PastDecision}) inserted next to the answers; none for {@link EvaluationContext#ANONYMOUS}.
     */
    public Evaluation evaluate(Map<String, Object> answers, Locale locale, EvaluationContext context)
            throws InvalidAnswersException {
        if (closed.get()) {
            throw new IllegalStateException("scheme " + model.descriptor().id() + " " + model.descriptor().version()
                    + " is closed");
        }
        Locale lang = locale == null ? Locale.FRENCH : locale;
        Map<String, Object> typed = validator.validate(answers, lang);
        FactLog log = new FactLog();
        try (ContextClassLoader ignored = ContextClassLoader.use(droolsClassLoader)) {
            KieSession session = kieBase.newKieSession();
            try {
                session.addEventListener((AgendaEventListener) log);
                session.addEventListener((RuleRuntimeEventListener) log);
                session.insert(answersFact(typed));
                parameterFacts.forEach(session::insert);
                KnownPerson.factsOf(context).forEach(session::insert);
                session.fireAllRules();
            } finally {
                session.dispose();
            }
        } catch (RuntimeException e) {
            String rule = log.firing() == null ? "" : " in rule '" + log.firing() + "'";
            throw new EvaluationFailedException("scheme " + model.descriptor().id() + " " + model.descriptor().version()
                    + " failed" + rule + ": " + e, e);
        }
        return assembler.assemble(log, lang, context == null ? Map.of() : context.sourcedAnswers());
    }

    private Object answersFact(Map<String, Object> typed) {
        try {
            Object fact = answersType.newInstance();
            typed.forEach((name, value) -> answersType.set(fact, name, value));
            return fact;
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot create the Answers fact", e);
        }
    }

    /** Disposes the container and removes its KieModule from the repository so its classloader can be released. */
    @Override public void close() {
        if (closed.compareAndSet(false, true)) {
            try (ContextClassLoader ignored = ContextClassLoader.use(droolsClassLoader)) {
                container.dispose();
                services.getRepository().removeKieModule(releaseId);
            }
        }
    }
}
