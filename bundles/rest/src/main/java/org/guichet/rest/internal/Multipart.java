package org.guichet.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.guichet.api.error.GuichetException;

/** Reading the parts of a multipart/form-data upload, with a clear error for each missing part. */
final class Multipart {
    private Multipart() { }

    static String text(MultipartBody body, String name, boolean required) {
        Attachment a = body == null ? null : body.getAttachment(name);
        if (a == null) {
            if (required) {
                throw GuichetException.invalid("PART_REQUIRED", name, "Champ manquant dans l'envoi : " + name);
            }
            return null;
        }
        try (InputStream in = a.getDataHandler().getInputStream()) {
            byte[] bytes = in.readNBytes(10_001);
            if (bytes.length > 10_000) {
                throw GuichetException.invalid("PART_TOO_LONG", name, "Champ trop long : " + name);
            }
            String v = new String(bytes, StandardCharsets.UTF_8).strip();
            if (required && v.isEmpty()) {
                throw GuichetException.invalid("PART_REQUIRED", name, "Champ vide dans l'envoi : " + name);
            }
            return v.isEmpty() ? null : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Attachment file(MultipartBody body, String name) {
        Attachment a = body == null ? null : body.getAttachment(name);
        if (a == null) {
            throw GuichetException.invalid("FILE_REQUIRED", name, "Aucun fichier n'a été joint (champ « " + name + " »).");
        }
        return a;
    }

    static String fileName(Attachment a) {
        return a.getContentDisposition() == null ? null : a.getContentDisposition().getFilename();
    }

    static InputStream stream(Attachment a) {
        try {
            return a.getDataHandler().getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Long number(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw GuichetException.invalid("INVALID_NUMBER", field, "Nombre attendu pour " + field + " : " + value);
        }
    }
}
