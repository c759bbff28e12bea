package dev.switchboard.operators.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationLevel;
import org.junit.jupiter.api.Test;

/**
 * The episode's rules without Flink: evidence window, the inherited watch's hold, level and peak.
 */
class ConversationEpisodeTest {
    private final EscalationPolicy policy = EscalationPolicy.defaults();

    private static ConversationUpdate turn(
            String id, double score, double sentiment, int count, long ts) {
        ConversationUpdate u = EscalationPolicyTest.update(sentiment, count, ts);
        u.messageId = id;
        u.score = score;
        u.label =
                score < -0.2
                        ? SentimentLabel.NEGATIVE
                        : score > 0.2 ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
        return u;
    }

    @Test
    void keepsTheLatestEvidenceAndMovesLevelAndPeakOnlyWhenApplied() {
        EscalationState s = new EscalationState();
        EscalationRules.Transition t = null;
        for (int i = 1; i <= 5 && t == null; i++) {
            t =
                    ConversationEpisode.advance(
                            s, policy, turn("m" + i, -0.95, -0.95, i, i * 1000L), true);
        }
        assertNotNull(t, "five furious turns make a transition");
        assertEquals(EscalationLevel.NONE, s.level, "advance reads; it does not move the level");
        ConversationEpisode.apply(s, t, 9_000);
        assertEquals(t.level(), s.level);
        assertEquals(t.level(), s.peakLevel);
        assertEquals(true, s.recent.size() <= EscalationPolicy.EVIDENCE_SIZE);
        ConversationEpisode.apply(
                s,
                new EscalationRules.Transition(EscalationLevel.RECOVERED, java.util.List.of()),
                10_000);
        assertEquals(EscalationLevel.NONE, s.level);
        assertEquals(t.level(), s.peakLevel, "the peak stays");
        assertEquals(10_000, s.recoveredAt);
    }

    @Test
    void anInheritedWatchDoesNotRecoverOnTheFirstCalmMessage() {
        EscalationState s = ConversationEpisode.inheritedWatch();
        assertNull(
                ConversationEpisode.advance(s, policy, turn("m1", 0.9, 0.9, 1, 1_000), true),
                "a calm hello");
        EscalationRules.Transition later = null;
        for (int i = 2; i <= 6 && later == null; i++) {
            later =
                    ConversationEpisode.advance(
                            s, policy, turn("m" + i, 0.9, 0.9, i, i * 1_000L), true);
        }
        assertNotNull(later, "calm turns later recover it");
        assertEquals(EscalationLevel.RECOVERED, later.level());
    }
}
