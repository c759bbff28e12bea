package dev.switchboard.operators.records;

import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SpeakerRole;

/**
 * The signals of one conversation right after one of its messages, or when its customer has waited
 * too long for an agent ({@link #waitTimer}), from the conversation state to the customer-level
 * decisions (inside a {@link CustomerEvent}). A conversation's close is a {@link
 * ConversationClosed}, not an update. Internal: not published.
 */
public class ConversationUpdate {
    public String tenant;
    public String conversationId;
    public String customerId;
    public Channel channel;

    /** The message that caused this update. */
    public String messageId;

    public SpeakerRole role;
    public long ts;
    public SentimentLabel label;
    public double score;
    public double confidence;

    /**
     * False when the message was not scored (unsupported language, or not a customer message
     * scored).
     */
    public boolean supported;

    /**
     * Exponentially weighted customer sentiment score, in [-1, 1]; 0 before the first customer
     * message.
     */
    public double customerSentiment;

    /**
     * Least-squares slope of the customer's scores over the last messages of the trend window, in
     * score per message (negative: getting worse); 0 until three messages were scored.
     */
    public double customerTrend;

    /**
     * Consecutive negative customer messages, ending with this one (0 when this one is not
     * negative).
     */
    public int negativeStreak;

    public int customerMessages;
    public int agentMessages;
    public int botMessages;

    /** The explicit request in this message, NONE when there is none. */
    public EscalationRequest escalationRequest = EscalationRequest.NONE;

    /**
     * True when the update comes from the waiting timer, not a message: the customer has waited
     * {@link #waitingMs} for an agent's reply.
     */
    public boolean waitTimer;

    /**
     * How long the customer has been waiting for an agent's reply at this update, 0 if not waiting.
     */
    public long waitingMs;

    /**
     * The start of the customer's message, unredacted (personal data: internal only); else null.
     */
    public String excerpt;

    /** True when the message's score is the meaning tier's second opinion ({@code Sentiment}). */
    public boolean secondOpinion;

    /**
     * The key of the customer-level decision state: {@code tenant/c/customerId}, or {@code
     * tenant/v/conversationId} when the conversation's first message did not name its customer.
     * Fixed for the life of the conversation.
     */
    public String customerKey;

    /** True on the first update of a conversation. */
    public boolean opened;

    /** Event time of the conversation's first record, epoch ms. */
    public long startedAt;

    public String customerTier;

    /** The language of the customer's latest scored message, or null. */
    public String language;

    /**
     * The conversation's intent, set on the one update where it was settled: confident, or {@code
     * unknown} after the configured number of customer messages; null on every other update.
     */
    public String intent;

    public double intentConfidence;

    /** The id of the model that read {@link #intent}, on the update where it settles. */
    public String intentModel;

    /**
     * Whether a later customer message may still settle the intent (the tenant reads intents and
     * this conversation's is not settled yet).
     */
    public boolean intentPending;

    /** The conversation's agent: the latest agent message's {@code agentId}; null before any. */
    public String agentId;

    public ConversationUpdate() {}

    @Override
    public String toString() {
        return "ConversationUpdate{"
                + tenant
                + "/"
                + conversationId
                + " msg="
                + messageId
                + " "
                + role
                + String.format(
                        " score=%.2f ewma=%.2f trend=%.2f streak=%d",
                        score, customerSentiment, customerTrend, negativeStreak)
                + "}";
    }
}
