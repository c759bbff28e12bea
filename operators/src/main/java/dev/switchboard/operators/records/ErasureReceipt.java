package dev.switchboard.operators.records;

import java.util.ArrayList;
import java.util.List;

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
    public String toString() {
        return "ErasureReceipt{" + requestId + " " + conversations.size() + " conversations}";
    }
}
