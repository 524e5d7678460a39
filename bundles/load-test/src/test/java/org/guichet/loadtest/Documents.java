package org.guichet.loadtest;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Real files for the uploads, made in memory: a valid one-page PDF, and a photo-like JPEG from the JDK's encoder.
 * Every file is unique to its person (the portal stores one file per SHA-256: identical uploads would cost it
 * almost nothing and flatter the figures).
 */
final class Documents {
    /** The six documents the worked example asks (the live checklist of vocational-training), and how each is sent. */
    static final List<String> SIX = List.of("IDENTITY", "BANK_DETAILS", "TRAINING_ENTRY_CERTIFICATE", "PROOF_OF_ADDRESS",
            "FRANCE_TRAVAIL_CERTIFICATE", "TAX_NOTICE");

    /** A phone photo, encoded once; each upload gets its own copy with a comment segment naming the person. */
    private static final byte[] PHOTO = jpeg(900, 600);

    private Documents() { }

    /** Identity card and bank details come as phone photos, the rest as PDF. */
    static boolean isPhoto(String documentType) {
        return documentType.equals("IDENTITY") || documentType.equals("BANK_DETAILS");
    }

    static String fileName(String documentType) {
        return documentType.toLowerCase().replace('_', '-') + (isPhoto(documentType) ? ".jpg" : ".pdf");
    }

    static String mediaType(String documentType) {
        return isPhoto(documentType) ? "image/jpeg" : "application/pdf";
    }

    static byte[] content(String documentType, String owner) {
        String text = documentType + " - " + owner;
        return isPhoto(documentType) ? uniqueJpeg(text) : pdf(text);
    }

    /** A minimal but valid PDF 1.4 with one page and a line of text, its xref offsets computed. */
    static byte[] pdf(String text) {
        String stream = "BT /F1 14 Tf 30 100 Td (" + text.replaceAll("[()\\\\]", "") + ") Tj ET";
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 200] /Contents 4 0 R"
                    + " /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        StringBuilder b = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = b.length();
            b.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = b.length();
        b.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int o : offsets) {
            b.append(String.format("%010d 00000 n \n", o));
        }
        b.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The photo with a COM segment (FF FE) right after the start-of-image marker: still a valid JPEG, its own bytes. */
    static byte[] uniqueJpeg(String comment) {
        byte[] c = comment.getBytes(StandardCharsets.UTF_8);
        int length = c.length + 2;
        byte[] out = new byte[PHOTO.length + 2 + length];
        out[0] = PHOTO[0];
        out[1] = PHOTO[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) (length >> 8);
        out[5] = (byte) length;
        System.arraycopy(c, 0, out, 6, c.length);
        System.arraycopy(PHOTO, 2, out, 6 + c.length, PHOTO.length - 2);
        return out;
    }

    static byte[] jpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(230, 235, 240));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.drawString("RIB - FR76 3000 6000 0112 3456 7890 189", 20, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
