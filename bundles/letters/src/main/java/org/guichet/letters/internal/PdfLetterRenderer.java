package org.guichet.letters.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.guichet.api.letters.DecisionLetter;
import org.guichet.api.letters.LetterRenderer;
import org.guichet.api.letters.LetterText;
import org.guichet.api.letters.LetterText.Block;
import org.osgi.service.component.annotations.Component;

/**
 * Decision letters: their text from {@link LetterWords} in the applicant's language ({@link #decisionLetterText}),
 * and that same text as a tagged PDF with Apache PDFBox (PDF/UA-minded): a structure tree in reading order
 * (Document, H1 for the title, H2, P, L/LI/Lbl/LBody), every piece of text inside marked content tied to its
 * structure element through the parent tree, {@code /MarkInfo /Marked true}, the document's {@code /Lang}, its title
 * in the information dictionary and the XMP metadata, shown by viewers instead of the file name
 * ({@code DisplayDocTitle}), and an embedded font (Liberation Sans, shipped inside PDFBox) so that every letter —
 * accents, euro sign, guillemets — is drawn and extractable. A4, wrapped to the page, several pages if needed.
 */
@Component(service = LetterRenderer.class)
public class PdfLetterRenderer implements LetterRenderer {
    static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float INDENT = 16;

    @Override
    public LetterText decisionLetterText(DecisionLetter l) {
        LetterWords w = LetterWords.of(l.language());
        List<Block> blocks = new ArrayList<>();
        blocks.add(Block.paragraph(w.get("decision.sender")));
        blocks.add(Block.paragraph(w.get("decision.date", "date", w.day(l.date()))));
        blocks.add(Block.paragraph(l.applicantName()));
        if (l.applicantEmail() != null && !l.applicantEmail().isBlank()) {
            blocks.add(Block.paragraph(l.applicantEmail()));
        }
        if (l.correctionOf() != null) {
            blocks.add(Block.paragraph(w.get("decision.correction", "date", l.correctionOf())));
        }
        blocks.add(Block.paragraph(w.get("decision.greeting", "name", l.applicantName())));
        if (l.granted()) {
            blocks.add(Block.paragraph(w.get("decision.granted", "amount", w.euros(l.amount()))));
            if (l.payee() != null && !l.payee().isBlank()) {
                blocks.add(Block.paragraph(w.get("decision.payee", "payee", l.payee())));
            }
            if (!l.lines().isEmpty()) {
                blocks.add(Block.heading(w.get("decision.installments")));
                blocks.add(Block.list(l.lines()));
            }
        } else {
            blocks.add(Block.paragraph(w.get("decision.refused")));
            blocks.add(Block.heading(w.get("decision.reasons")));
            blocks.add(Block.list(l.lines()));
        }
        if (l.explanation() != null) {
            for (String p : l.explanation().split("\n")) {
                if (!p.isBlank()) {
                    blocks.add(Block.paragraph(p.strip()));
                }
            }
        }
        if (l.justification() != null && !l.justification().isBlank()) {
            blocks.add(Block.paragraph(w.get("decision.justification", "text", l.justification().strip())));
        }
        blocks.add(Block.heading(w.get("decision.review.heading")));
        blocks.add(Block.paragraph(w.get("decision.review.ask", "reference", l.reference())));
        blocks.add(Block.paragraph(w.get("decision.review.court")));
        blocks.add(Block.heading(w.get("decision.questions.heading")));
        blocks.add(Block.paragraph(w.get("decision.questions")));
        blocks.add(Block.paragraph(w.get("decision.signature")));
        blocks.add(Block.paragraph(l.agentName()));
        return new LetterText(w.language(), w.get("decision.title", "scheme", l.schemeTitle(), "reference",
                l.reference()), blocks);
    }

    @Override
    public byte[] decisionLetter(DecisionLetter l) {
        LetterText text = decisionLetterText(l);
        return pdf(text, LetterWords.of(l.language()).get("author"), l.schemeTitle());
    }

