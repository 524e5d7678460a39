package org.guichet.rules.engine.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.guichet.api.scheme.Amount;
import org.guichet.api.scheme.AmountLine;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.api.scheme.DocumentDefinition;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.Installment;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.RequiredDocument;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeRef;
import org.guichet.rules.engine.descriptor.SchemeModel;
import org.guichet.rules.facts.Document;
import org.guichet.rules.facts.Line;
import org.guichet.rules.facts.Reason;
import org.guichet.rules.facts.Schedule;

/**
 * Builds the one result shape from what the rules inserted: texts from the descriptor in the asked language,
 * everything in descriptor order, the amount only when eligible.
 */
public final class EvaluationAssembler {
    private static final String CURRENCY = "EUR";

    private final SchemeModel model;
    private final List<String> reasonOrder;
    private final List<String> documentOrder;
    private final List<String> lineOrder;

    public EvaluationAssembler(SchemeModel model) {
        this.model = model;
        SchemeDescriptor d = model.descriptor();
        this.reasonOrder = List.copyOf(d.reasons().keySet());
        this.documentOrder = d.documents().stream().map(DocumentDefinition::id).toList();
        this.lineOrder = List.copyOf(model.amountLines().keySet());
    }

    public Evaluation assemble(FactLog log, Locale locale) {
        return assemble(log, locale, Map.of());
    }

    /**
     * @param sourced the answers administrations gave (field → source): a document the rules asked for is left out
     *                when the descriptor says those answers replace it ({@link SchemeDescriptor#documentReplaced})
     */
    public Evaluation assemble(FactLog log, Locale locale, Map<String, AnswerSource> sourced) {
        SchemeDescriptor d = model.descriptor();
        List<org.guichet.api.scheme.Reason> reasons = reasons(log.results(Reason.class), locale);
        boolean eligible = reasons.isEmpty();
        Amount amount = eligible ? amount(log.results(Line.class), log.results(Schedule.class), locale) : null;
        return new Evaluation(new SchemeRef(d.id(), d.version()), eligible, reasons,
                documents(log.results(Document.class), locale, sourced), amount, List.copyOf(log.rulesFired()));
    }

    private List<org.guichet.api.scheme.Reason> reasons(List<Reason> facts, Locale locale) {
        Map<String, Reason> firstByCode = new LinkedHashMap<>();
        facts.forEach(r -> firstByCode.putIfAbsent(r.getCode(), r));
        return sorted(firstByCode.values(), Reason::getCode, reasonOrder).stream()
                .map(r -> new org.guichet.api.scheme.Reason(r.getCode(),
                        text(model.descriptor().reasons().get(r.getCode()), locale, r.getCode()), r.getRule()))
                .toList();
    }

    private List<RequiredDocument> documents(List<Document> facts, Locale locale, Map<String, AnswerSource> sourced) {
        Map<String, Document> firstById = new LinkedHashMap<>();
        facts.stream().filter(doc -> !model.descriptor().documentReplaced(doc.getId(), sourced))
                .forEach(doc -> firstById.putIfAbsent(doc.getId(), doc));
        return sorted(firstById.values(), Document::getId, documentOrder).stream()
                .map(doc -> {
                    DocumentDefinition def = model.descriptor().document(doc.getId());
                    return new RequiredDocument(doc.getId(), text(def == null ? null : def.label(), locale, doc.getId()),
                            text(def == null ? null : def.why(), locale, ""), doc.getRule());
                })
                .toList();
    }

    /** Null when the rules produced no amount line (a scheme that only decides eligibility). */
    private Amount amount(List<Line> facts, List<Schedule> schedules, Locale locale) {
        if (facts.isEmpty()) {
            return null;
        }
        List<AmountLine> lines = sorted(facts, Line::getCode, lineOrder).stream()
                .map(l -> new AmountLine(l.getCode(), text(model.amountLines().get(l.getCode()), locale, l.getCode()),
                        l.getAmount().setScale(2, RoundingMode.HALF_UP), l.getRule()))
                .toList();
        BigDecimal sum = lines.stream().map(AmountLine::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        BigDecimal monthly = model.descriptor().recurring() ? sum : null;
        // the first schedule inserted decides; a scheme without one has no installments and its total is the sum
        List<Installment> installments = schedules.isEmpty() ? List.of() : installments(sum, schedules.get(0));
        BigDecimal total = schedules.isEmpty() ? sum : InstallmentCalculator.total(installments);
        return new Amount(CURRENCY, monthly, total, installments, lines);
    }

    private static List<Installment> installments(BigDecimal sum, Schedule s) {
        return switch (s.getKind()) {
            case MONTHLY_PRORATA -> InstallmentCalculator.monthlyProrata(sum, s.getStart(), s.getEnd());
            case ONCE -> InstallmentCalculator.once(sum, s.getStart());
        };
    }

    /** Descriptor order; codes the descriptor does not know come last, in the order the rules produced them. */
    private static <T> List<T> sorted(Collection<T> items, Function<T, String> code,
            List<String> order) {
        ToIntFunction<T> rank = t -> {
            int i = order.indexOf(code.apply(t));
            return i < 0 ? Integer.MAX_VALUE : i;
        };
        List<T> out = new ArrayList<>(items);
        out.sort(Comparator.comparingInt(rank)); // stable: equal ranks keep insertion order
        return out;
    }

    private static String text(LocalizedText t, Locale locale, String fallback) {
        return t == null ? fallback : t.in(locale);
    }
}
