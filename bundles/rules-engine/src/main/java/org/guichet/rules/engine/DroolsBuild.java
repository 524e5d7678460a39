package org.guichet.rules.engine;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.rules.engine.descriptor.DescriptorReader;
import org.guichet.rules.engine.descriptor.SchemeModel;
import org.guichet.rules.engine.drl.AnswersDeclaration;
import org.guichet.rules.engine.drl.DrlText;
import org.guichet.rules.engine.parameters.ParameterSet;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.type.FactType;
import org.kie.api.runtime.KieContainer;

/** The Drools part of compiling: KieFileSystem → KieBuilder → KieContainer, messages mapped to scheme files. */
final class DroolsBuild {
    static final String RELEASE_GROUP = "org.guichet.schemes";
    private static final String RESOURCES = "src/main/resources/";
    private static final Pattern UNKNOWN_ANSWER = Pattern.compile(
            "unable to resolve method using strict-mode: [\\w.]*\\." + AnswersDeclaration.TYPE + "\\.(\\w+)\\(\\)");

    private DroolsBuild() { }

    /** @return the compiled scheme, or null when Drools reported errors (added to {@code problems}) */
    static CompiledScheme build(SchemeModel model, ParameterSet parameters, List<DrlText> drls, ClassLoader cl,
            List<SchemeProblem> problems) {
        KieServices ks = KieServices.Factory.get();
        SchemeDescriptor d = model.descriptor();
        // unique per compilation: several versions, or the same one redeployed, live side by side
        ReleaseId releaseId = ks.newReleaseId(RELEASE_GROUP, d.id(),
                d.version() + "-" + UUID.randomUUID().toString().replace("-", ""));
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        // files go in their package's folder (Drools warns otherwise); messages are mapped back to scheme paths
        String folder = RESOURCES + model.packageName().replace('.', '/') + "/";
        Map<String, String> schemePaths = new HashMap<>();
        write(kfs, ks, folder + AnswersDeclaration.FILE_NAME, AnswersDeclaration.FILE_NAME,
                AnswersDeclaration.generate(model), schemePaths);
        for (DrlText drl : drls) {
            write(kfs, ks, folder + drl.path().replace('/', '_'), drl.path(), drl.source(), schemePaths);
        }
        KieBuilder builder = ks.newKieBuilder(kfs, cl).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            errors.forEach(m -> problems.add(toProblem(m, schemePaths)));
            ks.getRepository().removeKieModule(releaseId);
            return null;
        }
        KieContainer container = ks.newKieContainer(releaseId, cl);
        FactType answers = container.getKieBase().getFactType(model.packageName(), AnswersDeclaration.TYPE);
        if (answers == null) {
            container.dispose();
            ks.getRepository().removeKieModule(releaseId);
            problems.add(new SchemeProblem("INTERNAL", null, null, "the generated Answers type was not found"));
            return null;
        }
        return new CompiledScheme(model, ks, releaseId, container, answers, parameters.facts(), cl);
    }

    private static void write(KieFileSystem kfs, KieServices ks, String kfsPath, String schemePath, String drl,
            Map<String, String> schemePaths) {
        kfs.write(kfsPath, ks.getResources().newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8))
                .setSourcePath(schemePath));
        // Drools names a file by its KieFileSystem path, with or without src/main/resources/, or by its source path
        schemePaths.put(kfsPath, schemePath);
        schemePaths.put(kfsPath.substring(RESOURCES.length()), schemePath);
    }

    private static SchemeProblem toProblem(Message m, Map<String, String> schemePaths) {
        String path = m.getPath() == null ? null : schemePaths.getOrDefault(m.getPath(), m.getPath());
        Integer line = m.getLine() > 0 ? m.getLine() : null;
        String text = m.getText() == null ? "" : m.getText().strip();
        if (AnswersDeclaration.FILE_NAME.equals(path)) {
            return new SchemeProblem("DESCRIPTOR", DescriptorReader.FILE, null,
                    "the answers type generated from the fields does not compile: " + text);
        }
        return new SchemeProblem("RULES", path, line, explain(text));
    }

    /** The most frequent mistake, said in the author's words before Drools' own. */
    private static String explain(String text) {
        Matcher m = UNKNOWN_ANSWER.matcher(text);
        if (m.find()) {
            return "'" + m.group(1) + "' is not a field of the form: correct the name, or add the field to"
                    + " scheme.yaml. Drools says: " + text;
        }
        return text;
    }
}
