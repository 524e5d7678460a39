package org.guichet.rules.engine.drl;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.rules.engine.descriptor.DescriptorReader;
import org.guichet.rules.engine.descriptor.SchemeModel;
import org.guichet.rules.engine.parameters.ParameterSet;

/**
 * Checks between the DRL files and the rest of the scheme that Drools cannot make, because its compiler sees
 * codes and parameter names only as strings: a misspelt one would make a rule silently never apply.
 */
public final class DrlChecks {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern REASON = Pattern.compile("\\bReason\\s*\\.\\s*of\\s*\\(\\s*drools\\s*,\\s*\"([^\"]*)\"");
    private static final Pattern DOCUMENT = Pattern.compile("\\bDocument\\s*\\.\\s*of\\s*\\(\\s*drools\\s*,\\s*\"([^\"]*)\"");
    private static final Pattern LINE = Pattern.compile("\\bLine\\s*\\.\\s*of\\s*\\(\\s*drools\\s*,\\s*\"([^\"]*)\"");
    private static final Pattern PARAM = Pattern.compile("\\bParam\\s*\\(\\s*name\\s*==\\s*\"([^\"]*)\"");
    private static final Pattern BRACKET = Pattern.compile("\\bBracket\\s*\\(\\s*table\\s*==\\s*\"([^\"]*)\"");
    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"");

    private DrlChecks() { }

    public static void check(SchemeModel model, ParameterSet parameters, List<DrlText> files,
            List<SchemeProblem> problems) {
        for (DrlText drl : files) {
            checkPackage(model, drl, problems);
            checkCodes(drl, REASON, model.descriptor().reasons()::containsKey, "reason code",
                    "scheme.yaml 'reasons'", problems);
            checkCodes(drl, DOCUMENT, id -> model.descriptor().document(id) != null, "document",
                    "scheme.yaml 'documents'", problems);
            checkCodes(drl, LINE, model.amountLines()::containsKey, "amount line",
                    "scheme.yaml 'amountLines'", problems);
            checkCodes(drl, PARAM, parameters.paramWhere()::containsKey, "parameter", "parameters/*.csv", problems);
            checkCodes(drl, BRACKET, parameters.tableFiles()::containsKey, "bracket table",
                    "parameters/ (a file <table>.csv)", problems);
        }
        checkUnusedFields(model, files, problems);
        checkUnusedParameters(parameters, files, problems);
    }

    private static void checkPackage(SchemeModel model, DrlText drl, List<SchemeProblem> problems) {
        Matcher m = PACKAGE.matcher(drl.code());
        if (!m.find()) {
            problems.add(new SchemeProblem("RULES", drl.path(), 1,
                    "the file must start with 'package " + model.packageName() + ";'"));
        } else if (!m.group(1).equals(model.packageName())) {
            problems.add(new SchemeProblem("RULES", drl.path(), drl.lineAt(m.start(1)), "the package is '" + m.group(1)
                    + "' but the rules of scheme '" + model.descriptor().id() + "' must be in package "
                    + model.packageName()));
        }
    }

    /** True when the file declares the scheme's package (else {@link #check} reports it). */
    public static boolean inSchemePackage(SchemeModel model, DrlText drl) {
        Matcher m = PACKAGE.matcher(drl.code());
        return m.find() && m.group(1).equals(model.packageName());
    }

    private static void checkCodes(DrlText drl, Pattern call, Predicate<String> known, String what, String where,
            List<SchemeProblem> problems) {
        Matcher m = call.matcher(drl.withoutComments());
        while (m.find()) {
            if (!known.test(m.group(1))) {
                problems.add(new SchemeProblem("RULES", drl.path(), drl.lineAt(m.start(1)),
                        "unknown " + what + " '" + m.group(1) + "': it must be defined in " + where));
            }
        }
    }

    /** We do not ask people useless questions: every field must be read by at least one rule. */
    private static void checkUnusedFields(SchemeModel model, List<DrlText> files, List<SchemeProblem> problems) {
        for (FieldDefinition f : model.descriptor().fields()) {
            String cap = Character.toUpperCase(f.name().charAt(0)) + f.name().substring(1);
            Pattern use = Pattern.compile("\\b(" + Pattern.quote(f.name()) + "|get" + Pattern.quote(cap) + "|is"
                    + Pattern.quote(cap) + ")\\b");
            boolean used = files.stream().anyMatch(d -> use.matcher(d.code()).find());
            if (!used) {
                Integer line = model.fieldLines().get(f.name());
                problems.add(new SchemeProblem("FIELD", DescriptorReader.FILE, line,
                        "the form asks for '" + f.name() + "' but no rule uses it: remove the field or use it in a rule"));
            }
        }
    }

    /** A figure no rule reads would mislead whoever edits it: changing it would change nothing. */
    private static void checkUnusedParameters(ParameterSet parameters, List<DrlText> files,
            List<SchemeProblem> problems) {
        Set<String> literals = new HashSet<>();
        for (DrlText d : files) {
            Matcher m = STRING.matcher(d.withoutComments());
            while (m.find()) {
                literals.add(m.group(1));
            }
        }
        for (Map.Entry<String, ParameterSet.Location> p : parameters.paramWhere().entrySet()) {
            if (!literals.contains(p.getKey())) {
                problems.add(new SchemeProblem("PARAMETERS", p.getValue().file(), p.getValue().line(),
                        "parameter '" + p.getKey() + "' is used by no rule: changing it would change nothing"));
            }
        }
        for (Map.Entry<String, String> t : parameters.tableFiles().entrySet()) {
            if (!literals.contains(t.getKey())) {
                problems.add(new SchemeProblem("PARAMETERS", t.getValue(), null,
                        "bracket table '" + t.getKey() + "' is used by no rule: changing it would change nothing"));
            }
        }
    }
}
