package org.guichet.dossiers.internal.partners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EnrolmentRowsTest {
    static Map<String, Object> row() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("traineeEmail", " Lea@Example.FR ");
        m.put("trainingStartDate", "14/09/2026");
        m.put("trainingEndDate", "2027-02-26");
        m.put("trainingHours", "600");
        m.put("programme", "qualif_emploi");
        m.put("regionFunded", "oui");
        return m;
    }

    @Test
    void csvTextBecomesTypedValues() {
        EnrolmentRows.Checked c = EnrolmentRows.check(1, row());
        assertEquals(0, c.errors().size(), c.errors().toString());
        assertEquals("lea@example.fr", c.values().get("traineeEmail"));
        assertEquals("2026-09-14", c.values().get("trainingStartDate"));
        assertEquals(600, c.values().get("trainingHours"));
        assertEquals("QUALIF_EMPLOI", c.values().get("programme"));
        assertEquals(true, c.values().get("regionFunded"));
    }

    @Test
    void everyProblemOfARowIsSaidWithItsField() {
        Map<String, Object> m = row();
        m.put("trainingHours", "6.5");
        m.put("regionFunded", "peut-être");
        m.put("trainingEndDate", "2026-01-01");
        m.remove("programme");
        m.put("shoeSize", 38);
        EnrolmentRows.Checked c = EnrolmentRows.check(7, m);
        assertNull(c.values());
        assertEquals("programme:REQUIRED regionFunded:INVALID_VALUE shoeSize:UNKNOWN_FIELD trainingEndDate:NOT_AFTER"
                + " trainingHours:INVALID_VALUE", c.errors().stream().map(e -> e.field() + ":" + e.code()).sorted()
                .collect(Collectors.joining(" ")));
        assertEquals(7, c.errors().get(0).row());
    }
}