    /** The text as a tagged PDF. */
    static byte[] pdf(LetterText text, String author, String subject) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(text.title());
            info.setAuthor(author);
            info.setSubject(subject);
            info.setCreator("Guichet");
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            catalog.setLanguage(text.language());
            PDViewerPreferences preferences = new PDViewerPreferences(new COSDictionary());
            preferences.setDisplayDocTitle(true);
            catalog.setViewerPreferences(preferences);
            PDMarkInfo mark = new PDMarkInfo();
            mark.setMarked(true);
            catalog.setMarkInfo(mark);
            PDMetadata metadata = new PDMetadata(doc);
            metadata.importXMPMetadata(xmp(text.title(), author, text.language()).getBytes(StandardCharsets.UTF_8));
            catalog.setMetadata(metadata);

            Writer w = new Writer(doc);
            w.paragraph(StandardStructureTypes.H1, w.document, text.title(), 15, true);
            w.space(8);
            for (Block b : text.blocks()) {
                switch (b.kind()) {
                    case HEADING -> {
                        w.space(8);
                        w.paragraph(StandardStructureTypes.H2, w.document, b.text(), 12.5f, true);
                    }
                    case PARAGRAPH -> {
                        w.paragraph(StandardStructureTypes.P, w.document, b.text(), 11, false);
                        w.space(3);
                    }
                    case LIST -> {
                        PDStructureElement list = w.element(StandardStructureTypes.L, w.document);
                        for (String item : b.items()) {
                            PDStructureElement li = w.element(StandardStructureTypes.LI, list);
                            w.listItem(li, item, 11);
                        }
                        w.space(3);
                    }
                    default -> throw new IllegalStateException(b.kind().name());
                }
            }
            w.finish();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the letter", e);
        }
    }

    /** XMP: the title (PDF/UA asks for dc:title), the author and the language. */
    static String xmp(String title, String author, String language) {
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                + " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                + "<dc:format>application/pdf</dc:format>\n"
                + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml(title) + "</rdf:li></rdf:Alt></dc:title>\n"
                + "<dc:creator><rdf:Seq><rdf:li>" + xml(author) + "</rdf:li></rdf:Seq></dc:creator>\n"
                + "<dc:language><rdf:Bag><rdf:li>" + xml(language) + "</rdf:li></rdf:Bag></dc:language>\n"
                + "<pdf:Producer>Guichet (Apache PDFBox)</pdf:Producer>\n"
                + "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
    }

    private static String xml(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String euros(BigDecimal amount) {
        return LetterWords.of("fr").euros(amount);
    }

    /**
     * Lays text down the pages, opening a new page when the current one is full; every line is a marked-content
     * sequence (its MCID) belonging to a structure element, recorded in the page's entry of the parent tree.
     */
    private static final class Writer {
        private final PDDocument doc;
        private final PDFont font;
        private final PDStructureTreeRoot root = new PDStructureTreeRoot();
        final PDStructureElement document;
        private final List<List<PDStructureElement>> parents = new ArrayList<>();
        private PDPage page;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument doc) throws IOException {
            this.doc = doc;
            try (InputStream in = PDDocument.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IOException("the font " + FONT + " is not inside PDFBox");
                }
                this.font = PDType0Font.load(doc, in);
            }
            doc.getDocumentCatalog().setStructureTreeRoot(root);
            document = new PDStructureElement(StandardStructureTypes.DOCUMENT, root);
            root.appendKid(document);
            newPage();
        }

        PDStructureElement element(String type, PDStructureNode parent) {
            PDStructureElement e = new PDStructureElement(type, parent);
            e.setPage(page);
            parent.appendKid(e);
            return e;
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            page = new PDPage(PDRectangle.A4);
            page.setStructParents(parents.size());
            page.getCOSObject().setName(COSName.getPDFName("Tabs"), "S");
            parents.add(new ArrayList<>());
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void space(float points) {
            y -= points;
        }

        /** A heading or paragraph: one structure element, one marked-content sequence per line. */
        void paragraph(String type, PDStructureNode parent, String text, float size, boolean strong)
                throws IOException {
            PDStructureElement e = element(type, parent);
            for (String line : wrap(printable(text, font), font, size, WIDTH)) {
                line(e, line, size, strong, MARGIN);
            }
        }

        /** A list item: its bullet (Lbl) and its text (LBody), the text indented under itself. */
        void listItem(PDStructureElement li, String text, float size) throws IOException {
            List<String> lines = wrap(printable(text, font), font, size, WIDTH - INDENT);
            if (y < MARGIN + size) {
                newPage();
            }
            PDStructureElement label = element(StandardStructureTypes.LBL, li);
            float top = y;
            line(label, "\u2022", size, false, MARGIN + 4);
            y = top;
            PDStructureElement body = element(StandardStructureTypes.L_BODY, li);
            for (String line : lines) {
                line(body, line, size, false, MARGIN + INDENT);
            }
        }

        private void line(PDStructureElement owner, String text, float size, boolean strong, float x)
                throws IOException {
            String tag = owner.getStructureType();
            if (y < MARGIN + size) {
                newPage();
            }
            List<PDStructureElement> onPage = parents.get(parents.size() - 1);
            int mcid = onPage.size();
            onPage.add(owner);
            stream.beginMarkedContent(COSName.getPDFName(tag), mcid);
            stream.beginText();
            stream.setFont(font, size);
            if (strong) {
                // the one embedded face is regular: strong text is drawn filled and stroked
                stream.setRenderingMode(RenderingMode.FILL_STROKE);
                stream.setLineWidth(size / 30);
            } else {
                stream.setRenderingMode(RenderingMode.FILL);
            }
            stream.newLineAtOffset(x, y - size);
            stream.showText(text);
            stream.endText();
            stream.endMarkedContent();
            COSDictionary properties = new COSDictionary();
            properties.setInt(COSName.MCID, mcid);
            if (owner.getPage() != null && owner.getPage().getCOSObject() == page.getCOSObject()) {
                owner.appendKid(new PDMarkedContent(COSName.getPDFName(tag), properties));
            } else {
                PDMarkedContentReference ref = new PDMarkedContentReference();
                ref.setMCID(mcid);
                ref.setPage(page);
                owner.appendKid(ref);
            }
            y -= size * 1.45f;
        }

        /** Closes the last page and writes the parent tree: for each page, its MCIDs' structure elements. */
        void finish() throws IOException {
            stream.close();
            COSArray nums = new COSArray();
            for (int i = 0; i < parents.size(); i++) {
                COSArray elements = new COSArray();
                parents.get(i).forEach(e -> elements.add(e.getCOSObject()));
                nums.add(COSInteger.get(i));
                nums.add(elements);
            }
            COSDictionary tree = new COSDictionary();
            tree.setItem(COSName.NUMS, nums);
            root.getCOSObject().setItem(COSName.PARENT_TREE, tree);
            root.setParentTreeNextKey(parents.size());
            doc.getDocumentInformation().setCreationDate(Calendar.getInstance());
        }
    }

    static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : words(text)) {
            String candidate = current.length() == 0 ? word : current + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > width && current.length() > 0) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    /**
     * The words a line may break between: French puts a space before "€", ":", ";", "!", "?", "»" and after "«",
     * and a line never starts or ends with those alone ("60,00" on one line, "€." on the next).
     */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.split(" ")) {
            boolean glued = !words.isEmpty() && (w.matches("^[€:;!?»].*") || words.get(words.size() - 1).endsWith("«"));
            if (glued) {
                words.set(words.size() - 1, words.get(words.size() - 1) + " " + w);
            } else {
                words.add(w);
            }
        }
        return words;
    }

    /** Keeps what the font can draw: typographic spaces become plain ones, line breaks spaces, the rest '?'. */
    static String printable(String s, PDFont font) {
        String t = (s == null ? "" : s).replace('\u202f', ' ').replace('\u00a0', ' ').replace('\t', ' ')
                .replace('\n', ' ').replace('\r', ' ');
        StringBuilder safe = new StringBuilder();
        t.codePoints().forEach(c -> {
            String one = new String(Character.toChars(c));
            try {
                font.encode(one);
                safe.append(one);
            } catch (IllegalArgumentException | IOException x) {
                safe.append('?');
            }
        });
        return safe.toString();
    }
}
