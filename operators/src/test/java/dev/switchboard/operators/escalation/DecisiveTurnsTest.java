package dev.switchboard.operators.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisiveTurnsTest {
    private final DecisiveTurns turns = DecisiveTurns.of(EscalationPolicy.defaults(), Map.of());

    /** Feeds customer turns in order and says which were decisive. */
    private String read(DecisiveTurns t, String tenant, double... scores) {
        StringBuilder marks = new StringBuilder();
        int recent = DecisiveTurns.CALM;
        for (double score : scores) {
            marks.append(t.isDecisive(tenant, score, recent) ? 'D' : '.');
            recent = t.after(tenant, score, recent);
        }
        return marks.toString();
    }

    @Test
    void aCalmConversationHasNoDecisiveTurn() {
        assertEquals("......", read(turns, "acme", 0.6, 0.1, -0.2, 0.0, -0.3, 0.4));
    }

    @Test
    void oneNegativeTurnIsNotDecisiveButTheNextLeaningOneIs() {
        assertEquals("..D", read(turns, "acme", 0.2, -0.8, -0.5));
        assertEquals(".", read(turns, "acme", -0.95), "one turn never starts an episode");
    }

    @Test
    void aLeaningTurnTwoTurnsAfterAnotherIsDecisive() {
        assertEquals(".D", read(turns, "acme", -0.8, -0.36));
        assertEquals("..D", read(turns, "acme", -0.8, 0.1, -0.6));
        assertEquals("...", read(turns, "acme", -0.8, 0.1, 0.1), "calm after one negative turn");
        assertEquals(
                "....", read(turns, "acme", -0.8, 0.1, 0.1, -0.9), "the earlier one is too old");
    }

    @Test
    void anyTurnAfterTwoLeaningOnesIsDecisive() {
        assertEquals(".DD", read(turns, "acme", -0.8, -0.8, 0.5));
        assertEquals(".DD.", read(turns, "acme", -0.8, -0.8, 0.5, 0.5));
    }

    @Test
    void eachTenantIsReadUnderItsOwnPolicy() {
        EscalationPolicy strict = EscalationPolicy.defaults();
        strict.watchStreak = 1;
        EscalationPolicy lenient = EscalationPolicy.defaults();
        lenient.watchBelow = -0.7;
        lenient.alertBelow = -0.8;
        lenient.escalateBelow = -0.9;
        lenient.negativeTurnBelow = -0.7;
        DecisiveTurns t =
                DecisiveTurns.of(
                        EscalationPolicy.defaults(), Map.of("strict", strict, "lenient", lenient));
        assertEquals("D", read(t, "strict", -0.5), "a policy that watches on one negative turn");
        assertEquals(".", read(t, "strict", -0.38), "leaning, not negative");
        assertEquals("..", read(t, "lenient", -0.5, -0.5), "not leaning under its thresholds");
        assertEquals(".D", read(t, "other", -0.5, -0.5), "a tenant of its own has the default");
        assertFalse(t.isDecisive(null, -0.9, DecisiveTurns.CALM));
        assertTrue(t.isDecisive(null, -0.9, t.after(null, -0.9, DecisiveTurns.CALM)));
    }
}
