package org.guichet.web.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agent typed in the one form of a page she just sent, kept when the form is refused so that nothing typed is
 * lost; the other forms of the page stay as they were.
 *
 * @param form   which form was sent ("decision", "verifier-12"…); empty when none
 * @param values the values of each of its fields
 */
public record AgentForm(String form, Map<String, List<String>> values) {
    public static final AgentForm NONE = new AgentForm("", Map.of());

    /** The value typed in that field of that form, or null if that form was not the one sent. */
    public String get(String inForm, String name) {
        List<String> v = form.equals(inForm) ? values.get(name) : null;
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Whether that form was the one sent. */
    public boolean sent(String inForm) {
        return form.equals(inForm);
    }

    /** Whether a check box or a choice was ticked in the form sent. */
    public boolean ticked(String inForm, String name, String value) {
        List<String> v = form.equals(inForm) ? values.get(name) : null;
        return v != null && v.contains(value);
    }

    static AgentForm of(String form, Exchange x) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        x.req().getParameterMap().forEach((name, v) -> {
            if (!WebSession.CSRF_FIELD.equals(name)) {
                values.put(name, List.of(v));
            }
        });
        return new AgentForm(form, values);
    }
}
