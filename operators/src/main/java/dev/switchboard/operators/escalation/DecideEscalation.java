package dev.switchboard.operators.escalation;

import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.CustomerEvent;
import dev.switchboard.operators.records.ErasurePart;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.PolicyMode;
import dev.switchboard.operators.records.PolicyUpdate;
import dev.switchboard.operators.records.PriorContact;
import dev.switchboard.operators.records.RoutingSignal;
import dev.switchboard.operators.routing.RoutingSettings;
import dev.switchboard.operators.score.SentimentModels;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
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
 * Decides the escalation level of each of a customer's conversations from its updates, by the rules
 * of its tenant's {@link EscalationPolicy}, emits an {@link EscalationDecision} on every level
 * change, and keeps the customer's history of past contacts.
 *
 * <p>Key: the customer ({@code tenant/c/customerId}, see {@link ConversationUpdate#customerKey}),
 * so that the history and the conversations it shapes live together: a conversation's outcome is
 * written to the history when it closes, and a new conversation of that customer, on any channel,
 * reads it when it opens. If the customer's last contact ended badly (closed at alert or above, or
 * with a weighted sentiment at or below {@value PriorContact#BAD_CLOSING_SENTIMENT}) the new
 * conversation starts at {@code watch} with reason {@code PREVIOUS_CONTACT_ENDED_BADLY}, which the
 * usual recovery rule can end from the customer's second message on (not on a calm hello). The
 * history keeps the last {@code historySize} contacts and expires {@code customerHistoryTtl} after
 * its last write.
 *
 * <p>Routing: the few things routing needs of a conversation (its settled intent with the
 * customer's history, each live level change, its close) go out on {@link #ROUTING}.
 *
 * <p>Policies: the job's default, overridden per tenant by the configured tenant policies and then
 * by {@link PolicyUpdate}s from the policies topic, which are broadcast to every instance and kept
 * in {@link #POLICIES} broadcast state (so they survive restarts, and a restart with other files
 * does not undo a published change). A change applies from the next update of each conversation and
 * keeps its level and evidence: thresholds change, the episode does not restart. A tenant's shadow
 * policy is evaluated beside the live one, on its own state, and its decisions go to {@link
 * #SHADOW} only. Without a shadow policy its state is not read (no cost on the per-message path);
 * what a removed shadow left is dropped when the conversation closes or by the TTL.
 *
 * <p>State: per customer, one {@link EscalationState} per open conversation and policy mode (level,
 * peak level, last recovery time, the last three customer messages as evidence, with excerpts that
 * are redacted when a decision is published), in map state by conversation id, and one {@link
 * CustomerHistory}. A conversation's entry goes when it closes; a processing-time TTL bounds it
 * otherwise. An erase request, which comes straight from the control topic keyed by the customer it
 * names, clears the customer's key entirely and reports the conversations it held on {@link
 * #ERASURES}. Customer messages and waiting timers move the level; agent and bot messages, and
 * customer messages in an unsupported language without a request, do not. Decision ids are derived
 * from the triggering message (and, for shadow decisions, the shadow policy), so a replay emits the
 * same ids.
 */
public class DecideEscalation
        extends KeyedBroadcastProcessFunction<
                String, CustomerEvent, PolicyUpdate, EscalationDecision> {
    private static final Logger LOG = LoggerFactory.getLogger(DecideEscalation.class);

    /** State names map savepoint state: never rename one. */
    static final String STATE_NAME = "conversation-escalation";

    static final String SHADOW_STATE_NAME = "conversation-escalation-shadow";
    static final String HISTORY_STATE_NAME = "customer-history";

    /** Tenants' policies as published on the policies topic, merged over the configured ones. */
    public static final MapStateDescriptor<String, TenantPolicies> POLICIES =
            new MapStateDescriptor<>("tenant-policies", String.class, TenantPolicies.class);

    public static final OutputTag<EscalationDecision> SHADOW =
            new OutputTag<>("shadow-escalations") {};
    public static final OutputTag<RoutingSignal> ROUTING = new OutputTag<>("routing-signals") {};
    public static final OutputTag<ErasurePart> ERASURES =
            new OutputTag<>("customer-erasure-parts") {};

    private final EscalationPolicy defaultPolicy;
    private final HashMap<String, TenantPolicies> configured;
    private final TenantRedactors redactors;
    private final Duration stateTtl;
    private final Duration historyTtl;
    private final int historySize;
    private final EscalationDecisions decisions;
    private transient MapState<String, EscalationState> state;
    private transient MapState<String, EscalationState> shadowState;
    private transient ValueState<CustomerHistory> history;
    private transient java.util.EnumMap<EscalationLevel, org.apache.flink.metrics.Counter>
            liveDecisions;
    private transient java.util.EnumMap<EscalationLevel, org.apache.flink.metrics.Counter>
            shadowDecisions;

    public DecideEscalation(
            EscalationPolicy defaultPolicy,
            Map<String, TenantPolicies> configured,
            TenantRedactors redactors,
            Duration stateTtl) {
        this(
                defaultPolicy,
                configured,
                redactors,
                stateTtl,
                RoutingSettings.NONE.customerHistoryTtl(),
                RoutingSettings.NONE.historySize(),
                SentimentModels.shipped());
    }

    /**
     * @param defaultPolicy the policy of every tenant without one of its own
     * @param configured tenants' policies from configuration files, by tenant
     * @param historyTtl how long a customer's history outlives its last write
     * @param historySize how many past contacts a customer's history keeps
     * @param sentimentModels the tenants' sentiment models, which decisions name (the same
     *     configuration scored the messages, so naming the model costs nothing per message)
     */
    public DecideEscalation(
            EscalationPolicy defaultPolicy,
            Map<String, TenantPolicies> configured,
            TenantRedactors redactors,
            Duration stateTtl,
            Duration historyTtl,
            int historySize,
            SentimentModels sentimentModels) {
        this.defaultPolicy = defaultPolicy.validate();
        this.configured = new HashMap<>(configured);
        this.redactors = redactors;
        this.stateTtl = stateTtl;
        this.historyTtl = historyTtl;
        this.historySize = historySize;
        this.decisions = new EscalationDecisions(redactors, sentimentModels);
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getMapState(descriptor(STATE_NAME));
        shadowState = getRuntimeContext().getMapState(descriptor(SHADOW_STATE_NAME));
        ValueStateDescriptor<CustomerHistory> historyDescriptor =
                new ValueStateDescriptor<>(HISTORY_STATE_NAME, CustomerHistory.class);
        historyDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(historyTtl).build());
        history = getRuntimeContext().getState(historyDescriptor);
        liveDecisions =
                dev.switchboard.operators.accounting.SwitchboardMetrics.decisionsByLevel(
                        getRuntimeContext(), "live");
        shadowDecisions =
                dev.switchboard.operators.accounting.SwitchboardMetrics.decisionsByLevel(
                        getRuntimeContext(), "shadow");
    }

    private MapStateDescriptor<String, EscalationState> descriptor(String name) {
        MapStateDescriptor<String, EscalationState> descriptor =
                new MapStateDescriptor<>(name, String.class, EscalationState.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
        return descriptor;
    }

    @Override
    public void processElement(
            CustomerEvent event, ReadOnlyContext ctx, Collector<EscalationDecision> out)
            throws Exception {
        if (event.update != null) {
            update(event.update, ctx, out);
        } else if (event.closed != null) {
            close(event.closed, ctx);
        } else if (event.erase != null) {
            erase(event.erase, ctx);
        }
    }

    /** A message or a long wait: may move the conversation's level, and tells routing. */
    private void update(
            ConversationUpdate u, ReadOnlyContext ctx, Collector<EscalationDecision> out)
            throws Exception {
        TenantPolicies policies = null;
        if (u.opened && isCustomer(ctx.getCurrentKey())) {
            PriorContact last = lastContact();
            if (last != null && last.endedBadly()) {
                policies = policiesOf(u.tenant, ctx);
                startAtWatch(state, livePolicy(policies), u, false, out, ctx);
                if (policies != null && policies.shadow != null) {
                    startAtWatch(shadowState, policies.shadow, u, true, out, ctx);
                }
            }
        }
        if (u.intent != null) {
            ctx.output(ROUTING, signal(u, RoutingSignal.Kind.INTENT, levelOf(u)));
        }
        boolean customerMessage =
                u.role == SpeakerRole.CUSTOMER
                        && (u.supported || u.escalationRequest != EscalationRequest.NONE);
        if (!customerMessage && !u.waitTimer) {
            return;
        }
        if (policies == null) {
            policies = policiesOf(u.tenant, ctx);
        }
        EscalationDecision decision = step(state, livePolicy(policies), u, customerMessage, false);
        if (decision != null) {
            out.collect(decision);
            ctx.output(
                    ROUTING,
                    signal(
                            u,
                            RoutingSignal.Kind.LEVEL,
                            decision.level == EscalationLevel.RECOVERED
                                    ? EscalationLevel.NONE
                                    : decision.level));
        }
        EscalationPolicy shadow = policies == null ? null : policies.shadow;
        if (shadow != null) {
            EscalationDecision shadowDecision = step(shadowState, shadow, u, customerMessage, true);
            if (shadowDecision != null) {
                ctx.output(SHADOW, shadowDecision);
            }
        }
    }

    private TenantPolicies policiesOf(String tenant, ReadOnlyContext ctx) throws Exception {
        TenantPolicies policies = ctx.getBroadcastState(POLICIES).get(tenant);
        return policies != null ? policies : configured.get(tenant);
    }

    private EscalationPolicy livePolicy(TenantPolicies policies) {
        return policies == null || policies.live == null ? defaultPolicy : policies.live;
    }

    private EscalationLevel levelOf(ConversationUpdate u) throws Exception {
        EscalationState s = state.get(u.conversationId);
        return s == null ? EscalationLevel.NONE : s.level;
    }

    /** Keys of conversations of unknown customers have no history. */
    private static boolean isCustomer(String key) {
        int slash = key.indexOf('/');
        return key.startsWith("c/", slash + 1);
    }

    private PriorContact lastContact() throws Exception {
        CustomerHistory h = history.value();
        return h == null || h.contacts.isEmpty() ? null : h.contacts.get(0);
    }

    /**
     * A conversation whose customer's last contact ended badly begins its first episode at watch.
     */
    private void startAtWatch(
            MapState<String, EscalationState> store,
            EscalationPolicy policy,
            ConversationUpdate u,
            boolean shadow,
            Collector<EscalationDecision> out,
            ReadOnlyContext ctx)
            throws Exception {
        if (store.get(u.conversationId) != null) {
            return;
        }
        EscalationDecision d = decisions.inheritedWatch(u, policy, shadow);
        store.put(u.conversationId, ConversationEpisode.inheritedWatch());
        (shadow ? shadowDecisions : liveDecisions).get(EscalationLevel.WATCH).inc();
        if (shadow) {
            ctx.output(SHADOW, d);
        } else {
            out.collect(d);
            ctx.output(ROUTING, signal(u, RoutingSignal.Kind.LEVEL, EscalationLevel.WATCH));
        }
    }

    /** Applies one update to one policy's state; returns the decision, or null for none. */
    private EscalationDecision step(
            MapState<String, EscalationState> store,
            EscalationPolicy policy,
            ConversationUpdate u,
            boolean customerMessage,
            boolean shadow)
            throws Exception {
        EscalationState s = store.get(u.conversationId);
        if (s == null) {
            s = new EscalationState();
        }
        EscalationRules.Transition t = ConversationEpisode.advance(s, policy, u, customerMessage);
        EscalationDecision d = null;
        if (t != null) {
            d = decisions.of(u, s.level, s.recent, t, policy, shadow);
            (shadow ? shadowDecisions : liveDecisions).get(t.level()).inc();
            ConversationEpisode.apply(s, t, u.ts);
        }
        store.put(u.conversationId, s);
        return d;
    }

    /** Drops the conversation's decision state and writes its outcome to the customer's history. */
    private void close(ConversationClosed c, ReadOnlyContext ctx) throws Exception {
        EscalationState s = state.get(c.conversationId);
        state.remove(c.conversationId);
        shadowState.remove(c.conversationId);
        ctx.output(ROUTING, RoutingSignals.closed(c.tenant, c.conversationId, c.ts));
        if (c.erased || !isCustomer(ctx.getCurrentKey()) || c.customerMessages == 0) {
            return;
        }
        PriorContact outcome = ConversationEpisode.outcome(c, s);
        CustomerHistory h = history.value();
        if (h == null) {
            h = new CustomerHistory();
        }
        h.add(outcome, historySize);
        history.update(h);
    }

    /**
     * Clears everything of the customer here and reports the conversations it held: the one part of
     * its stage (the key is the customer, so one instance holds it all).
     */
    private void erase(ConversationEvent request, ReadOnlyContext ctx) throws Exception {
        ErasurePart part = new ErasurePart();
        part.requestId = request.requestId;
        part.tenant = request.tenant;
        part.customerId = request.customerId;
        part.stage = ErasurePart.CUSTOMER;
        part.parts = 1;
        part.ts = request.ts;
        java.util.TreeSet<String> cleared = new java.util.TreeSet<>();
        for (String conversationId : state.keys()) {
            cleared.add(conversationId);
            ctx.output(ROUTING, RoutingSignals.closed(request.tenant, conversationId, request.ts));
        }
        for (String conversationId : shadowState.keys()) {
            cleared.add(conversationId);
        }
        CustomerHistory h = history.value();
        if (h != null) {
            for (PriorContact c : h.contacts) {
                cleared.add(c.conversationId);
            }
        }
        state.clear();
        shadowState.clear();
        history.clear();
        part.conversations.addAll(cleared);
        ctx.output(ERASURES, part);
    }

    private RoutingSignal signal(
            ConversationUpdate u, RoutingSignal.Kind kind, EscalationLevel level) throws Exception {
        CustomerHistory h = kind == RoutingSignal.Kind.INTENT ? history.value() : null;
        return RoutingSignals.of(u, kind, level, h == null ? null : h.contacts);
    }

    /**
     * Sets or removes one tenant's live or shadow policy. Removing a live policy falls back to the
     * configured one for that tenant, else the job's default.
     */
    @Override
    public void processBroadcastElement(
            PolicyUpdate update, Context ctx, Collector<EscalationDecision> out) throws Exception {
        BroadcastState<String, TenantPolicies> all = ctx.getBroadcastState(POLICIES);
        TenantPolicies fromConfig = configured.get(update.tenant);
        TenantPolicies current = all.contains(update.tenant) ? all.get(update.tenant) : fromConfig;
        // A copy: the stored value is replaced, never changed in place.
        TenantPolicies next =
                current == null
                        ? new TenantPolicies()
                        : new TenantPolicies(current.live, current.shadow);
        if (update.mode == PolicyMode.LIVE) {
            next.live =
                    update.policy != null
                            ? update.policy
                            : fromConfig == null ? null : fromConfig.live;
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
}
