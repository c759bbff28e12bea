package dev.switchboard.operators.conversation;

import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.CloseReason;
import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.CustomerEvent;
import dev.switchboard.operators.records.RecordIds;

/**
 * The records a conversation's state sends on, in plain Java: the update that carries a message to
 * the escalation decision (with the customer's key, minted on the conversation's first message),
 * the close that ends its decision state, and the summary published when it closes.
 */
public final class ConversationRecords {
    private ConversationRecords() {}

    static ConversationUpdate update(ConversationState s, ConversationEvent e) {
        boolean opened = s.customerKey == null;
        if (opened) {
            s.customerKey = CustomerEvent.customerKey(e.tenant, s.customerId, e.conversationId);
        }
        if (e.role == SpeakerRole.AGENT && e.agentId != null) {
            s.agentId = e.agentId;
        }
        // The event names its conversation; no need to split the key on the per-message path.
        ConversationUpdate u = baseUpdate(s, e.tenant, e.conversationId);
        u.opened = opened;
        u.messageId = e.messageId;
        u.role = e.role;
        u.ts = e.ts;
        if (e.escalationRequest != null) {
            u.escalationRequest = e.escalationRequest;
        }
        u.waitingMs = s.waitingSince == 0 ? 0 : e.ts - s.waitingSince;
        u.excerpt = e.text;
        if (e.sentiment != null) {
            u.score = e.sentiment.score;
            u.confidence = e.sentiment.confidence;
            u.label = e.sentiment.label;
            u.supported = e.sentiment.supported;
            u.secondOpinion = e.sentiment.secondOpinion;
        }
        return u;
    }

    static ConversationUpdate baseUpdate(
            ConversationState s, String tenant, String conversationId) {
        ConversationUpdate u = new ConversationUpdate();
        u.tenant = tenant;
        u.conversationId = conversationId;
        u.customerId = s.customerId;
        u.channel = s.channel;
        u.customerSentiment = s.customerSentiment;
        u.customerTrend = ConversationStatistics.trend(s.recentScores, s.customerScored);
        u.negativeStreak = s.negativeStreak;
        u.customerMessages = s.customerMessages;
        u.agentMessages = s.agentMessages;
        u.botMessages = s.botMessages;
        u.customerKey = s.customerKey;
        u.startedAt = s.startedAt;
        u.customerTier = s.customerTier;
        u.language = s.language;
        u.agentId = s.agentId;
        return u;
    }

    /** The close of a conversation, for the customer-level state. */
    static ConversationClosed closed(
            ConversationState s,
            String tenant,
            String conversationId,
            long closedAt,
            boolean erased) {
        ConversationClosed c = new ConversationClosed();
        c.tenant = tenant;
        c.conversationId = conversationId;
        c.customerId = s.customerId;
        c.channel = s.channel;
        c.ts = closedAt;
        c.erased = erased;
        c.customerMessages = s.customerMessages;
        c.customerSentiment = s.customerSentiment;
        c.intent = s.intent;
        return c;
    }

    /**
     * Tenants cannot contain '/', so the first one in a key {@code tenant/conversationId} splits
     * it.
     */
    static String tenantOf(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    static String conversationOf(String key) {
        return key.substring(key.indexOf('/') + 1);
    }

    static ConversationSummary summary(
            ConversationState s, String key, CloseReason reason, long closedAt) {
        ConversationSummary c = new ConversationSummary();
        c.tenant = tenantOf(key);
        c.conversationId = conversationOf(key);
        c.id =
                RecordIds.of(
                        "summary",
                        c.tenant,
                        c.conversationId,
                        reason.name(),
                        Long.toString(s.startedAt));
        c.customerId = s.customerId;
        c.channel = s.channel;
        c.queue = s.queue;
        c.customerTier = s.customerTier;
        c.closeReason = reason;
        c.startedAt = s.startedAt;
        c.closedAt = closedAt;
        c.lastActivityAt = s.lastActivityAt;
        c.customerMessages = s.customerMessages;
        c.agentMessages = s.agentMessages;
        c.botMessages = s.botMessages;
        c.skippedPartials = s.skippedPartials;
        c.customerSentimentMean = s.customerScored == 0 ? 0 : s.customerScoreSum / s.customerScored;
        c.customerSentimentFinal = s.customerSentiment;
        c.customerSentimentMin = s.customerSentimentMin;
        c.customerSecondOpinions = s.customerSecondOpinions;
        c.intent = s.intent;
        c.language = s.language;
        c.decidedAt = System.currentTimeMillis();
        return c;
    }
}
