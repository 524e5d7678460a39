package org.guichet.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRegistry;

/** Completes installed scheme ids. */
@Service
public class SchemeIdCompleter implements Completer {
    @Reference
    SchemeRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        registry.list().stream().map(SchemeInfo::id).distinct().forEach(delegate.getStrings()::add);
        return delegate.complete(session, commandLine, candidates);
    }
}
