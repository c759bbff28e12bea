package dev.switchboard.operators.records;

/**
 * What is left of a conversation when it closes, published on {@code switchboard.conversations} and
 * later the input of per-customer history. No text.
 */
public class ConversationSummary {
    /** Deterministic: a name-based UUID of tenant, conversation and close reason. */
    public String id;

    public String tenant;
    public String conversationId;
    public String customerId;
    public Channel channel;
    public String queue;
    public String customerTier;
    public CloseReason closeReason;

    /** Event time of the first record seen, epoch ms. */
    public long startedAt;

    /** Event time of the close: the end record's, or last activity plus the idle timeout. */
    public long closedAt;

    public long lastActivityAt;
    public int customerMessages;
    public int agentMessages;
    public int botMessages;
    public int skippedPartials;

    /** Mean of the customer's message scores; 0 when the customer wrote nothing. */
    public double customerSentimentMean;

    /** The exponentially weighted customer score at close. */
    public double customerSentimentFinal;

    public double customerSentimentMin;

    /**
     * Customer messages whose score was re-read by the meaning tier's second opinion; 0 when the
     * tier is off.
     */
    public int customerSecondOpinions;

    /**
     * The intent the conversation was routed with ({@code unknown} if unread); null for tenants
     * without routing.
     */
    public String intent;

    /** The language of the customer's latest scored message, or null. */
    public String language;

    public long decidedAt;

    public ConversationSummary() {}

    @Override
    public String toString() {
        return "ConversationSummary{"
                + tenant
                + "/"
                + conversationId
                + " "
                + closeReason
                + " customer="
                + customerMessages
                + " agent="
                + agentMessages
                + String.format(" mean=%.2f", customerSentimentMean)
                + "}";
    }
}
