package org.guichet.rules.engine.descriptor;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.SchemeDescriptor;

/**
 * What the engine knows from scheme.yaml: the public descriptor plus what only the engine needs (the amount line
 * labels, the DRL package, where each field is written).
 *
 * @param amountLines labels of the amount lines, in the order the breakdown is shown
 * @param fieldLines  line of each field in scheme.yaml, to point problems at it
 */
public record SchemeModel(SchemeDescriptor descriptor, Map<String, LocalizedText> amountLines, String packageName,
        Map<String, Integer> fieldLines, Validity validity) {

    /**
     * When the version applies.
     *
     * @param validFrom     first day in force (null: not said, always in force)
     * @param validUntil    last day in force, inclusive (null: no end)
     * @param referenceDate which day of a dossier picks its version: {@code APPLICATION_DATE} (the day the dossier is
     *                      opened), the only one for now
     */
    public record Validity(java.time.LocalDate validFrom, java.time.LocalDate validUntil, String referenceDate) {
        public static final String APPLICATION_DATE = "APPLICATION_DATE";
        public static final Validity ALWAYS = new Validity(null, null, APPLICATION_DATE);
    }

    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface",
            "long", "native", "new", "package", "private", "protected", "public", "return", "short", "static",
            "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "var", "record", "yield");

    /**
     * The DRL package of a scheme: {@code org.guichet.scheme.} + the id with every character that is not a letter
     * or digit replaced by '_' ({@code vocational-training} → {@code org.guichet.scheme.vocational_training}).
     */
    public static String packageName(String schemeId) {
        String segment = schemeId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        if (segment.isEmpty() || Character.isDigit(segment.charAt(0)) || JAVA_KEYWORDS.contains(segment)) {
            segment = "_" + segment;
        }
        return "org.guichet.scheme." + segment;
    }

    static boolean isJavaKeyword(String word) {
        return JAVA_KEYWORDS.contains(word);
    }
}
