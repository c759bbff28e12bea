package dev.switchboard.operators.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
    public boolean equals(Object o) {
        return o instanceof RoutingDecision d
                && Double.compare(intentConfidence, d.intentConfidence) == 0
                && priority == d.priority
                && ts == d.ts
                && decidedAt == d.decidedAt
                && Objects.equals(id, d.id)
                && Objects.equals(tenant, d.tenant)
                && Objects.equals(conversationId, d.conversationId)
                && Objects.equals(customerId, d.customerId)
                && Objects.equals(intent, d.intent)
                && Objects.equals(intentModel, d.intentModel)
                && Objects.equals(language, d.language)
                && Objects.equals(skills, d.skills)
                && Objects.equals(queue, d.queue)
                && Objects.equals(reasons, d.reasons)
                && channel == d.channel
                && level == d.level
                && Double.compare(expectedWaitSeconds, d.expectedWaitSeconds) == 0
                && Objects.equals(history, d.history);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

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
