package dev.switchboard.operators.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one parallel instance of the conversation state cleared for one erase request. Internal: the
 * parts of a request are combined into one {@link ErasureReceipt}.
 */
public class ErasurePart {
    public String requestId;
    public String tenant;
    public String customerId;

    /** Conversation ids whose state this instance cleared. */
    public List<String> conversations = new ArrayList<>();

    /** How many parts make the whole receipt: the parallelism of the conversation state. */
    public int parts;

    public long ts;

    public ErasurePart() {}

    @Override
    public boolean equals(Object o) {
        return o instanceof ErasurePart p
                && parts == p.parts
                && ts == p.ts
                && Objects.equals(requestId, p.requestId)
                && Objects.equals(tenant, p.tenant)
                && Objects.equals(customerId, p.customerId)
                && Objects.equals(conversations, p.conversations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, conversations);
    }

    @Override
    public String toString() {
        return "ErasurePart{" + requestId + " " + conversations.size() + " conversations}";
    }
}
