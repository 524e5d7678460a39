package org.guichet.rules.engine.descriptor;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guichet.api.scheme.Choice;
import org.guichet.api.scheme.DocumentDefinition;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.api.scheme.StepDefinition;
import org.guichet.rules.facts.Param;

/**
 * Replaces {@code {parameter.name}} in the descriptor's texts by the parameter's value, written the French or
 * English way ("1 500", "1,5"; "1,500", "1.5"). So a message such as "La formation doit durer plus de
 * {training.hoursMustExceed} heures" stays true when a directorate changes the figure in its CSV.
 */
public final class TextParameters {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_.-]*)}");

    private final Map<String, BigDecimal> values = new LinkedHashMap<>();
    private final List<SchemeProblem> problems;

    private TextParameters(List<Param> params, List<SchemeProblem> problems) {
        params.forEach(p -> values.put(p.getName(), p.getValue()));
        this.problems = problems;
    }

    public static SchemeModel resolve(SchemeModel model, List<Param> params, List<SchemeProblem> problems) {
        return new TextParameters(params, problems).resolve(model);
    }

    private SchemeModel resolve(SchemeModel m) {
        SchemeDescriptor d = m.descriptor();
        List<FieldDefinition> fields = d.fields().stream().map(f -> new FieldDefinition(f.name(), f.type(), f.step(),
                t(f.label(), "field " + f.name()), t(f.help(), "field " + f.name()), f.required(), f.requiredWhen(),
                f.min(), f.minExclusive(), f.max(), f.after(),
                f.choices().stream().map(c -> new Choice(c.value(), t(c.label(), "choice " + c.value()))).toList(),
                f.decimals(), f.source(), f.sourceDatum()))
                .toList();
        List<DocumentDefinition> documents = d.documents().stream().map(doc -> new DocumentDefinition(doc.id(),
                t(doc.label(), "document " + doc.id()), t(doc.why(), "document " + doc.id()), doc.acceptedTypes(),
                doc.maxBytes(), doc.replacedBy())).toList();
        List<StepDefinition> steps = d.steps().stream().map(st -> new StepDefinition(st.id(),
                t(st.title(), "step " + st.id()), t(st.intro(), "step " + st.id()))).toList();
        SchemeDescriptor resolved = new SchemeDescriptor(d.id(), d.version(), t(d.title(), "title"),
                t(d.summary(), "summary"), t(d.description(), "description"), d.filers(), d.payee(), d.recurring(),
                fields, documents, map(d.reasons(), "reason "), steps);
        return new SchemeModel(resolved, map(m.amountLines(), "amount line "), m.packageName(), m.fieldLines(), m.validity());
    }

    private Map<String, LocalizedText> map(Map<String, LocalizedText> texts, String what) {
        Map<String, LocalizedText> out = new LinkedHashMap<>();
        texts.forEach((code, text) -> out.put(code, t(text, what + code)));
        return Collections.unmodifiableMap(out);
    }

    private LocalizedText t(LocalizedText text, String where) {
        if (text == null) {
            return null;
        }
        return new LocalizedText(replace(text.fr(), Locale.FRANCE, where),
                replace(text.en(), Locale.UK, where));
    }

    private String replace(String s, Locale locale, String where) {
        if (s == null || s.indexOf('{') < 0) {
            return s;
        }
        UnaryOperator<String> value = name -> {
            BigDecimal v = values.get(name);
            if (v == null) {
                problems.add(new SchemeProblem("DESCRIPTOR", DescriptorReader.FILE, null, "the text of " + where
                        + " mentions {" + name + "}, which is not a parameter of parameters/*.csv"));
                return "{" + name + "}";
            }
            return format(v, locale);
        };
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String format(BigDecimal v, Locale locale) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        if (Locale.FRANCE.equals(locale)) {
            symbols.setGroupingSeparator('\u00A0'); // a no-break space, as French typography wants
        }
        DecimalFormat f = new DecimalFormat("#,##0.##", symbols);
        return f.format(v);
    }
}
