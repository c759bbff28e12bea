package dev.switchboard.operators.escalation;

import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.PriorContact;
import dev.switchboard.operators.records.RoutingSignal;
import java.util.ArrayList;
import java.util.List;

/**
 * What routing needs to hear of a conversation: its intent (with the customer's history), each live
 * level change, its close.
 */
final class RoutingSignals {
    private RoutingSignals() {}

    /**
     * A signal about {@code u}'s conversation.
     *
     * @param history the customer's past contacts, sent with an {@code INTENT} signal only; may be
     *     null
     */
    static RoutingSignal of(
            ConversationUpdate u,
            RoutingSignal.Kind kind,
            EscalationLevel level,
            List<PriorContact> history) {
        RoutingSignal r = new RoutingSignal();
        r.kind = kind;
        r.tenant = u.tenant;
        r.conversationId = u.conversationId;
        r.customerId = u.customerId;
        r.channel = u.channel;
        r.messageId = u.waitTimer ? null : u.messageId;
        r.ts = u.ts;
        r.startedAt = u.startedAt;
        r.customerTier = u.customerTier;
        r.language = u.language;
        r.intent = u.intent;
        r.intentConfidence = u.intentConfidence;
        r.intentModel = u.intentModel;
        r.customerSentiment = u.customerSentiment;
        r.level = level;
        if (kind == RoutingSignal.Kind.INTENT && history != null) {
            r.history = new ArrayList<>(history);
        }
        return r;
    }

    /** A conversation erased with its customer: routing forgets it. */
    static RoutingSignal closed(String tenant, String conversationId, long ts) {
        RoutingSignal closed = new RoutingSignal();
        closed.kind = RoutingSignal.Kind.CLOSED;
        closed.tenant = tenant;
        closed.conversationId = conversationId;
        closed.ts = ts;
        return closed;
    }
}
