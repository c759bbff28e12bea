package dev.switchboard.pipeline.config;

import dev.switchboard.operators.conversation.ConversationStatistics;
import java.time.Duration;

/**
 * How a conversation's state is kept and summed up.
 *
 * @param idleTimeout event time without records after which a conversation is closed
 * @param longWait event time a customer may wait for an agent's reply before it is a reason to
 *     escalate
 * @param stateTtl processing-time TTL of every keyed state, the safety net behind the idle timeout
 * @param sentimentSmoothing weight of the newest customer message in the running sentiment
 * @param trendWindow how many of the customer's latest scores the sentiment trend is fitted to
 */
public record ConversationSettings(
        Duration idleTimeout,
        Duration longWait,
        Duration stateTtl,
        double sentimentSmoothing,
        int trendWindow) {
    public ConversationSettings {
        SwitchboardConfig.require(
                idleTimeout.toMillis() >= 1000, "--idle-timeout must be at least 1s");
        SwitchboardConfig.require(
                stateTtl.compareTo(idleTimeout) > 0,
                "--state-ttl must be longer than --idle-timeout");
        SwitchboardConfig.require(longWait.toMillis() >= 1000, "--long-wait must be at least 1s");
        SwitchboardConfig.require(
                sentimentSmoothing > 0 && sentimentSmoothing <= 1,
                "--sentiment-smoothing must be in (0, 1]");
        SwitchboardConfig.require(
                trendWindow >= ConversationStatistics.MIN_TREND_POINTS && trendWindow <= 64,
                "--trend-window must be in [3, 64]");
    }
}
