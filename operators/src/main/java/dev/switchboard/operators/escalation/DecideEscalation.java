package dev.switchboard.operators.escalation;

import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.Evidence;
import dev.switchboard.operators.records.PolicyMode;
import dev.switchboard.operators.records.PolicyUpdate;
import dev.switchboard.operators.records.RecordIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a conversation's escalation level (key {@code tenant/conversationId}) from its customer
 * updates, by the rules of its tenant's {@link EscalationPolicy}, and emits an
 * {@link EscalationDecision} on every level change.
 *
 * <p>Policies: the job's default, overridden per tenant by the configured tenant policies and then
 * by {@link PolicyUpdate}s from the policies topic, which are broadcast to every instance and kept in
 * {@link #POLICIES} broadcast state (so they survive restarts, and a restart with other files does
 * not undo a published change). A change applies from the next update of each conversation and
 * keeps its level and evidence: thresholds change, the episode does not restart. A tenant's shadow
 * policy is evaluated beside the live one, on its own state, and its decisions go to {@link #SHADOW}
 * only. Without a shadow policy its state is not read (no cost on the per-message path); what a
 * removed shadow left is dropped when the conversation closes or by the TTL.
 *
 * <p>State: one {@link EscalationState} per conversation and policy mode (level, last recovery
 * time, the last three customer messages as evidence, with excerpts that are redacted when a
 * decision is published). Cleared when the conversation closes; a processing-time TTL bounds it
 * otherwise. Customer messages and waiting timers move the level; agent and bot messages, and
 * customer messages in an unsupported language without a request, do not. Decision ids are
 * derived from the triggering message (and, for shadow decisions, the shadow policy), so a replay
 * emits the same ids.
 */
public class DecideEscalation
        extends KeyedBroadcastProcessFunction<String, ConversationUpdate, PolicyUpdate, EscalationDecision> {
    private static final Logger LOG = LoggerFactory.getLogger(DecideEscalation.class);

    static final String STATE_NAME = "escalation";
    static final String SHADOW_STATE_NAME = "escalation-shadow";

    /** Tenants' policies as published on the policies topic, merged over the configured ones. */
    public static final MapStateDescriptor<String, TenantPolicies> POLICIES =
            new MapStateDescriptor<>("tenant-policies", String.class, TenantPolicies.class);

    public static final OutputTag<EscalationDecision> SHADOW = new OutputTag<>("shadow-escalations") {};

    private final EscalationPolicy defaultPolicy;
    private final HashMap<String, TenantPolicies> configured;
    private final TenantRedactors redactors;
    private final Duration stateTtl;
    private transient ValueState<EscalationState> state;
    private transient ValueState<EscalationState> shadowState;
    private transient java.util.EnumMap<EscalationLevel, org.apache.flink.metrics.Counter> liveDecisions;
    private transient java.util.EnumMap<EscalationLevel, org.apache.flink.metrics.Counter> shadowDecisions;

    /**
     * @param defaultPolicy the policy of every tenant without one of its own
     * @param configured tenants' policies from configuration files, by tenant
     */
    public DecideEscalation(EscalationPolicy defaultPolicy, Map<String, TenantPolicies> configured, TenantRedactors redactors, Duration stateTtl) {
        this.defaultPolicy = defaultPolicy.validate();
        this.configured = new HashMap<>(configured);
        this.redactors = redactors;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(descriptor(STATE_NAME));
        shadowState = getRuntimeContext().getState(descriptor(SHADOW_STATE_NAME));
        liveDecisions = dev.switchboard.operators.accounting.SwitchboardMetrics.decisionsByLevel(getRuntimeContext(), "live");
        shadowDecisions = dev.switchboard.operators.accounting.SwitchboardMetrics.decisionsByLevel(getRuntimeContext(), "shadow");
    }

    private ValueStateDescriptor<EscalationState> descriptor(String name) {
        ValueStateDescriptor<EscalationState> descriptor = new ValueStateDescriptor<>(name, EscalationState.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
        return descriptor;
    }

    @Override
    public void processElement(ConversationUpdate u, ReadOnlyContext ctx, Collector<EscalationDecision> out) throws Exception {
        if (u.closed) {
            state.clear();
            shadowState.clear();
            return;
        }
        boolean customerMessage = u.role == SpeakerRole.CUSTOMER && (u.supported || u.escalationRequest != EscalationRequest.NONE);
        if (!customerMessage && !u.waitTimer) {
            return;
        }
        TenantPolicies policies = ctx.getBroadcastState(POLICIES).get(u.tenant);
        if (policies == null) {
            policies = configured.get(u.tenant);
        }
        EscalationPolicy live = policies == null || policies.live == null ? defaultPolicy : policies.live;
        EscalationDecision decision = step(state, live, u, customerMessage, false);
        if (decision != null) {
            out.collect(decision);
        }
        EscalationPolicy shadow = policies == null ? null : policies.shadow;
        if (shadow != null) {
            EscalationDecision shadowDecision = step(shadowState, shadow, u, customerMessage, true);
            if (shadowDecision != null) {
                ctx.output(SHADOW, shadowDecision);
            }
        }
    }

    /** Applies one update to one policy's state; returns the decision, or null for none. */
    private EscalationDecision step(
            ValueState<EscalationState> store, EscalationPolicy policy, ConversationUpdate u, boolean customerMessage, boolean shadow)
            throws Exception {
        EscalationState s = store.value();
        if (s == null) {
            s = new EscalationState();
        }
        if (customerMessage) {
            s.recent.add(new Evidence(u.messageId, u.ts, u.label, u.score, u.excerpt));
            if (s.recent.size() > EscalationPolicy.EVIDENCE_SIZE) {
                s.recent.remove(0);
            }
        }
        EscalationPolicy.Transition t = policy.evaluate(s, u);
        EscalationDecision d = null;
        if (t != null) {
            d = decision(u, s, t, policy, shadow);
            (shadow ? shadowDecisions : liveDecisions).get(t.level()).inc();
            if (t.level() == EscalationLevel.RECOVERED) {
                s.level = EscalationLevel.NONE;
                s.recoveredAt = u.ts;
            } else {
                s.level = t.level();
            }
        }
        store.update(s);
        return d;
    }

    /**
     * Sets or removes one tenant's live or shadow policy. Removing a live policy falls back to the
     * configured one for that tenant, else the job's default.
     */
    @Override
    public void processBroadcastElement(PolicyUpdate update, Context ctx, Collector<EscalationDecision> out) throws Exception {
        BroadcastState<String, TenantPolicies> all = ctx.getBroadcastState(POLICIES);
        TenantPolicies fromConfig = configured.get(update.tenant);
        TenantPolicies current = all.contains(update.tenant) ? all.get(update.tenant) : fromConfig;
        // A copy: the stored value is replaced, never changed in place.
        TenantPolicies next = current == null ? new TenantPolicies() : new TenantPolicies(current.live, current.shadow);
        if (update.mode == PolicyMode.LIVE) {
            next.live = update.policy != null ? update.policy : fromConfig == null ? null : fromConfig.live;
        } else {
            next.shadow = update.policy;
        }
        all.put(update.tenant, next);
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            LOG.info(
                    "tenant {}: {} policy {} (from {})",
                    update.tenant,
                    update.mode.name().toLowerCase(java.util.Locale.ROOT),
                    update.policy == null ? "removed" : update.policy.label(),
                    update.source);
        }
    }

    private EscalationDecision decision(
            ConversationUpdate u, EscalationState s, EscalationPolicy.Transition t, EscalationPolicy policy, boolean shadow) {
        EscalationDecision d = new EscalationDecision();
        // A wait has no message; its timer's time names it just as uniquely.
        String trigger = u.waitTimer ? "wait@" + u.ts : u.messageId;
        d.id = shadow
                ? RecordIds.of("escalation-shadow", u.tenant, u.conversationId, t.level().name(), trigger, policy.name, Integer.toString(policy.version))
                : RecordIds.of("escalation", u.tenant, u.conversationId, t.level().name(), trigger);
        d.tenant = u.tenant;
        d.conversationId = u.conversationId;
        d.customerId = u.customerId;
        d.channel = u.channel;
        d.level = t.level();
        d.previousLevel = s.level;
        d.reasons = new ArrayList<>(t.reasons());
        // Redacted here, when a decision is published, not on every message: decisions are rare.
        d.evidence = new ArrayList<>(s.recent.size());
        for (Evidence e : s.recent) {
            d.evidence.add(new Evidence(e.messageId, e.ts, e.label, e.score, redactors.redact(u.tenant, e.excerpt)));
        }
        d.messageId = u.messageId;
        d.request = u.escalationRequest == null ? EscalationRequest.NONE : u.escalationRequest;
        d.waitingMs = u.waitingMs;
        d.policy = policy.name;
        d.policyVersion = policy.version;
        d.shadow = shadow;
        d.customerSentiment = u.customerSentiment;
        d.ts = u.ts;
        d.decidedAt = System.currentTimeMillis();
        return d;
    }
}
