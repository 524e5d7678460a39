package org.guichet.letters.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.guichet.api.letters.DecisionLetter;
import org.guichet.api.letters.LetterRenderer;
import org.osgi.service.component.annotations.Component;

/**
 * Decision letters with Apache PDFBox: A4, Helvetica (its WinAnsi encoding covers French and the euro sign),
 * short paragraphs, wrapped to the page, several pages if needed. The words come from the caller, already in
 * plain French; this class only lays them out.
 */
@Component(service = LetterRenderer.class)
public class PdfLetterRenderer implements LetterRenderer {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    @Override
    public byte[] decisionLetter(DecisionLetter l) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Décision " + l.reference());
            info.setAuthor("Région — guichet des aides");
            info.setSubject(l.schemeTitle());
            Writer w = new Writer(doc);
            w.line("Région — guichet des aides", bold(), 10);
            w.line("Le " + DAY.format(l.date()), regular(), 10);
            w.space(18);
            w.paragraph(l.applicantName(), bold(), 11);
            w.paragraph(l.applicantEmail(), regular(), 10);
            w.space(18);
            w.paragraph("Objet : votre demande « " + l.schemeTitle() + " », dossier " + l.reference(), bold(), 12);
            if (l.correctionOf() != null) {
                w.paragraph("Cette décision remplace la décision du " + l.correctionOf() + ".", regular(), 11);
            }
            w.space(10);
            w.paragraph("Bonjour " + l.applicantName() + ",", regular(), 11);
            w.space(4);
            if (l.granted()) {
                w.paragraph("La Région vous accorde l'aide, pour un montant total de " + euros(l.amount()) + ".", bold(), 12);
                if (l.payee() != null) {
                    w.paragraph("L'argent sera versé à : " + l.payee() + ".", regular(), 11);
                }
                w.space(6);
                w.paragraph("Les versements prévus :", bold(), 11);
            } else {
                w.paragraph("La Région ne peut pas vous accorder l'aide, pour les raisons suivantes :", bold(), 12);
            }
            for (String line : l.lines()) {
                w.paragraph("•  " + line, regular(), 11);
            }
            w.space(6);
            if (l.explanation() != null && !l.explanation().isBlank()) {
                for (String p : l.explanation().split("\n")) {
                    w.paragraph(p, regular(), 11);
                }
            }
            if (l.justification() != null && !l.justification().isBlank()) {
                w.space(4);
                w.paragraph("Précision de l'agent : " + l.justification(), regular(), 11);
            }
            w.space(10);
            w.paragraph("Si vous n'êtes pas d'accord, vous pouvez demander à la Région de revoir sa décision dans les deux"
                    + " mois, en répondant dans votre espace ou par courrier. Pour toute question, écrivez-nous depuis"
                    + " votre dossier ou appelez le service des aides.", regular(), 10);
            w.space(14);
            w.paragraph("Pour la Présidente du Conseil régional,", regular(), 11);
            w.paragraph(l.agentName(), regular(), 11);
            w.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the decision letter", e);
        }
    }

    static String euros(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        String s = java.text.NumberFormat.getCurrencyInstance(Locale.FRANCE).format(amount);
        return s.replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    private static PDType1Font regular() {
        return new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    }

    private static PDType1Font bold() {
        return new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    }

    /** Lays lines down the page, opening a new page when the current one is full. */
    private static final class Writer {
        private final PDDocument doc;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void space(float points) {
            y -= points;
        }

        void line(String text, PDType1Font font, float size) throws IOException {
            if (y < MARGIN + size) {
                newPage();
            }
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(MARGIN, y);
            stream.showText(printable(text));
            stream.endText();
            y -= size * 1.45f;
        }

        void paragraph(String text, PDType1Font font, float size) throws IOException {
            for (String line : wrap(printable(text), font, size)) {
                line(line, font, size);
            }
        }

        void close() throws IOException {
            stream.close();
        }
    }

    static List<String> wrap(String text, PDType1Font font, float size) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = current.length() == 0 ? word : current + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > WIDTH && current.length() > 0) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    /** Keeps what the font can draw: typographic spaces and quotes become their plain forms, the rest '?'. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.replace('\u202f', ' ').replace('\u00a0', ' ').replace('\u2019', '\'').replace('\u2014', '-')
                .replace('\u2013', '-').toCharArray()) {
            b.append(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
        }
        String out = b.toString();
        try {
            new PDType1Font(Standard14Fonts.FontName.HELVETICA).encode(out);
            return out;
        } catch (IllegalArgumentException | IOException e) {
            StringBuilder safe = new StringBuilder();
            PDType1Font f = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (char c : out.toCharArray()) {
                try {
                    f.encode(String.valueOf(c));
                    safe.append(c);
                } catch (IllegalArgumentException | IOException x) {
                    safe.append('?');
                }
            }
            return safe.toString();
        }
    }
}
