package dev.switchboard.operators.records;

import dev.switchboard.operators.records.wire.CustomerEventFormat;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What the customer-level operator (escalation decisions and the customer's history, keyed by
 * {@link #customerKey}) hears: exactly one of {@link #update} (a message or a long wait, with the
 * conversation's signals), {@link #closed} (the conversation ended, went idle or was erased) and
 * {@link #erase} (an erase request for the customer, straight from the control topic) is set. One
 * stream, not three, so that a conversation's updates and its close arrive in the order they were
 * made. Internal: not published.
 *
 * <p>Flink writes it with {@link CustomerEventFormat}, not as a POJO (it crosses the network for
 * every customer message): a field added here or to its parts is added there too, or {@code
 * WireFormatsTest} fails.
 */
@TypeInfo(CustomerEventFormat.TypeInfo.class)
public class CustomerEvent {
    /**
     * The key of the customer-level state: {@code tenant/c/customerId}, or {@code
     * tenant/v/conversationId} for a conversation whose customer was not named when it opened (see
     * {@link #customerKey(String, String, String)}).
     */
    public String customerKey;

    public ConversationUpdate update;
    public ConversationClosed closed;

    /** An {@code erase} request ({@link EventType#ERASE}). */
    public ConversationEvent erase;

    public CustomerEvent() {}

    public static CustomerEvent of(ConversationUpdate update) {
        CustomerEvent e = new CustomerEvent();
        e.customerKey = update.customerKey;
        e.update = update;
        return e;
    }

    public static CustomerEvent of(String customerKey, ConversationClosed closed) {
        CustomerEvent e = new CustomerEvent();
        e.customerKey = customerKey;
        e.closed = closed;
        return e;
    }

    /** An erase request, to the state of the customer it names. */
    public static CustomerEvent erase(ConversationEvent request) {
        CustomerEvent e = new CustomerEvent();
        e.customerKey = customerKey(request.tenant, request.customerId, null);
        e.erase = request;
        return e;
    }

    /**
     * The key of the customer-level state: {@code tenant/c/customerId}, or {@code
     * tenant/v/conversationId} for a conversation of an unknown customer. The marker after the
     * tenant keeps the two apart whatever the ids contain.
     */
    public static String customerKey(String tenant, String customerId, String conversationId) {
        return customerId != null ? tenant + "/c/" + customerId : tenant + "/v/" + conversationId;
    }

    /**
     * True for the key of a known customer; a conversation of an unknown customer has a key of its
     * own, and no history.
     */
    public static boolean isCustomerKey(String key) {
        return key.startsWith("c/", key.indexOf('/') + 1);
    }

    @Override
    public String toString() {
        Object what = update != null ? update : closed != null ? closed : erase;
        return "CustomerEvent{" + customerKey + ": " + what + "}";
    }
}
