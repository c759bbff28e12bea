package dev.switchboard.operators.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.records.AgentSignal;
import dev.switchboard.operators.records.Insight;
import dev.switchboard.operators.records.StrainLevel;
import dev.switchboard.operators.records.StrainReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrainMeterTest {
    private static final long MINUTE = 60_000;
    private final InsightPolicy policy = new InsightPolicy();
    private final StrainState s = new StrainState();
    private final List<Insight> insights = new ArrayList<>();

    private void record(AgentSignal.Kind kind, long minute, boolean difficult) {
        AgentSignal a = new AgentSignal(kind, "acme", "agent-3", "c-" + minute, minute * MINUTE);
        a.difficult = difficult;
        Insight i = StrainMeter.record(s, a, policy);
        if (i != null) {
            insights.add(i);
        }
    }

    private void hostile(int count, long fromMinute, long everyMinutes) {
        for (int k = 0; k < count; k++) {
            record(AgentSignal.Kind.HOSTILE_MESSAGE, fromMinute + k * everyMinutes, false);
        }
    }

    @Test
    void oneKindOfDifficultyAtItsThresholdIsNotStrainButTwoAre() {
        for (int m = 0; m < 3; m++) {
            record(AgentSignal.Kind.CONTACT_ENDED, m * 4, true);
        }
        assertTrue(insights.isEmpty(), "three difficult contacts in a row alone: " + insights);
        hostile(6, 13, 1);
        Insight opened = insights.get(0);
        assertEquals(Insight.Phase.OPENED, opened.phase);
        assertEquals(StrainLevel.ELEVATED, opened.level);
        assertEquals(
                List.of(StrainReason.HOSTILE_MESSAGES, StrainReason.DIFFICULT_RUN), opened.reasons);
        assertEquals(3, opened.difficultRun);
        assertEquals(StrainMeter.CALMER, opened.suggestion);
        // A calm contact ends the run; six hostile messages (twice half their threshold) hold it.
        record(AgentSignal.Kind.CONTACT_ENDED, 20, false);
        assertEquals(1, insights.size(), "held, not flapping: " + insights);
    }

    @Test
    void muchOfOneAndSomeOfTheRestIsHighAndSuggestsABreak() {
        hostile(12, 0, 1);
        assertEquals(StrainLevel.ELEVATED, insights.get(0).level, "twice one threshold");
        for (int m = 20; m < 23; m++) {
            record(AgentSignal.Kind.ESCALATED, m, false);
        }
        assertEquals(1, insights.size(), "three points are still elevated");
        for (int m = 24; m < 27; m++) {
            record(AgentSignal.Kind.CONTACT_ENDED, m, true);
        }
        Insight high = insights.get(insights.size() - 1);
        assertEquals(Insight.Phase.UPDATED, high.phase);
        assertEquals(StrainLevel.HIGH, high.level);
        assertEquals(
                List.of(
                        StrainReason.HOSTILE_MESSAGES,
                        StrainReason.ESCALATED_CONVERSATIONS,
                        StrainReason.DIFFICULT_RUN),
                high.reasons);
        assertEquals(StrainMeter.BREAK, high.suggestion);
        assertEquals(insights.get(0).episodeId, high.episodeId);
    }

    @Test
    void strainFallsAsTheShiftWindowSlidesWithoutFlappingOnTheWay() {
        hostile(12, 0, 10);
        assertEquals(1, insights.size());
        assertEquals(110 * MINUTE, insights.get(0).ts);
        // The oldest hostile messages leave the window one by one; half the thresholds hold it.
        for (long t = 120; t <= 200; t += 10) {
            Insight i = StrainMeter.timePassed(s, t * MINUTE, policy);
            if (i != null) {
                insights.add(i);
            }
        }
        assertEquals(2, insights.size(), insights.toString());
        Insight closed = insights.get(1);
        assertEquals(Insight.Phase.CLOSED, closed.phase);
        // Held at 11 down to 6 hostile messages, closed at 5.
        assertEquals(180 * MINUTE, closed.ts);
        assertEquals(5, closed.hostileMessages);
        assertNull(closed.suggestion);
    }

    @Test
    void anHourInNegativeConversationsIsStrainOnItsOwn() {
        AgentSignal a = new AgentSignal(AgentSignal.Kind.CONTACT_ENDED, "acme", "a", "c", MINUTE);
        a.negativeMs = 61 * MINUTE;
        Insight i = StrainMeter.record(s, a, policy);
        assertNotNull(i);
        assertEquals(List.of(StrainReason.NEGATIVE_TIME), i.reasons);
        assertEquals(61, i.negativeMinutes);
    }

    @Test
    void turningStrainOffClosesWhatIsRaised() {
        hostile(12, 0, 1);
        Insight off = StrainMeter.turnedOff(s, 20 * MINUTE);
        assertEquals(Insight.Phase.CLOSED, off.phase);
        assertEquals(insights.get(0).episodeId, off.episodeId);
        assertNull(StrainMeter.turnedOff(s, 21 * MINUTE));
    }
}
