package dev.switchboard.operators.records;

import dev.switchboard.models.sentiment.SpeakerRole;

/**
 * A message with its sentiment, published on {@code switchboard.scores} and fed to the conversation
 * state. It carries no text: what leaves the job should not spread customer text.
 */
public class ScoredMessage {
    /** Deterministic: a name-based UUID of tenant, conversation and message id. */
    public String id;

    public String tenant;
    public String conversationId;
    public String messageId;
    public String customerId;
    public Channel channel;
    public SpeakerRole role;
    public String agentId;
    public String language;

    /** Event time of the message, epoch ms. */
    public long ts;

    public Sentiment sentiment;

    /** Processing time when the score was computed, epoch ms; for latency measurement only. */
    public long decidedAt;

    public ScoredMessage() {}

    public String conversationKey() {
        return tenant + "/" + conversationId;
    }

    @Override
    public String toString() {
        return "ScoredMessage{"
                + tenant
                + "/"
                + conversationId
                + " msg="
                + messageId
                + " "
                + role
                + " "
                + sentiment
                + "}";
    }
}
