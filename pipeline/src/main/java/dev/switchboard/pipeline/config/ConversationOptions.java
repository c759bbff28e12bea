package dev.switchboard.pipeline.config;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of {@code switchboard run} that say how a conversation is followed: {@link
 * ConversationSettings}.
 */
public class ConversationOptions {
    @Option(
            names = "--idle-timeout",
            description =
                    "Close a conversation after this much event time without records (default: ${DEFAULT-VALUE}).",
            defaultValue = "30min")
    public Duration idleTimeout;

    @Option(
            names = "--long-wait",
            description =
                    "A customer waiting this long (event time) for an agent's reply is a reason to escalate (default: ${DEFAULT-VALUE}).",
            defaultValue = "3min")
    public Duration longWait;

    @Option(
            names = "--state-ttl",
            description = "Processing-time TTL of keyed state (default: ${DEFAULT-VALUE}).",
            defaultValue = "24h")
    public Duration stateTtl;

    @Option(
            names = "--sentiment-smoothing",
            description =
                    "Weight of the newest customer message in the running sentiment (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.5")
    public double sentimentSmoothing;

    @Option(
            names = "--trend-window",
            description =
                    "How many of the customer's latest scores the sentiment trend is fitted to (default: ${DEFAULT-VALUE}).",
            defaultValue = "4")
    public int trendWindow;

    ConversationSettings toSettings() {
        return new ConversationSettings(
                idleTimeout, longWait, stateTtl, sentimentSmoothing, trendWindow);
    }
}
