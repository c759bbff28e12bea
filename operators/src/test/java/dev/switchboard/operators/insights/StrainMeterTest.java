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

    @Test
    void aRunOfDifficultContactsRaisesStrainAndACalmContactLowersIt() {
        record(AgentSignal.Kind.CONTACT_ENDED, 1, true);
        record(AgentSignal.Kind.CONTACT_ENDED, 5, true);
        assertTrue(insights.isEmpty());
        record(AgentSignal.Kind.CONTACT_ENDED, 9, true);
        Insight opened = insights.get(0);
        assertEquals(Insight.Phase.OPENED, opened.phase);
        assertEquals(StrainLevel.ELEVATED, opened.level);
        assertEquals(List.of(StrainReason.DIFFICULT_RUN), opened.reasons);
        assertEquals(3, opened.difficultRun);
        assertEquals(StrainMeter.CALMER, opened.suggestion);
        record(AgentSignal.Kind.CONTACT_ENDED, 14, false);
        Insight closed = insights.get(1);
        assertEquals(Insight.Phase.CLOSED, closed.phase);
        assertEquals(StrainLevel.NONE, closed.level);
        assertEquals(opened.episodeId, closed.episodeId);
    }

    @Test
    void hostileMessagesAndEscalationsTogetherAreHighAndSuggestABreak() {
        for (int m = 0; m < 6; m++) {
            record(AgentSignal.Kind.HOSTILE_MESSAGE, m, false);
        }
        assertEquals(StrainLevel.ELEVATED, insights.get(0).level);
        record(AgentSignal.Kind.ESCALATED, 7, false);
        record(AgentSignal.Kind.ESCALATED, 8, false);
        record(AgentSignal.Kind.ESCALATED, 9, false);
        Insight high = insights.get(insights.size() - 1);
        assertEquals(Insight.Phase.UPDATED, high.phase);
        assertEquals(StrainLevel.HIGH, high.level);
        assertEquals(
                List.of(StrainReason.HOSTILE_MESSAGES, StrainReason.ESCALATED_CONVERSATIONS),
                high.reasons);
        assertEquals(StrainMeter.BREAK, high.suggestion);
    }

    @Test
    void strainFallsAsTheShiftWindowSlidesWithoutFlappingOnTheWay() {
        for (int m = 0; m < 6; m++) {
            record(AgentSignal.Kind.HOSTILE_MESSAGE, m * 10, false);
        }
        assertEquals(1, insights.size());
        // The oldest hostile messages leave the window one by one; half the threshold holds it.
        for (long t = 120; t <= 180; t += 10) {
            Insight i = StrainMeter.timePassed(s, t * MINUTE, policy);
            if (i != null) {
                insights.add(i);
            }
        }
        assertEquals(2, insights.size(), insights.toString());
        Insight closed = insights.get(1);
        assertEquals(Insight.Phase.CLOSED, closed.phase);
        // Held at 5, 4 and 3 hostile messages (half of 6 holds), closed at 2.
        assertEquals(150 * MINUTE, closed.ts);
        assertEquals(2, closed.hostileMessages);
    }

    @Test
    void minutesInNegativeConversationsCount() {
        AgentSignal a = new AgentSignal(AgentSignal.Kind.CONTACT_ENDED, "acme", "a", "c", MINUTE);
        a.negativeMs = 31 * MINUTE;
        Insight i = StrainMeter.record(s, a, policy);
        assertNotNull(i);
        assertEquals(List.of(StrainReason.NEGATIVE_TIME), i.reasons);
        assertEquals(31, i.negativeMinutes);
    }

    @Test
    void turningStrainOffClosesWhatIsRaised() {
        for (int m = 0; m < 3; m++) {
            record(AgentSignal.Kind.CONTACT_ENDED, m, true);
        }
        Insight off = StrainMeter.turnedOff(s, 10 * MINUTE);
        assertEquals(Insight.Phase.CLOSED, off.phase);
        assertEquals(insights.get(0).episodeId, off.episodeId);
        assertNull(StrainMeter.turnedOff(s, 11 * MINUTE));
    }
}
