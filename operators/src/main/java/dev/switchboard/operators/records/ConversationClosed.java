package dev.switchboard.operators.records;

/**
 * A conversation has ended (its {@code conversation.ended} record, or no record for the idle
 * timeout) or was erased with its customer: the customer-level operator drops its decision state
 * and, unless erased, writes its outcome to the customer's history. Internal: not published.
 */
public class ConversationClosed {
    public String tenant;
    public String conversationId;
    public String customerId;
    public Channel channel;

    /** Event time of the close, epoch ms. */
    public long ts;

    /** True when the conversation was cleared by an erase request: nothing of it is kept. */
    public boolean erased;

    public int customerMessages;

    /** The customer's weighted sentiment at the close, in [-1, 1]. */
    public double customerSentiment;

    /** The conversation's settled intent, or null. */
    public String intent;

    public ConversationClosed() {}

    @Override
    public String toString() {
        return "ConversationClosed{"
                + tenant
                + "/"
                + conversationId
                + (erased ? " erased" : "")
                + "}";
    }
}
