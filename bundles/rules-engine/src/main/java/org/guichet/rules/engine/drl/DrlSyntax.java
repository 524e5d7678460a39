package org.guichet.rules.engine.drl;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.guichet.api.scheme.SchemeProblem;

/**
 * Parses one DRL file alone. A file with a syntax error is left out of the build: inside Drools it would make
 * every rule of the package fail ("Unable to resolve ObjectType 'Answers'"), burying the one real mistake.
 */
public final class DrlSyntax {
    private DrlSyntax() { }

    /** The file's syntax errors; empty when it parses. */
    public static List<SchemeProblem> check(DrlText drl) {
        List<SchemeProblem> problems = new ArrayList<>();
        DrlParser parser = new DrlParser();
        try {
            parser.parse(false, new StringReader(drl.source()));
        } catch (DroolsParserException e) {
            problems.add(new SchemeProblem("RULES", drl.path(), e.getLineNumber() > 0 ? e.getLineNumber() : null,
                    e.getMessage()));
            return problems;
        }
        for (DroolsError e : parser.getErrors()) {
            int[] lines = e.getLines();
            Integer line = lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : null;
            problems.add(new SchemeProblem("RULES", drl.path(), line, e.getMessage().strip()));
        }
        return problems;
    }
}
