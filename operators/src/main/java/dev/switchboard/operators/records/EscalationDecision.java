package dev.switchboard.operators.records;

import dev.switchboard.models.requests.EscalationRequest;
import java.util.ArrayList;
import java.util.List;

/** A change of a conversation's escalation level, published on {@code switchboard.escalations}. */
public class EscalationDecision {
    /** Deterministic: a name-based UUID of tenant, conversation, level and triggering message. */
    public String id;

    public String tenant;
    public String conversationId;
    public String customerId;
    public Channel channel;
    public EscalationLevel level;
    public EscalationLevel previousLevel;
    public List<ReasonCode> reasons = new ArrayList<>();

    /** The recent customer messages the decision rests on, oldest first. */
    public List<Evidence> evidence = new ArrayList<>();

    /** The triggering message's id; null when the decision was triggered by waiting time. */
    public String messageId;

    /** The customer's explicit request behind an ESCALATION_REQUEST reason, else NONE. */
    public EscalationRequest request = EscalationRequest.NONE;

    /** How long the customer had waited for an agent's reply, ms; 0 when not waiting. */
    public long waitingMs;

    public String policy;

    /**
     * The tenant's sentiment model, {@code name@version}: the one that scored the conversation's
     * messages.
     */
    public String sentimentModel;

    public int policyVersion;

    /**
     * True for a shadow policy's decision (published on {@code switchboard.escalations.shadow}
     * only).
     */
    public boolean shadow;

    /** The language of the customer's latest scored message (ISO 639-1 or a tag), or null. */
    public String language;

    /** The customer's weighted sentiment when the decision was taken. */
    public double customerSentiment;

    /** Event time of the triggering message, epoch ms. */
    public long ts;

    /** Processing time of the decision, epoch ms; for latency measurement only. */
    public long decidedAt;

    public EscalationDecision() {}

    @Override
    public String toString() {
        return "EscalationDecision{"
                + tenant
                + "/"
                + conversationId
                + " "
                + previousLevel
                + "->"
                + level
                + " "
                + reasons
                + (shadow ? " shadow " : " ")
                + policy
                + " v"
                + policyVersion
                + "}";
    }
}
