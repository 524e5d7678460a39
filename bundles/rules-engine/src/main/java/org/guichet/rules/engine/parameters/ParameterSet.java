package org.guichet.rules.engine.parameters;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.guichet.rules.facts.Bracket;
import org.guichet.rules.facts.Param;

/**
 * The figures of a scheme, read from parameters/*.csv, inserted as facts into every evaluation.
 *
 * @param params     named figures
 * @param brackets   rows of every bracket table
 * @param paramWhere for each parameter name, the file and line where it is written (for problems)
 * @param tableFiles for each bracket table name, its file
 */
public record ParameterSet(List<Param> params, List<Bracket> brackets, Map<String, Location> paramWhere,
        Map<String, String> tableFiles) {

    /** Where a parameter is written. */
    public record Location(String file, int line) { }

    /** Every parameter and bracket row, as facts for a session. */
    public List<Object> facts() {
        return Stream.concat(params.stream(), brackets.stream()).map(o -> (Object) o).toList();
    }
}
