package org.guichet.rules.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.rules.engine.descriptor.DescriptorReader;
import org.guichet.rules.engine.descriptor.SchemeModel;
import org.guichet.rules.engine.descriptor.TextParameters;
import org.guichet.rules.engine.drl.DrlChecks;
import org.guichet.rules.engine.drl.DrlSyntax;
import org.guichet.rules.engine.drl.DrlText;
import org.guichet.rules.engine.parameters.ParameterReader;
import org.guichet.rules.engine.parameters.ParameterSet;

/**
 * Reads, checks and compiles a scheme (scheme.yaml, parameters/*.csv, rules/*.drl). Never throws for a bad scheme:
 * the result lists every problem found, with file and line, and a scheme with any problem is not returned.
 */
public final class SchemeCompiler {
    private static final String RULES = "rules";

    public SchemeCompiler() { }

    /**
     * @param droolsClassLoader the loader Drools uses for everything; it is also set as the thread context
     *                          classloader for the duration of the call
     */
    public CompilationResult compile(SchemeSource source, ClassLoader droolsClassLoader) {
        long start = System.nanoTime();
        List<SchemeProblem> problems = new ArrayList<>();
        SchemeModel model = null;
        CompiledScheme scheme = null;
        try (ContextClassLoader ignored = ContextClassLoader.use(droolsClassLoader)) {
            model = readDescriptor(source, problems);
            ParameterSet parameters = ParameterReader.read(source, problems);
            if (model != null) {
                model = TextParameters.resolve(model, parameters.params(), problems);
            }
            List<DrlText> drls = readRules(source, problems);
            if (model != null && !drls.isEmpty()) {
                DrlChecks.check(model, parameters, drls, problems);
                scheme = DroolsBuild.build(model, parameters, buildable(model, drls, problems), droolsClassLoader,
                        problems);
            }
        } catch (RuntimeException | LinkageError e) {
            problems.add(new SchemeProblem("INTERNAL", null, null, "compiling " + source.name() + " failed: " + e));
        }
        if (!problems.isEmpty() && scheme != null) {
            scheme.close();
            scheme = null;
        }
        SchemeDescriptor descriptor = model == null ? null : model.descriptor();
        return new CompilationResult(descriptor, scheme, problems, (System.nanoTime() - start) / 1_000_000);
    }

    private static SchemeModel readDescriptor(SchemeSource source, List<SchemeProblem> problems) {
        Optional<byte[]> yaml = source.read(DescriptorReader.FILE);
        if (yaml.isEmpty()) {
            problems.add(new SchemeProblem("DESCRIPTOR", DescriptorReader.FILE, null,
                    "scheme.yaml is missing from " + source.name()));
            return null;
        }
        return DescriptorReader.read(yaml.get(), problems);
    }

    private static List<DrlText> readRules(SchemeSource source, List<SchemeProblem> problems) {
        List<DrlText> drls = new ArrayList<>();
        for (String path : source.list(RULES)) {
            if (path.endsWith(".drl")) {
                source.read(path).ifPresent(b -> drls.add(new DrlText(path, new String(b, StandardCharsets.UTF_8))));
            }
        }
        if (drls.isEmpty()) {
            problems.add(new SchemeProblem("RULES", RULES + "/", null, "no rules: put at least one .drl file in rules/"));
        }
        return drls;
    }

    /**
     * The files Drools should see. A file that does not parse, or is in another package, is reported and left
     * out: inside the build it would make every rule of the scheme fail and bury the real mistake.
     */
    private static List<DrlText> buildable(SchemeModel model, List<DrlText> drls, List<SchemeProblem> problems) {
        List<DrlText> out = new ArrayList<>();
        for (DrlText drl : drls) {
            List<SchemeProblem> syntax = DrlSyntax.check(drl);
            problems.addAll(syntax);
            if (syntax.isEmpty() && DrlChecks.inSchemePackage(model, drl)) {
                out.add(drl);
            }
        }
        return out;
    }
}
