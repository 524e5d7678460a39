package org.guichet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrenchDatesTest {
    @Test
    void dayMonthYearAsWrittenInFranceBecomesIso() {
        assertEquals("2026-09-14", FrenchDates.toIso("14/09/2026"));
        assertEquals("2026-09-04", FrenchDates.toIso("4/9/2026"));
        assertEquals("2001-03-10", FrenchDates.toIso(" 10.03.2001 "));
        assertEquals("2001-03-10", FrenchDates.toIso("10-03-2001"));
        assertEquals("2001-03-10", FrenchDates.toIso("10 03 2001"));
    }

    @Test
    void anythingElseIsLeftForTheRulesToJudge() {
        assertEquals("2026-09-14", FrenchDates.toIso("2026-09-14"));
        assertEquals("14 septembre", FrenchDates.toIso("14 septembre"));
        assertEquals("2026-02-31", FrenchDates.toIso("31/02/2026"), "kept as typed; the engine says it does not exist");
    }
}
