package dev.switchboard.operators.escalation;

import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.Evidence;

/**
 * One conversation's escalation episode under one policy, in plain Java: what an update does to its
 * {@link EscalationState} (the evidence window, the runs of negative and calm turns, the level and
 * its peak) and which transition, if any, it makes. {@link DecideEscalation} keeps the state in
 * Flink and publishes the transitions; everything decided is decided here.
 */
final class ConversationEpisode {
    /**
     * Customer messages a conversation that opened at watch (its customer's last contact ended
     * badly) needs before it can recover: a calm greeting is not yet a recovery.
     */
    static final int INHERITED_WATCH_HOLDS_FOR = 2;

    private ConversationEpisode() {}

    /**
     * Reads one update into the episode's state (evidence, runs of turns) and returns the
     * transition it makes, or null. The level is not moved yet: the decision is built from the
     * state as it was, then {@link #apply} moves it.
     *
     * @param customerMessage the update is a customer's message the policy reads
     */
    static EscalationRules.Transition advance(
            EscalationState s,
            EscalationPolicy policy,
            ConversationUpdate u,
            boolean customerMessage) {
        if (customerMessage) {
            s.recent.add(
                    new Evidence(u.messageId, u.ts, u.label, u.score, u.excerpt, u.secondOpinion));
            if (s.recent.size() > EscalationPolicy.EVIDENCE_SIZE) {
                s.recent.remove(0);
            }
            policy.observe(s, u);
        }
        EscalationRules.Transition t = policy.evaluate(s, u);
        if (t != null
                && t.level() == EscalationLevel.RECOVERED
                && s.inheritedWatch
                && u.customerMessages < INHERITED_WATCH_HOLDS_FOR) {
            return null;
        }
        return t;
    }

    /**
     * Moves the state to the transition's level (a recovery ends the episode and starts the
     * cooldown).
     */
    static void apply(EscalationState s, EscalationRules.Transition t, long ts) {
        s.inheritedWatch = false;
        if (t.level() == EscalationLevel.RECOVERED) {
            s.level = EscalationLevel.NONE;
            s.recoveredAt = ts;
        } else {
            s.level = t.level();
            if (s.level.compareTo(s.peakLevel) > 0) {
                s.peakLevel = s.level;
            }
        }
    }

    /** What a closed conversation leaves in its customer's history; {@code s} may be null. */
    static dev.switchboard.operators.records.PriorContact outcome(
            ConversationClosed u, EscalationState s) {
        dev.switchboard.operators.records.PriorContact c =
                new dev.switchboard.operators.records.PriorContact();
        c.conversationId = u.conversationId;
        c.channel = u.channel;
        c.intent = u.intent;
        c.closingSentiment = u.customerSentiment;
        c.closingLevel = s == null ? EscalationLevel.NONE : s.level;
        c.peakLevel = s == null ? EscalationLevel.NONE : s.peakLevel;
        c.closedAt = u.ts;
        return c;
    }

    /** A new episode that starts at watch because the customer's last contact ended badly. */
    static EscalationState inheritedWatch() {
        EscalationState s = new EscalationState();
        s.level = EscalationLevel.WATCH;
        s.peakLevel = EscalationLevel.WATCH;
        s.inheritedWatch = true;
        return s;
    }
}
