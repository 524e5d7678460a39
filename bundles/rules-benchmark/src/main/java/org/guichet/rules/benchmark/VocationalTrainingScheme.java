package org.guichet.rules.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.guichet.rules.engine.ClasspathSchemeSource;
import org.guichet.rules.engine.CompilationResult;
import org.guichet.rules.engine.CompiledScheme;
import org.guichet.rules.engine.DirectorySchemeSource;
import org.guichet.rules.engine.SchemeCompiler;
import org.guichet.rules.engine.SchemeSource;

/**
 * Where the benchmark reads the scheme: by default the vocational-training scheme jar that the build packed into
 * benchmarks.jar (GUICHET-INF/ on the class path); or a scheme folder, such as {@code rules/vocational-training}
 * of a work tree, to measure an edited scheme without rebuilding.
 */
public final class VocationalTrainingScheme {
    /** Classpath base of a scheme jar's files. */
    public static final String CLASSPATH_BASE = "GUICHET-INF";

    private VocationalTrainingScheme() { }

    /** @param folder a scheme folder, or blank for the scheme packed in the benchmark jar */
    public static SchemeSource source(String folder) {
        if (folder == null || folder.isBlank()) {
            ClassLoader loader = VocationalTrainingScheme.class.getClassLoader();
            if (loader.getResource(CLASSPATH_BASE + "/scheme.yaml") == null) {
                throw new IllegalStateException("no scheme on the class path under " + CLASSPATH_BASE + "/");
            }
            return new ClasspathSchemeSource(loader, CLASSPATH_BASE);
        }
        Path dir = Path.of(folder);
        if (!Files.isRegularFile(dir.resolve("scheme.yaml"))) {
            throw new IllegalArgumentException("no scheme.yaml in " + dir.toAbsolutePath()
                    + " (give a scheme folder, e.g. rules/vocational-training from the repository root)");
        }
        return new DirectorySchemeSource(dir);
    }

    public static CompilationResult compileOnce(SchemeSource source) {
        return new SchemeCompiler().compile(source, VocationalTrainingScheme.class.getClassLoader());
    }

    /** Compiles and fails loudly when the scheme does not compile or is not vocational-training. */
    public static CompiledScheme compile(String folder) {
        SchemeSource source = source(folder);
        CompilationResult result = compileOnce(source);
        if (!result.ok()) {
            throw new IllegalStateException(source.name() + " does not compile: " + result.problems());
        }
        String id = result.scheme().descriptor().id();
        if (!"vocational-training".equals(id)) {
            result.scheme().close();
            throw new IllegalStateException(source.name() + " is scheme " + id + ", not vocational-training");
        }
        return result.scheme();
    }
}
