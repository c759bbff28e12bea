package dev.switchboard.operators.records;

import java.util.ArrayList;
import java.util.List;

/**
 * What one parallel instance of one stage that holds customer data cleared for one erase request.
 * Internal: the parts of a request are combined into one {@link ErasureReceipt}. Each stage says
 * how many parts it sends (its own parallelism, which it knows), so no operator needs to know
 * another's.
 */
public class ErasurePart {
    /** The stage of the per-conversation state ({@code TrackConversation}). */
    public static final String CONVERSATIONS = "conversations";

    /** The stage of the customer-level state ({@code DecideEscalation}): decisions and history. */
    public static final String CUSTOMER = "customer";

    public String requestId;
    public String tenant;
    public String customerId;

    /** Conversation ids whose state this instance cleared. */
    public List<String> conversations = new ArrayList<>();

    /**
     * The stage that sent this part ({@link #CONVERSATIONS} or {@link #CUSTOMER}). In a part kept
     * in state by an earlier release it is null; such a request never completes (see
     * docs/operations.md).
     */
    public String stage;

    /** How many parts this part's stage sends for the request. */
    public int parts;

    public long ts;

    public ErasurePart() {}

    /** A part of {@code stage}'s answer to an erase request, one of {@code parts}. */
    public static ErasurePart of(ConversationEvent request, String stage, int parts) {
        ErasurePart part = new ErasurePart();
        part.requestId = request.requestId;
        part.tenant = request.tenant;
        part.customerId = request.customerId;
        part.stage = stage;
        part.parts = parts;
        part.ts = request.ts;
        return part;
    }

    @Override
    public String toString() {
        return "ErasurePart{" + requestId + " " + conversations.size() + " conversations}";
    }
}
