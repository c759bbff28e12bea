package dev.switchboard.operators.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The proof of an erase request, published on {@code switchboard.audit}: what was cleared. */
public class ErasureReceipt {
    /** Deterministic: a name-based UUID of the request id. */
    public String id;

    public String requestId;
    public String tenant;
    public String customerId;

    /**
     * Conversation ids whose state (conversation signals and escalation level) was cleared, sorted.
     */
    public List<String> conversations = new ArrayList<>();

    /** Event time of the erase request, epoch ms. */
    public long ts;

    public long decidedAt;

    public ErasureReceipt() {}

    @Override
    public boolean equals(Object o) {
        return o instanceof ErasureReceipt r
                && ts == r.ts
                && decidedAt == r.decidedAt
                && Objects.equals(id, r.id)
                && Objects.equals(requestId, r.requestId)
                && Objects.equals(tenant, r.tenant)
                && Objects.equals(customerId, r.customerId)
                && Objects.equals(conversations, r.conversations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return "ErasureReceipt{" + requestId + " " + conversations.size() + " conversations}";
    }
}
