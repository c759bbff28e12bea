package dev.switchboard.operators.escalation;

import dev.switchboard.operators.accounting.SwitchboardMetrics;
import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import java.time.Duration;
import java.util.EnumMap;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.metrics.Counter;

/**
 * One policy mode's episodes (live, or a tenant's shadow policy) of a customer's open
 * conversations, over the map state that keeps them by conversation id: applies an update under a
 * policy, and counts the decisions it makes by level.
 */
final class Episodes {
    private final MapState<String, EscalationState> store;
    private final EnumMap<EscalationLevel, Counter> decided;
    private final EscalationDecisions decisions;
    private final boolean shadow;
    private final ContactSignals signals;

    /**
     * The episodes in keyed map state {@code stateName}, whose entries expire after {@code ttl}.
     */
    static Episodes open(
            RuntimeContext context,
            String stateName,
            Duration ttl,
            EscalationDecisions decisions,
            ContactSignals signals) {
        boolean shadow = signals == null;
        MapStateDescriptor<String, EscalationState> descriptor =
                new MapStateDescriptor<>(stateName, String.class, EscalationState.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
        return new Episodes(
                context.getMapState(descriptor),
                SwitchboardMetrics.decisionsByLevel(context, shadow ? "shadow" : "live"),
                decisions,
                signals);
    }

    private Episodes(
            MapState<String, EscalationState> store,
            EnumMap<EscalationLevel, Counter> decided,
            EscalationDecisions decisions,
            ContactSignals signals) {
        this.store = store;
        this.decided = decided;
        this.decisions = decisions;
        this.shadow = signals == null;
        this.signals = signals;
    }

    /**
     * Applies one update under {@code policy}; returns the decision, or null for none. The live
     * episodes also tell {@code out} what the insight detectors need to hear.
     */
    EscalationDecision step(
            EscalationPolicy policy,
            ConversationUpdate u,
            boolean customerMessage,
            ContactSignals.Out out)
            throws Exception {
        EscalationState s = store.get(u.conversationId);
        if (s == null) {
            s = new EscalationState();
        }
        EscalationRules.Transition t = ConversationEpisode.advance(s, policy, u, customerMessage);
        EscalationDecision d = null;
        if (t != null) {
            d = decisions.of(u, s.level, s.recent, t, policy, shadow);
            decided.get(t.level()).inc();
            ConversationEpisode.apply(s, t, u.ts);
        }
        if (signals != null) {
            signals.afterStep(s, u, t, customerMessage, policy.insights(), out);
        }
        store.put(u.conversationId, s);
        return d;
    }

    /**
     * The conversation's intent settled on an update that does not move its level (the live
     * episodes only): a complaint waiting for it can go out.
     */
    void intentSettled(ConversationUpdate u, ContactSignals.Out out) throws Exception {
        EscalationState s = store.get(u.conversationId);
        if (s != null && signals != null) {
            signals.intentSettled(s, u.intent, u.tenant, u.conversationId, out);
            store.put(u.conversationId, s);
        }
    }

    /** The conversation closed: its episode is removed and the detectors told. */
    EscalationState close(ConversationClosed c, ContactSignals.Out out) throws Exception {
        EscalationState s = remove(c.conversationId);
        if (signals != null && !c.erased) {
            signals.closed(s, c, out);
        }
        return s;
    }

    /**
     * Begins the conversation's first episode at watch, because its customer's last contact ended
     * badly; null when the conversation already has an episode.
     */
    EscalationDecision startAtWatch(EscalationPolicy policy, ConversationUpdate u)
            throws Exception {
        if (store.get(u.conversationId) != null) {
            return null;
        }
        store.put(u.conversationId, ConversationEpisode.inheritedWatch());
        decided.get(EscalationLevel.WATCH).inc();
        return decisions.inheritedWatch(u, policy, shadow);
    }

    EscalationLevel levelOf(String conversationId) throws Exception {
        EscalationState s = store.get(conversationId);
        return s == null ? EscalationLevel.NONE : s.level;
    }

    /**
     * The conversation's episode, removed; null when it had none. Removing none writes nothing: a
     * RocksDB delete of an absent key still leaves a tombstone for the next checkpoint to flush
     * (every closing conversation in the shadow episodes of a tenant without a shadow policy).
     */
    EscalationState remove(String conversationId) throws Exception {
        EscalationState s = store.get(conversationId);
        if (s != null) {
            store.remove(conversationId);
        }
        return s;
    }

    Iterable<String> conversations() throws Exception {
        return store.keys();
    }

    void clear() {
        store.clear();
    }
}
