package org.guichet.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.cxf.attachment.AttachmentDeserializer;
import org.apache.cxf.attachment.AttachmentUtil;
import org.apache.cxf.helpers.CastUtils;
import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.guichet.api.error.GuichetException;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the multipart/form-data uploads (documents, signed consents, certificates, CSV files; docs/fuzzing.md):
 * the body is split into parts by CXF's AttachmentDeserializer, as the endpoints receive it, then read by
 * {@link Multipart} as DossierResource, MandateResource and PartnerResource do. Contract: a part is read (text at
 * most 10,000 characters, a number, a file name) or refused with a GuichetException (400, a code, the part's
 * name); CXF refusing the body as a whole is an IOException or CXF's own Fault (answered 400 by CXF) — never
 * another exception out of Multipart, and quickly.
 */
class MultipartFuzzTest {
    private static final String BOUNDARY = "----guichet";
    private static final Set<String> CODES = Set.of("PART_REQUIRED", "PART_TOO_LONG", "FILE_REQUIRED", "INVALID_NUMBER");

    @FuzzTest(maxDuration = "3m")
    void multipartBody(byte[] body) {
        long start = System.nanoTime();
        List<Attachment> parts;
        try {
            parts = parts(body);
        } catch (IOException | RuntimeException e) {
            return; // CXF refuses the body before the endpoint runs
        }
        MultipartBody multipart = new MultipartBody(parts, true);
        for (String name : List.of("documentType", "replaces", "applicantEmail", "applicantName")) {
            try {
                String text = Multipart.text(multipart, name, name.equals("documentType"));
                assertTrue(text == null || (!text.isEmpty() && text.length() <= 10_000));
                if (name.equals("replaces")) {
                    Multipart.number(text, name);
                }
            } catch (GuichetException e) {
                checkRefusal(e, name);
            }
        }
        try {
            Attachment file = Multipart.file(multipart, "file");
            Multipart.fileName(file);
            try (InputStream in = Multipart.stream(file)) {
                in.readNBytes(1 << 20);
            } catch (IOException e) {
                // the body ended early: the stream says so, the storage refuses the file
            }
        } catch (GuichetException e) {
            checkRefusal(e, "file");
        }
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "slow");
    }

    /** The harness is worth something only if CXF really splits a body into parts here. */
    @Test
    void aWellFormedBodyIsSplitIntoItsParts() throws IOException {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"replaces\"\r\n\r\n12\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"id.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MultipartBody multipart = new MultipartBody(parts(body), true);
        assertEquals(12L, Multipart.number(Multipart.text(multipart, "replaces", false), "replaces"));
        assertEquals("id.pdf", Multipart.fileName(Multipart.file(multipart, "file")));
    }

    private static void checkRefusal(GuichetException e, String field) {
        assertEquals(GuichetException.Kind.INVALID, e.kind(), e.toString());
        assertTrue(CODES.contains(e.code()), e.code());
        assertEquals(field, e.field());
        assertNotNull(e.getMessage());
    }

    /** The parts of a multipart/form-data body, as CXF's JAX-RS multipart provider gets them. */
    static List<Attachment> parts(byte[] body) throws IOException {
        Message message = new MessageImpl();
        Exchange exchange = new ExchangeImpl();
        message.setExchange(exchange);
        message.put(Message.CONTENT_TYPE, "multipart/form-data; boundary=" + BOUNDARY);
        message.setContent(InputStream.class, new ByteArrayInputStream(body));
        // as CXF's MessageContextImpl.createAttachments does for MultipartBody.INBOUND_MESSAGE_ATTACHMENTS: the first
        // part stays the message's content, with its headers kept aside; the others are attachments
        message.put(AttachmentDeserializer.ATTACHMENT_PART_HEADERS, Boolean.TRUE);
        AttachmentDeserializer d = new AttachmentDeserializer(message, List.of("multipart/form-data"));
        d.initializeAttachments();
        List<Attachment> out = new ArrayList<>();
        Map<String, List<String>> headers = CastUtils.cast((Map<?, ?>) message.get(
                AttachmentDeserializer.ATTACHMENT_PART_HEADERS));
        out.add(new Attachment(AttachmentUtil.createAttachment(message.getContent(InputStream.class), headers),
                (javax.ws.rs.ext.Providers) null));
        for (org.apache.cxf.message.Attachment a : message.getAttachments()) {
            out.add(new Attachment(a, (javax.ws.rs.ext.Providers) null));
        }
        return out;
    }
}
