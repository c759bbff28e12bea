package dev.switchboard.operators.records;

import java.util.ArrayList;
import java.util.List;

/**
 * What the routing operator needs to hear of a conversation, from the customer-level decision
 * state: its intent once settled (with the customer's history), each change of its escalation
 * level, and its close. A few per conversation, never one per message. Internal: not published.
 */
public class RoutingSignal {
    public enum Kind {
        /** The intent settled: the conversation can be routed. */
        INTENT,
        /** The live escalation level changed. */
        LEVEL,
        /** The conversation closed (or was erased): routing forgets it. */
        CLOSED
    }

    public Kind kind;
    public String tenant;
    public String conversationId;
    public String customerId;
    public Channel channel;

    /** The triggering message, or null (waiting timers, closes). */
    public String messageId;

    public long ts;
    public long startedAt;
    public String customerTier;
    public String language;
    public String intent;
    public double intentConfidence;
    public String intentModel;
    public double customerSentiment;

    /** The live escalation level after this signal. */
    public EscalationLevel level = EscalationLevel.NONE;

    /** INTENT only: the customer's past contacts, newest first. */
    public List<PriorContact> history = new ArrayList<>();

    public RoutingSignal() {}

    @Override
    public String toString() {
        return "RoutingSignal{"
                + kind
                + " "
                + tenant
                + "/"
                + conversationId
                + " "
                + intent
                + " "
                + level
                + "}";
    }
}
