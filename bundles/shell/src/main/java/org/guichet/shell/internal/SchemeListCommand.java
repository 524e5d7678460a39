package org.guichet.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRegistry;

@Command(scope = "guichet", name = "scheme-list", description = "Lists every installed aid scheme version and its state")
@Service
public class SchemeListCommand implements Action {
    @Reference
    SchemeRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Version");
        table.column("State");
        table.column("Bundle");
        table.column("Tests");
        table.column("Errors");
        table.column("Title");
        for (SchemeInfo i : registry.list()) {
            table.addRow().addContent(i.id(), i.version(), i.state(), i.bundleId(),
                    i.testsPassed() + "/" + i.testResults().size(), i.errors().size(),
                    i.title() == null ? "" : i.title().fr());
        }
        table.print(System.out);
        return null;
    }
}
