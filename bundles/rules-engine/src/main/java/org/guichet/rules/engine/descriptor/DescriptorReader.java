package org.guichet.rules.engine.descriptor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.api.scheme.Choice;
import org.guichet.api.scheme.DocumentDefinition;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.api.scheme.StepDefinition;
import org.guichet.rules.engine.yaml.NodeReader;
import org.guichet.rules.engine.yaml.YamlNode;
import org.guichet.rules.engine.yaml.YamlReader;

/** Reads and checks scheme.yaml. Every problem is recorded as a DESCRIPTOR problem with its line. */
public final class DescriptorReader {
    public static final String FILE = "scheme.yaml";
    public static final List<String> DEFAULT_ACCEPTED_TYPES = List.of("application/pdf", "image/jpeg", "image/png");
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    /** A document larger than this is no supporting document; 1e30 used to overflow (found by fuzzing). */
    static final BigDecimal MAX_MAX_BYTES = BigDecimal.valueOf(1024L * 1024 * 1024);

    private static final Pattern SCHEME_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern STEP_ID = SCHEME_ID;
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z]+/[a-zA-Z0-9.+-]+");
    private static final Set<String> FILERS = Set.of("APPLICANT", "MEDIATOR");
    // DRL words that cannot name a property of the generated Answers type
    private static final Set<String> DRL_WORDS = Set.of("rule", "query", "when", "then", "end", "declare", "function",
            "global", "not", "exists", "eval", "forall", "accumulate", "collect", "from", "over", "and", "or", "in",
            "contains", "matches", "memberOf", "soundslike", "str", "salience", "init", "action", "reverse", "result",
            "entry", "window", "drools", "kcontext");

    private static final Set<String> TOP_KEYS = Set.of("id", "version", "title", "summary", "description", "filers",
            "payee", "recurring", "steps", "fields", "documents", "reasons", "amountLines", "validFrom", "validUntil",
            "referenceDate");
    private static final Set<String> FIELD_KEYS = Set.of("name", "type", "step", "label", "help", "required",
            "requiredWhen", "min", "minExclusive", "max", "after", "choices", "decimals", "source", "sourceDatum");
    private static final Set<String> STEP_KEYS = Set.of("id", "title", "intro");
    private static final Set<String> DOCUMENT_KEYS = Set.of("id", "label", "why", "acceptedTypes", "maxBytes",
            "replacedBy");

    private final NodeReader r;
    /** fields that say a source, readable or not (a wrong source is reported once, not again by replacedBy) */
    private final Set<String> sourceKeys = new java.util.HashSet<>();

    private DescriptorReader(List<SchemeProblem> problems) {
        this.r = new NodeReader("DESCRIPTOR", FILE, problems);
    }

    /** @return the model, or null when the file is unreadable or has no usable id and version */
    public static SchemeModel read(byte[] yaml, List<SchemeProblem> problems) {
        return new DescriptorReader(problems).read(yaml);
    }

    private SchemeModel read(byte[] yaml) {
        YamlReader.Result parsed = YamlReader.read(yaml);
        parsed.issues().forEach(i -> r.problem(i.line(), i.message()));
        YamlNode root = parsed.root();
        if (!parsed.readable()) {
            return null;
        }
        if (root == null || !root.isMap()) {
            r.problem(root == null ? 1 : root.line(), "scheme.yaml must be a block of keys (id, version, title ...)");
            return null;
        }
        r.checkKeys(root, "scheme.yaml", TOP_KEYS);
        String id = r.string(root, "id", true, "scheme");
        if (id != null && !SCHEME_ID.matcher(id).matches()) {
            r.problem(root.keyLine("id"), "scheme id '" + id + "' must be lower-case letters and digits separated by"
                    + " single dashes, like vocational-training");
            id = null;
        }
        String version = r.string(root, "version", true, "scheme");
        if (version != null && !VERSION.matcher(version).matches()) {
            r.problem(root.keyLine("version"), "version '" + version + "' must be three numbers like 1.0.0"
                    + " (write it in quotes if needed)");
            version = null;
        }
        LocalizedText title = r.text(root, "title", true, "scheme");
        LocalizedText summary = r.text(root, "summary", true, "scheme");
        LocalizedText description = r.text(root, "description", true, "scheme");
        List<String> filers = filers(root);
        String payee = r.string(root, "payee", true, "scheme");
        if (payee != null && !CODE.matcher(payee).matches()) {
            r.problem(root.keyLine("payee"), "payee '" + payee + "' must be a code like APPLICANT or DRIVING_SCHOOL");
        }
        boolean recurring = Boolean.TRUE.equals(r.bool(root, "recurring", "scheme"));
        SchemeModel.Validity validity = validity(root);
        Map<String, Integer> fieldLines = new HashMap<>();
        Map<String, Integer> stepKeyLines = new HashMap<>();
        List<FieldDefinition> fields = fields(root, fieldLines, stepKeyLines);
        Map<String, Integer> stepLines = new LinkedHashMap<>();
        List<StepDefinition> steps = steps(root, stepLines);
        checkSteps(root, stepLines, fields, fieldLines, stepKeyLines);
        List<DocumentDefinition> documents = documents(root);
        checkReplacements(root, documents, fields);
        Map<String, LocalizedText> reasons = codeTexts(root, "reasons");
        Map<String, LocalizedText> amountLines = codeTexts(root, "amountLines");
        if (id == null || version == null) {
            return null;
        }
        SchemeDescriptor descriptor = new SchemeDescriptor(id, version, title, summary, description, filers, payee,
                recurring, fields, documents, reasons, steps);
        return new SchemeModel(descriptor, amountLines, SchemeModel.packageName(id),
                Collections.unmodifiableMap(fieldLines), validity);
    }

    /** validFrom / validUntil (YYYY-MM-DD, validUntil not before validFrom) and the dossier's reference date. */
    private SchemeModel.Validity validity(YamlNode root) {
        java.time.LocalDate from = date(root, "validFrom");
        java.time.LocalDate until = date(root, "validUntil");
        if (from != null && until != null && until.isBefore(from)) {
            r.problem(root.keyLine("validUntil"), "validUntil " + until + " is before validFrom " + from
                    + ": the version would never be in force");
        }
        String reference = r.string(root, "referenceDate", false, "scheme");
        if (reference != null && !SchemeModel.Validity.APPLICATION_DATE.equals(reference)) {
            r.problem(root.keyLine("referenceDate"), "referenceDate '" + reference + "' is not known: use "
                    + SchemeModel.Validity.APPLICATION_DATE + " (the day the dossier is opened)");
        }
        return new SchemeModel.Validity(from, until, SchemeModel.Validity.APPLICATION_DATE);
    }

    private java.time.LocalDate date(YamlNode root, String key) {
        String text = r.string(root, key, false, "scheme");
        if (text == null) {
            return null;
        }
        try {
            if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new java.time.format.DateTimeParseException("not YYYY-MM-DD", text, 0);
            }
            return java.time.LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            r.problem(root.keyLine(key), key + " '" + text + "' must be a date written YYYY-MM-DD, like 2027-01-01");
            return null;
        }
    }

    private List<String> filers(YamlNode root) {
        List<String> filers = new ArrayList<>(new LinkedHashSet<>(r.strings(root, "filers", "scheme")));
        if (filers.isEmpty()) {
            r.problem(root.keyLine("filers"), "filers: say who may file, APPLICANT and/or MEDIATOR");
        }
        for (String f : filers) {
            if (!FILERS.contains(f)) {
                r.problem(root.keyLine("filers"), "filers: unknown filer '" + f + "' (use APPLICANT or MEDIATOR)");
            }
        }
        return List.copyOf(filers);
    }

    private List<FieldDefinition> fields(YamlNode root, Map<String, Integer> fieldLines,
            Map<String, Integer> stepKeyLines) {
        YamlNode list = root.get("fields");
        if (list == null || !list.isList() || list.items().isEmpty()) {
            r.problem(list == null ? root.line() : list.line(), "fields: the form needs a list of at least one field");
            return List.of();
        }
        Map<String, FieldDefinition> byName = new LinkedHashMap<>();
        for (YamlNode item : list.items()) {
            FieldDefinition f = field(item);
            if (f == null) {
                continue;
            }
            if (byName.containsKey(f.name())) {
                r.problem(item.line(), "field '" + f.name() + "' is defined twice (first on line "
                        + fieldLines.get(f.name()) + ")");
                continue;
            }
            byName.put(f.name(), f);
            fieldLines.put(f.name(), item.line());
            stepKeyLines.put(f.name(), item.keyLine("step"));
        }
        for (FieldDefinition f : byName.values()) {
            checkReferences(f, byName, fieldLines.get(f.name()));
        }
        return List.copyOf(byName.values());
    }

    private FieldDefinition field(YamlNode n) {
        if (!r.expectMap(n, "each field")) {
            return null;
        }
        String name = r.string(n, "name", true, "field");
        String where = "field '" + (name == null ? "?" : name) + "'";
        r.checkKeys(n, where, FIELD_KEYS);
        if (name != null && (!FIELD_NAME.matcher(name).matches() || SchemeModel.isJavaKeyword(name)
                || DRL_WORDS.contains(name))) {
            r.problem(n.keyLine("name"), where + ": a field name must start with a letter, hold only letters, digits"
                    + " and '_', and not be a reserved word of DRL or Java");
            name = null;
        }
        FieldType type = fieldType(n, where);
        LocalizedText label = r.text(n, "label", true, where);
        LocalizedText help = r.text(n, "help", false, where);
        String step = r.string(n, "step", false, where);
        boolean required = Boolean.TRUE.equals(r.bool(n, "required", where));
        String requiredWhen = r.string(n, "requiredWhen", false, where);
        if (required && requiredWhen != null) {
            r.problem(n.keyLine("requiredWhen"), where + ": use either required or requiredWhen, not both");
        }
        BigDecimal min = r.decimal(n, "min", where);
        boolean minExclusive = Boolean.TRUE.equals(r.bool(n, "minExclusive", where));
        BigDecimal max = r.decimal(n, "max", where);
        String after = r.string(n, "after", false, where);
        Integer decimals = decimals(n, where, type);
        List<Choice> choices = choices(n, where);
        if (type != null) {
            checkTypeSpecific(n, where, type, min, max, minExclusive, after, choices);
        }
        AnswerSource source = source(n, where);
        if (name != null && n.has("source")) {
            sourceKeys.add(name);
        }
        String datum = sourceDatum(n, where, type, source);
        if (name == null || type == null) {
            return null;
        }
        return new FieldDefinition(name, type, step, label, help, required, requiredWhen, min, minExclusive, max,
                after, choices, decimals, source, datum);
    }

    /** {@code source: DGFIP}: one of the administrations Guichet can ask (AnswerSource). */
    private AnswerSource source(YamlNode n, String where) {
        String s = r.string(n, "source", false, where);
        if (s == null) {
            return null;
        }
        try {
            return AnswerSource.valueOf(s);
        } catch (IllegalArgumentException e) {
            r.problem(n.keyLine("source"), where + ": unknown source '" + s + "' (use one of "
                    + Arrays.toString(AnswerSource.values()) + ")");
            return null;
        }
    }

    /** {@code sourceDatum: referenceTaxIncome}: needed with a source, one of its data, of the field's type. */
    private String sourceDatum(YamlNode n, String where, FieldType type, AnswerSource source) {
        String datum = r.string(n, "sourceDatum", false, where);
        if (source == null) {
            if (datum != null && !n.has("source")) {
                r.problem(n.keyLine("sourceDatum"), where + ": sourceDatum needs a source");
            }
            return null;
        }
        if (datum == null) {
            r.problem(n.keyLine("source"), where + ": say which datum of " + source + " it is with sourceDatum (one of "
                    + new TreeSet<>(source.data().keySet()) + ")");
            return null;
        }
        FieldType given = source.data().get(datum);
        if (given == null) {
            r.problem(n.keyLine("sourceDatum"), where + ": " + source + " gives no '" + datum + "' (it gives "
                    + new TreeSet<>(source.data().keySet()) + ")");
            return null;
        }
        if (type != null && given != type) {
            r.problem(n.keyLine("sourceDatum"), where + ": " + source + " gives '" + datum + "' as " + given
                    + ", but the field is " + type);
            return null;
        }
        return datum;
    }

    /**
     * {@code replacedBy}: each name is a field with a source; a document replaced by nothing sourced would never be
     * dropped, so a mistake here must not pass silently.
     */
    private void checkReplacements(YamlNode root, List<DocumentDefinition> documents, List<FieldDefinition> fields) {
        YamlNode list = root.get("documents");
        for (DocumentDefinition doc : documents) {
            int line = list == null ? root.line() : documentLine(list, doc.id());
            for (String name : doc.replacedBy()) {
                FieldDefinition f = fields.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
                if (f == null) {
                    r.problem(line, "document '" + doc.id() + "': replacedBy names '" + name + "', which is no field");
                } else if (f.source() == null && !sourceKeys.contains(name)) {
                    r.problem(line, "document '" + doc.id() + "': replacedBy names '" + name + "', which has no source"
                            + " (an answer the applicant types cannot replace a document)");
                }
            }
        }
    }

    private static int documentLine(YamlNode list, String id) {
        if (list.isList()) {
            for (YamlNode n : list.items()) {
                YamlNode idNode = n.isMap() ? n.get("id") : null;
                if (idNode != null && id.equals(idNode.text())) {
                    return n.keyLine("replacedBy");
                }
            }
        }
        return list.line();
    }

    /** {@code decimals: 2}: DECIMAL fields only, a whole number from 0 to 10. */
    private Integer decimals(YamlNode n, String where, FieldType type) {
        BigDecimal d = r.decimal(n, "decimals", where);
        if (d == null) {
            return null;
        }
        if (type != null && type != FieldType.DECIMAL) {
            r.problem(n.keyLine("decimals"), where + ": decimals is only for DECIMAL fields");
            return null;
        }
        if (d.stripTrailingZeros().scale() > 0 || d.signum() < 0 || d.compareTo(BigDecimal.TEN) > 0) {
            r.problem(n.keyLine("decimals"), where + ": decimals must be a whole number from 0 to 10");
            return null;
        }
        return d.intValue();
    }

    private FieldType fieldType(YamlNode n, String where) {
        String t = r.string(n, "type", true, where);
        if (t == null) {
            return null;
        }
        try {
            return FieldType.valueOf(t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            r.problem(n.keyLine("type"), where + ": unknown type '" + t
                    + "' (use DATE, INTEGER, DECIMAL, BOOLEAN, CHOICE or TEXT)");
            return null;
        }
    }

    private void checkTypeSpecific(YamlNode n, String where, FieldType type, BigDecimal min, BigDecimal max,
            boolean minExclusive, String after, List<Choice> choices) {
        boolean numeric = type == FieldType.INTEGER || type == FieldType.DECIMAL;
        if (!numeric && (min != null || max != null || n.has("minExclusive"))) {
            r.problem(n.line(), where + ": min, minExclusive and max are only for INTEGER and DECIMAL fields");
        }
        if (minExclusive && min == null) {
            r.problem(n.keyLine("minExclusive"), where + ": minExclusive needs a min");
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            r.problem(n.keyLine("max"), where + ": max (" + max.toPlainString() + ") is below min ("
                    + min.toPlainString() + ")");
        }
        if (after != null && type != FieldType.DATE) {
            r.problem(n.keyLine("after"), where + ": after is only for DATE fields");
        }
        if (type == FieldType.CHOICE && choices.isEmpty()) {
            r.problem(n.line(), where + ": a CHOICE field needs a list of choices");
        }
        if (type != FieldType.CHOICE && n.has("choices")) {
            r.problem(n.keyLine("choices"), where + ": choices are only for CHOICE fields");
        }
    }

    private List<Choice> choices(YamlNode n, String where) {
        YamlNode list = n.get("choices");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isList()) {
            r.problem(list.line(), where + ": choices must be a list of {value, label}");
            return List.of();
        }
        Map<String, Choice> byValue = new LinkedHashMap<>();
        for (YamlNode item : list.items()) {
            if (!r.expectMap(item, where + ": each choice")) {
                continue;
            }
            r.checkKeys(item, where + " choice", Set.of("value", "label"));
            String value = r.string(item, "value", true, where + " choice");
            LocalizedText label = r.text(item, "label", true, where + " choice '" + value + "'");
            if (value == null || label == null) {
                continue;
            }
            if (byValue.putIfAbsent(value, new Choice(value, label)) != null) {
                r.problem(item.line(), where + ": the choice '" + value + "' is listed twice");
            }
        }
        return List.copyOf(byValue.values());
    }

    private void checkReferences(FieldDefinition f, Map<String, FieldDefinition> byName, int line) {
        String where = "field '" + f.name() + "'";
        if (f.requiredWhen() != null) {
            FieldDefinition condition = byName.get(f.requiredWhen());
            if (condition == null || condition == f || condition.type() != FieldType.BOOLEAN) {
                r.problem(line, where + ": requiredWhen must name another BOOLEAN field, not '" + f.requiredWhen() + "'");
            }
        }
        if (f.after() != null) {
            FieldDefinition other = byName.get(f.after());
            if (other == null || other == f || other.type() != FieldType.DATE) {
                r.problem(line, where + ": after must name another DATE field, not '" + f.after() + "'");
            }
        }
    }

    /** {@code steps}: the pages of the form, in order, each with an id, a title and an optional intro. */
    private List<StepDefinition> steps(YamlNode root, Map<String, Integer> stepLines) {
        YamlNode list = root.get("steps");
        if (list == null) {
            return List.of();
        }
        if (list.isNull() || !list.isList() || list.items().isEmpty()) {
            r.problem(list.line(), "steps: list the steps of the form, each as {id, title}, or remove the key");
            return List.of();
        }
        Map<String, StepDefinition> byId = new LinkedHashMap<>();
        for (YamlNode n : list.items()) {
            if (!r.expectMap(n, "each step")) {
                continue;
            }
            String id = r.string(n, "id", true, "step");
            String where = "step '" + (id == null ? "?" : id) + "'";
            r.checkKeys(n, where, STEP_KEYS);
            if (id != null && !STEP_ID.matcher(id).matches()) {
                r.problem(n.keyLine("id"), where + ": a step id must be lower-case letters and digits separated by"
                        + " single dashes, like about-you");
                id = null;
            }
            LocalizedText title = r.text(n, "title", true, where);
            LocalizedText intro = r.text(n, "intro", false, where);
            if (id == null) {
                continue;
            }
            if (stepLines.containsKey(id)) {
                r.problem(n.line(), where + " is defined twice (first on line " + stepLines.get(id) + ")");
                continue;
            }
            stepLines.put(id, n.line());
            if (title != null) {
                byId.put(id, new StepDefinition(id, title, intro));
            }
        }
        return List.copyOf(byId.values());
    }

    /**
     * When steps are declared: every question names a declared step, every step has questions, and the questions
     * are listed step by step in the order of {@code steps} (so that a step is one page and the pages come in the
     * order written).
     */
    private void checkSteps(YamlNode root, Map<String, Integer> stepLines,
            List<FieldDefinition> fields, Map<String, Integer> fieldLines, Map<String, Integer> stepKeyLines) {
        if (stepLines.isEmpty()) {
            return; // no steps declared, or none readable (already reported)
        }
        List<String> ids = List.copyOf(stepLines.keySet());
        String declared = "(" + String.join(", ", ids) + ")";
        List<String> runs = new ArrayList<>();
        Map<String, String> firstField = new HashMap<>();
        boolean allKnown = true;
        String current = null;
        for (FieldDefinition f : fields) {
            String where = "field '" + f.name() + "'";
            if (f.step() == null) {
                r.problem(fieldLines.get(f.name()), where + ": say its step, one of the steps declared in steps "
                        + declared);
                allKnown = false;
                continue;
            }
            if (!ids.contains(f.step())) {
                r.problem(stepKeyLines.get(f.name()), where + ": step '" + f.step() + "' is not declared in steps "
                        + declared);
                allKnown = false;
                continue;
            }
            if (f.step().equals(current)) {
                continue;
            }
            if (runs.contains(f.step())) {
                String first = firstField.get(f.step());
                r.problem(fieldLines.get(f.name()), where + ": the questions of step '" + f.step() + "' must follow"
                        + " each other in fields (its first question, '" + first + "', is on line "
                        + fieldLines.get(first) + "): move this one up next to them");
                allKnown = false;
                continue;
            }
            runs.add(f.step());
            firstField.put(f.step(), f.name());
            current = f.step();
        }
        for (String id : ids) {
            if (!firstField.containsKey(id)) {
                r.problem(stepLines.get(id), "step '" + id + "' has no question: give it questions (step: " + id
                        + ") or remove it");
                allKnown = false;
            }
        }
        if (allKnown && !runs.equals(ids)) {
            r.problem(root.keyLine("steps"), "steps: list the steps in the order their questions come in fields ("
                    + String.join(", ", runs) + "), or move the questions");
        }
    }

    private List<DocumentDefinition> documents(YamlNode root) {
        YamlNode list = root.get("documents");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isList()) {
            r.problem(list.line(), "documents must be a list");
            return List.of();
        }
        Map<String, DocumentDefinition> byId = new LinkedHashMap<>();
        for (YamlNode n : list.items()) {
            if (!r.expectMap(n, "each document")) {
                continue;
            }
            String id = r.string(n, "id", true, "document");
            String where = "document '" + (id == null ? "?" : id) + "'";
            r.checkKeys(n, where, DOCUMENT_KEYS);
            if (id != null && !CODE.matcher(id).matches()) {
                r.problem(n.keyLine("id"), where + ": a document id must be a code like BANK_DETAILS");
                id = null;
            }
            LocalizedText label = r.text(n, "label", true, where);
            LocalizedText why = r.text(n, "why", true, where);
            List<String> types = n.has("acceptedTypes") ? r.strings(n, "acceptedTypes", where) : DEFAULT_ACCEPTED_TYPES;
            for (String t : types) {
                if (!MEDIA_TYPE.matcher(t).matches()) {
                    r.problem(n.keyLine("acceptedTypes"), where + ": '" + t + "' is not a file type like application/pdf");
                }
            }
            long maxBytes = maxBytes(n, where);
            List<String> replacedBy = n.has("replacedBy") ? r.strings(n, "replacedBy", where) : List.of();
            if (n.has("replacedBy") && replacedBy.isEmpty()) {
                r.problem(n.keyLine("replacedBy"), where + ": replacedBy must list the sourced fields that replace it");
            }
            if (id == null || label == null || why == null) {
                continue;
            }
            if (byId.putIfAbsent(id, new DocumentDefinition(id, label, why, List.copyOf(types), maxBytes,
                    replacedBy)) != null) {
                r.problem(n.line(), where + " is defined twice");
            }
        }
        return List.copyOf(byId.values());
    }

    private long maxBytes(YamlNode n, String where) {
        BigDecimal v = r.decimal(n, "maxBytes", where);
        if (v == null) {
            return DEFAULT_MAX_BYTES;
        }
        if (v.signum() <= 0 || v.stripTrailingZeros().scale() > 0 || v.compareTo(MAX_MAX_BYTES) > 0) {
            r.problem(n.keyLine("maxBytes"), where + ": maxBytes must be a whole number of bytes above 0 and at most "
                    + MAX_MAX_BYTES + " (1 GiB)");
            return DEFAULT_MAX_BYTES;
        }
        return v.longValueExact();
    }

    /** {@code reasons} and {@code amountLines}: CODE: {fr, en}, kept in the order written. */
    private Map<String, LocalizedText> codeTexts(YamlNode root, String key) {
        YamlNode n = root.get(key);
        Map<String, LocalizedText> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return Collections.unmodifiableMap(out);
        }
        if (!r.expectMap(n, key)) {
            return Collections.unmodifiableMap(out);
        }
        for (String code : n.keys()) {
            if (!CODE.matcher(code).matches()) {
                r.problem(n.keyLine(code), key + ": '" + code + "' must be a code like TRAINING_TOO_SHORT");
                continue;
            }
            LocalizedText text = r.text(n, code, true, key);
            if (text != null) {
                out.put(code, text);
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
