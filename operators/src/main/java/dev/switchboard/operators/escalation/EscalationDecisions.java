package dev.switchboard.operators.escalation;

import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.Evidence;
import dev.switchboard.operators.records.ReasonCode;
import dev.switchboard.operators.records.RecordIds;
import dev.switchboard.operators.score.ScoreSentiment;
import dev.switchboard.operators.score.SentimentModels;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The published form of a transition: an {@link EscalationDecision} with its deterministic id, its
 * reasons, the redacted evidence and the policy and model that made it. Plain Java; serialisable,
 * so the Flink function carries it.
 */
final class EscalationDecisions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TenantRedactors redactors;
    private final SentimentModels sentimentModels;

    EscalationDecisions(TenantRedactors redactors, SentimentModels sentimentModels) {
        this.redactors = redactors;
        this.sentimentModels = sentimentModels;
    }

    /**
     * The decision for {@code t}, made on update {@code u} of an episode at {@code previousLevel}
     * with {@code recent} evidence.
     */
    EscalationDecision of(
            ConversationUpdate u,
            EscalationLevel previousLevel,
            List<Evidence> recent,
            EscalationRules.Transition t,
            EscalationPolicy policy,
            boolean shadow) {
        // A wait has no message; its timer's time names it just as uniquely.
        String trigger = u.waitTimer ? "wait@" + u.ts : u.messageId;
        EscalationDecision d = base(u, previousLevel, recent, t, policy, shadow);
        d.id = id(u, t.level().name(), trigger, policy, shadow);
        return d;
    }

    /**
     * The watch a conversation opens at when its customer's last contact ended badly. Named by the
     * conversation, not a message: it is decided once, when the conversation opens.
     */
    EscalationDecision inheritedWatch(
            ConversationUpdate u, EscalationPolicy policy, boolean shadow) {
        EscalationRules.Transition t =
                new EscalationRules.Transition(
                        EscalationLevel.WATCH, List.of(ReasonCode.PREVIOUS_CONTACT_ENDED_BADLY));
        EscalationDecision d = base(u, EscalationLevel.NONE, List.of(), t, policy, shadow);
        d.id = id(u, "WATCH", "previous-contact", policy, shadow);
        return d;
    }

    private static String id(
            ConversationUpdate u,
            String level,
            String trigger,
            EscalationPolicy policy,
            boolean shadow) {
        return shadow
                ? RecordIds.of(
                        "escalation-shadow",
                        u.tenant,
                        u.conversationId,
                        level,
                        trigger,
                        policy.name,
                        Integer.toString(policy.version))
                : RecordIds.of("escalation", u.tenant, u.conversationId, level, trigger);
    }

    private EscalationDecision base(
            ConversationUpdate u,
            EscalationLevel previousLevel,
            List<Evidence> recent,
            EscalationRules.Transition t,
            EscalationPolicy policy,
            boolean shadow) {
        EscalationDecision d = new EscalationDecision();
        d.tenant = u.tenant;
        d.conversationId = u.conversationId;
        d.customerId = u.customerId;
        d.channel = u.channel;
        d.level = t.level();
        d.previousLevel = previousLevel;
        d.reasons = new ArrayList<>(t.reasons());
        // Redacted here, when a decision is published, not on every message: decisions are rare.
        d.evidence = new ArrayList<>(recent.size());
        for (Evidence e : recent) {
            d.evidence.add(
                    new Evidence(
                            e.messageId,
                            e.ts,
                            e.label,
                            e.score,
                            redactors.excerpt(u.tenant, e.excerpt, ScoreSentiment.EXCERPT_LENGTH),
                            e.secondOpinion));
        }
        d.messageId = u.messageId;
        d.request = u.escalationRequest == null ? EscalationRequest.NONE : u.escalationRequest;
        d.waitingMs = u.waitingMs;
        d.policy = policy.name;
        d.policyVersion = policy.version;
        d.shadow = shadow;
        d.customerSentiment = u.customerSentiment;
        d.language = u.language;
        d.sentimentModel = sentimentModels.idFor(u.tenant, u.language);
        d.ts = u.ts;
        d.decidedAt = System.currentTimeMillis();
        return d;
    }
}
