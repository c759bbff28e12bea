package dev.switchboard.operators.records;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a conversation should go, published on {@code switchboard.routing}: when its intent
 * settles, and again when its escalation level changes or its queue becomes unavailable.
 */
public class RoutingDecision {
    public String id;
    public String tenant;
    public String conversationId;
    public String customerId;
    public String intent;
    public double intentConfidence;

    /** The tenant's intent model, {@code name@version}. */
    public String intentModel;

    public String language;
    public List<String> skills = new ArrayList<>();
    public String queue;
    public int priority;
    public List<String> reasons = new ArrayList<>();
    public Channel channel;

    /** The live escalation level when the decision was taken. */
    public EscalationLevel level = EscalationLevel.NONE;

    /**
     * The chosen queue's expected wait from its last status, seconds; -1 for the fallback
     * (unknown).
     */
    public double expectedWaitSeconds;

    /** The customer's past contacts, newest first. */
    public List<PriorContact> history = new ArrayList<>();

    public long ts;
    public long decidedAt;

    public RoutingDecision() {}

    @Override
    public String toString() {
        return "RoutingDecision{"
                + tenant
                + "/"
                + conversationId
                + " -> "
                + queue
                + " p"
                + priority
                + " "
                + reasons
                + "}";
    }
}
