package dev.switchboard.operators.escalation;

import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.operators.insights.InsightPolicy;
import dev.switchboard.operators.records.AgentSignal;
import dev.switchboard.operators.records.ComplaintSignal;
import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.score.ScoreSentiment;
import java.io.Serializable;
import java.util.Locale;

/**
 * What one conversation's live escalation episode tells the detectors that look across
 * conversations, in plain Java: a {@link ComplaintSignal} once, when the conversation first reaches
 * the tenant's surge level, under its topic (the settled intent, else the decision's first reason,
 * lower-case); and {@link AgentSignal}s for its agent (each hostile customer message, reaching
 * escalate, and at the close whether the contact was difficult and how long it spent at watch or
 * above). A complaint decided before the intent has settled waits for it (a few customer messages
 * at most) or for the close. Shadow policies send nothing: insights follow the live policy.
 */
final class ContactSignals implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the signals go (the operator's side outputs). */
    interface Out {
        void complaint(ComplaintSignal c);

        void agent(AgentSignal a);
    }

    private final TenantRedactors redactors;

    ContactSignals(TenantRedactors redactors) {
        this.redactors = redactors;
    }

    /**
     * Reads update {@code u}, after the episode {@code s} has been advanced by it; {@code t} is the
     * transition it made, or null.
     */
    void afterStep(
            EscalationState s,
            ConversationUpdate u,
            EscalationRules.Transition t,
            boolean customerMessage,
            InsightPolicy policy,
            Out out) {
        if (u.agentId != null) {
            s.agentId = u.agentId;
        }
        if (u.intent != null) {
            intentSettled(s, u.intent, u.tenant, u.conversationId, out);
        }
        if (customerMessage && u.supported && u.score <= policy.hostileBelow) {
            s.hostileMessages++;
            if (s.agentId != null) {
                out.agent(agent(AgentSignal.Kind.HOSTILE_MESSAGE, u, s));
            }
        }
        if (t == null) {
            return;
        }
        EscalationLevel level = t.level();
        if (level == EscalationLevel.RECOVERED) {
            if (s.negativeSince != 0) {
                s.negativeMs += Math.max(0, u.ts - s.negativeSince);
                s.negativeSince = 0;
            }
            return;
        }
        if (s.negativeSince == 0) {
            s.negativeSince = u.ts;
        }
        if (!s.complaintCounted && level.compareTo(policy.surgeLevel) >= 0) {
            s.complaintCounted = true;
            s.complaintReason =
                    t.reasons().isEmpty()
                            ? "negative_sentiment"
                            : t.reasons().get(0).name().toLowerCase(Locale.ROOT);
            s.complaintExcerpt =
                    redactors.excerpt(u.tenant, u.excerpt, ScoreSentiment.EXCERPT_LENGTH);
            s.complaintAt = u.ts;
            if (s.intent == null && u.intentPending) {
                s.complaintPending = true;
            } else {
                out.complaint(complaint(s, u.tenant, u.conversationId));
            }
        }
        if (level == EscalationLevel.ESCALATE && !s.escalationSignalled && s.agentId != null) {
            s.escalationSignalled = true;
            out.agent(agent(AgentSignal.Kind.ESCALATED, u, s));
        }
    }

    /** The conversation's intent has settled: a complaint waiting for it goes out. */
    void intentSettled(
            EscalationState s, String intent, String tenant, String conversationId, Out out) {
        s.intent = intent;
        if (s.complaintPending) {
            s.complaintPending = false;
            out.complaint(complaint(s, tenant, conversationId));
        }
    }

    /** The conversation has closed; {@code s} (its live episode) may be null. */
    void closed(EscalationState s, ConversationClosed c, Out out) {
        if (s == null) {
            return;
        }
        if (s.complaintPending) {
            s.complaintPending = false;
            out.complaint(complaint(s, c.tenant, c.conversationId));
        }
        if (s.agentId == null) {
            return;
        }
        AgentSignal a =
                new AgentSignal(
                        AgentSignal.Kind.CONTACT_ENDED,
                        c.tenant,
                        s.agentId,
                        c.conversationId,
                        c.ts);
        a.negativeMs =
                s.negativeMs + (s.negativeSince == 0 ? 0 : Math.max(0, c.ts - s.negativeSince));
        a.difficult = s.peakLevel.compareTo(EscalationLevel.ALERT) >= 0 || s.hostileMessages > 0;
        out.agent(a);
    }

    private static ComplaintSignal complaint(
            EscalationState s, String tenant, String conversationId) {
        String topic =
                s.intent != null && !s.intent.equals("unknown") ? s.intent : s.complaintReason;
        return new ComplaintSignal(
                tenant, conversationId, topic, s.complaintExcerpt, s.complaintAt);
    }

    private static AgentSignal agent(
            AgentSignal.Kind kind, ConversationUpdate u, EscalationState s) {
        return new AgentSignal(kind, u.tenant, s.agentId, u.conversationId, u.ts);
    }
}
