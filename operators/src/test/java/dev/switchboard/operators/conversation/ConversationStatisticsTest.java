package dev.switchboard.operators.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.Sentiment;
import org.junit.jupiter.api.Test;

/**
 * A conversation's statistics without Flink: counts, the weighted sentiment, its trend, the streak.
 */
class ConversationStatisticsTest {
    private static ConversationEvent customer(double score) {
        ConversationEvent e = new ConversationEvent();
        e.role = SpeakerRole.CUSTOMER;
        e.sentiment =
                new Sentiment(
                        score < -0.2 ? SentimentLabel.NEGATIVE : SentimentLabel.POSITIVE,
                        score,
                        0.9,
                        true,
                        null);
        return e;
    }

    @Test
    void weighsTheNewestScoreFitsTheTrendAndCountsTheNegativeRun() {
        ConversationStatistics statistics = new ConversationStatistics(0.5, 4);
        ConversationState s = new ConversationState();
        for (double score : new double[] {0.8, 0.2, -0.4, -0.8}) {
            statistics.count(s, customer(score));
        }
        ConversationEvent agent = new ConversationEvent();
        agent.role = SpeakerRole.AGENT;
        statistics.count(s, agent);
        assertEquals(4, s.customerMessages);
        assertEquals(1, s.agentMessages);
        // 0.8 -> 0.5 -> 0.05 -> -0.375
        assertEquals(-0.375, s.customerSentiment, 1e-9);
        assertEquals(-0.8, s.customerSentimentMin, 1e-6);
        assertEquals(2, s.negativeStreak);
        assertEquals("en", s.language);
        // slope of 0.8, 0.2, -0.4, -0.8 over x = 0..3
        assertEquals(-0.54, ConversationStatistics.trend(s.recentScores, s.customerScored), 1e-6);
    }
}
