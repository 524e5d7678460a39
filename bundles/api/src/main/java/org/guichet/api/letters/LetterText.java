package org.guichet.api.letters;

import java.util.List;

/**
 * The whole text of a letter, in reading order, as its PDF says it: for a page to show the same letter in HTML
 * (and for the PDF's structure: the title is its H1, each block a heading, a paragraph or a list).
 *
 * @param language {@code fr} or {@code en}: the letter's language (a page in another language marks it with
 *                 {@code lang})
 * @param title    the letter's title (the PDF's document title and first heading)
 * @param blocks   everything after the title, in order
 */
public record LetterText(String language, String title, List<Block> blocks) {

    public LetterText {
        blocks = List.copyOf(blocks);
    }

    /** What a block is, and so how it is shown: a heading below the title, a paragraph, a bulleted list. */
    public enum Kind { HEADING, PARAGRAPH, LIST }

    /**
     * One block of a letter.
     *
     * @param text  the heading's or paragraph's text; null for a list
     * @param items the list's items; empty for a heading or a paragraph
     */
    public record Block(Kind kind, String text, List<String> items) {
        public Block {
            items = items == null ? List.of() : List.copyOf(items);
        }

        public static Block heading(String text) {
            return new Block(Kind.HEADING, text, List.of());
        }

        public static Block paragraph(String text) {
            return new Block(Kind.PARAGRAPH, text, List.of());
        }

        public static Block list(List<String> items) {
            return new Block(Kind.LIST, null, items);
        }

        public boolean heading() {
            return kind == Kind.HEADING;
        }

        public boolean paragraph() {
            return kind == Kind.PARAGRAPH;
        }

        public boolean list() {
            return kind == Kind.LIST;
        }
    }
}
