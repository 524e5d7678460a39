package org.guichet.shell.internal;

import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.TestCaseResult;

@Command(scope = "guichet", name = "scheme-info",
        description = "Shows one scheme: state, version, bundle, errors and test pack results")
@Service
public class SchemeInfoCommand implements Action {
    @Reference
    SchemeRegistry registry;

    @Argument(index = 0, name = "id", description = "The scheme id", required = true)
    @Completion(SchemeIdCompleter.class)
    String id;

    @Option(name = "-v", aliases = "--version", description = "A given version (default: every installed version)")
    String version;

    @Override
    public Object execute() {
        PrintStream out = System.out;
        List<SchemeInfo> versions = registry.list().stream()
                .filter(i -> i.id().equals(id) && (version == null || version.equals(i.version()))).toList();
        if (versions.isEmpty()) {
            System.err.println("No scheme " + id + (version == null ? "" : " " + version) + " is installed.");
            return null;
        }
        for (SchemeInfo i : versions) {
            out.println(i.id() + " " + i.version() + " — " + (i.title() == null ? "" : i.title().fr()));
            out.println("  State:    " + i.state() + " since " + i.since());
            out.println("  Bundle:   " + i.bundleId() + " " + i.bundleSymbolicName() + " " + i.bundleVersion());
            if (i.compileMillis() != null) {
                out.println("  Compiled: " + i.compileMillis() + " ms");
            }
            out.println("  Tests:    " + i.testsPassed() + " passed of " + i.testResults().size());
            for (TestCaseResult t : i.testResults()) {
                if (!t.passed()) {
                    out.println("    FAILED " + t.name() + ": " + String.join("; ", t.failures()));
                }
            }
            if (!i.errors().isEmpty()) {
                out.println("  Errors:");
                for (SchemeProblem p : i.errors()) {
                    out.println("    " + p);
                }
            }
        }
        return null;
    }
}
