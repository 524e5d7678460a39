package org.guichet.web.internal;

import io.nayuki.qrcodegen.QrCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A QR code drawn on the server as SVG (Nayuki's qrcodegen), shown as an {@code <img>} with a {@code data:} address:
 * no JavaScript, nothing fetched from elsewhere, and the page's CSP ({@code img-src 'self' data:}) allows it.
 */
final class QrCodes {
    private QrCodes() { }

    /** The SVG of a QR code of {@code text}, with the four-module quiet zone scanners need. */
    static String svg(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int border = 4;
        int size = qr.size + border * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append(path.length() == 0 ? "" : " ").append('M').append(x + border).append(',')
                            .append(y + border).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + size + " " + size
                + "\" stroke=\"none\"><rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/><path d=\"" + path
                + "\" fill=\"#000000\"/></svg>";
    }

    /** The same as a {@code data:image/svg+xml;base64,…} address for an {@code <img>}. */
    static String dataUri(String text) {
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg(text).getBytes(StandardCharsets.UTF_8));
    }
}
