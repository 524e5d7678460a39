package org.guichet.api.scheme;

import java.util.List;
import java.util.Map;

/**
 * Everything a client needs to present a scheme and render its form.
 *
 * @param filers   who may file: APPLICANT and/or MEDIATOR
 * @param payee    who is paid: APPLICANT or a third party such as DRIVING_SCHOOL
 * @param recurring true when the aid is paid monthly
 * @param reasons  plain-language messages of the ineligibility reason codes
 */
public record SchemeDescriptor(String id, String version, LocalizedText title, LocalizedText summary,
        LocalizedText description, List<String> filers, String payee, boolean recurring,
        List<FieldDefinition> fields, List<DocumentDefinition> documents, Map<String, LocalizedText> reasons) {

    public FieldDefinition field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    public DocumentDefinition document(String docId) {
        return documents.stream().filter(d -> d.id().equals(docId)).findFirst().orElse(null);
    }
}
