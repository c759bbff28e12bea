package dev.switchboard.operators.records;

import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.wire.ConversationEventFormat;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A valid input record of contract v1 (see docs/contract.md): a message or transcript segment, a
 * conversation lifecycle event, or (on the control topic) an erase request. One type for all three
 * so that one keyed operator sees them in Kafka order; fields that a type does not carry are null.
 *
 * <p>Flink writes it with {@link ConversationEventFormat}, not as a POJO (it crosses the network
 * twice per message): a field added here is added there too, or {@code WireFormatsTest} fails.
 */
@TypeInfo(ConversationEventFormat.TypeInfo.class)
public class ConversationEvent {
    public EventType type;
    public String tenant;
    public String conversationId;

    /** Unique within the conversation; null for lifecycle events. */
    public String messageId;

    public String customerId;
    public Channel channel;
    public SpeakerRole role;
    public String agentId;

    /** Customer text: personal data, never logged at INFO and left out of {@link #toString()}. */
    public String text;

    /** Event time, epoch milliseconds. */
    public long ts;

    public String language;

    /**
     * Voice segments: whether the recogniser has finished this segment. Null for other channels.
     */
    public Boolean isFinal;

    public Long startMs;
    public Long endMs;
    public Double confidence;
    public String customerTier;
    public String queue;

    /** Erase requests: the requester's id, echoed in the receipt. */
    public String requestId;

    /** Set by the score step on final messages; null on lifecycle events and partial segments. */
    public Sentiment sentiment;

    /** Set by the score step on a customer's final messages in English; null elsewhere. */
    public EscalationRequest escalationRequest;

    /**
     * Set by the meaning tier ({@code ReadMeaning}) on the first customer messages it reads: the
     * intent read from the message's meaning, its probability and the model's id; null when the
     * tier did not read the message (the hashed intent model reads it then).
     */
    public String meaningIntent;

    public Double meaningIntentConfidence;
    public String meaningModel;

    /**
     * Set by the score step on a customer's message scored by the shipped English model whose fast
     * score could move the conversation's escalation level ({@code DecisiveTurns}), when the
     * meaning tier's second opinion asks for such turns; the tier re-scores them whatever the fast
     * model's confidence.
     */
    public boolean decisiveTurn;

    public ConversationEvent() {}

    public boolean isPartialSegment() {
        return type == EventType.MESSAGE && Boolean.FALSE.equals(isFinal);
    }

    /** The Kafka key and the keyed-state key: {@code tenant/conversationId}. */
    public String conversationKey() {
        return tenant + "/" + conversationId;
    }

    @Override
    public String toString() {
        return "ConversationEvent{"
                + (type == null ? null : type.wireName())
                + " "
                + tenant
                + "/"
                + conversationId
                + (messageId == null ? "" : " msg=" + messageId)
                + " role="
                + role
                + " ts="
                + ts
                + "}";
    }
}
