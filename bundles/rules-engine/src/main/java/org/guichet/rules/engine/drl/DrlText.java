package org.guichet.rules.engine.drl;

/**
 * A DRL file with its comments blanked out (and, for {@link #code()}, its string literals too), keeping every
 * newline so that a position still gives the right line. Used by the static checks that run beside Drools.
 */
public final class DrlText {
    private final String path;
    private final String source;
    private final String withoutComments;
    private final String code;

    public DrlText(String path, String source) {
        this.path = path;
        this.source = source;
        String[] blanked = blank(source);
        this.withoutComments = blanked[0];
        this.code = blanked[1];
    }

    public String path() { return path; }

    /** The file as written. */
    public String source() { return source; }

    /** The source with comments replaced by spaces; string literals kept. */
    public String withoutComments() { return withoutComments; }

    /** The source with comments and the content of string literals replaced by spaces. */
    public String code() { return code; }

    /** 1-based line of a character offset. */
    public int lineAt(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < withoutComments.length(); i++) {
            if (withoutComments.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String[] blank(String s) {
        StringBuilder noComments = new StringBuilder(s.length());
        StringBuilder noStrings = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
            if (c == '/' && next == '/') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    noComments.append(' ');
                    noStrings.append(' ');
                    i++;
                }
            } else if (c == '/' && next == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                for (; i < end; i++) {
                    char k = s.charAt(i) == '\n' ? '\n' : ' ';
                    noComments.append(k);
                    noStrings.append(k);
                }
            } else if (c == '"' || c == '\'') {
                noComments.append(c);
                noStrings.append(c);
                i++;
                while (i < s.length() && s.charAt(i) != c && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        noComments.append(s.charAt(i)).append(s.charAt(i + 1));
                        noStrings.append("  ");
                        i += 2;
                        continue;
                    }
                    noComments.append(s.charAt(i));
                    noStrings.append(' ');
                    i++;
                }
                if (i < s.length() && s.charAt(i) == c) {
                    noComments.append(c);
                    noStrings.append(c);
                    i++;
                }
            } else {
                noComments.append(c);
                noStrings.append(c);
                i++;
            }
        }
        return new String[] {noComments.toString(), noStrings.toString()};
    }
}
