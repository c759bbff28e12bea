package dev.switchboard.operators.escalation;

import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.kafka.JsonRecordSerializer;
import dev.switchboard.operators.kafka.OutputJson;
import dev.switchboard.operators.records.AgentSignal;
import dev.switchboard.operators.records.ComplaintSignal;
import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.CustomerEvent;
import dev.switchboard.operators.records.ErasurePart;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.PolicyUpdate;
import dev.switchboard.operators.records.PriorContact;
import dev.switchboard.operators.records.RoutingSignal;
import dev.switchboard.operators.score.SentimentModels;
import dev.switchboard.operators.warmup.JitWarmup;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
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
 * <p>Routing hears what it needs of a conversation on {@link #ROUTING}: its settled intent with the
 * customer's history, each live level change, its close. Policies: the job's default, overridden
 * per tenant by configured policies and then by {@link PolicyUpdate}s kept in {@link #POLICIES}
 * broadcast state (see {@link TenantPolicies}). A tenant's shadow policy is evaluated beside the
 * live one, on {@link Episodes} of its own, and its decisions go to {@link #SHADOW} only; without
 * one, its state is not read.
 *
 * <p>The detectors that look across conversations hear from the live episodes ({@link
 * ContactSignals}): each conversation that becomes a complaint on {@link #COMPLAINTS}, and what its
 * agent went through on {@link #AGENT_SIGNALS}; both are rare beside messages.
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
    public static final OutputTag<ComplaintSignal> COMPLAINTS =
            new OutputTag<>("complaint-signals") {};
    public static final OutputTag<AgentSignal> AGENT_SIGNALS = new OutputTag<>("agent-signals") {};

    private final EscalationPolicy defaultPolicy;
    private final HashMap<String, TenantPolicies> configured;
    private final Duration stateTtl;
    private final Duration historyTtl;
    private final int historySize;
    private final EscalationDecisions decisions;
    private final ContactSignals signals;
    private transient SignalOutput signalOutput;
    private transient Episodes live;
    private transient Episodes shadow;
    private transient ValueState<CustomerHistory> history;

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
        this.stateTtl = stateTtl;
        this.historyTtl = historyTtl;
        this.historySize = historySize;
        this.decisions = new EscalationDecisions(redactors, sentimentModels);
        this.signals = new ContactSignals(redactors);
    }

    /** Sends contact signals to the side outputs of the element being processed. */
    private static final class SignalOutput implements ContactSignals.Out {
        ReadOnlyContext ctx;

        @Override
        public void complaint(ComplaintSignal c) {
            ctx.output(COMPLAINTS, c);
        }

        @Override
        public void agent(AgentSignal a) {
            ctx.output(AGENT_SIGNALS, a);
        }
    }

    @Override
    public void open(OpenContext openContext) {
        live = Episodes.open(getRuntimeContext(), STATE_NAME, stateTtl, decisions, signals);
        shadow = Episodes.open(getRuntimeContext(), SHADOW_STATE_NAME, stateTtl, decisions, null);
        ValueStateDescriptor<CustomerHistory> historyDescriptor =
                new ValueStateDescriptor<>(HISTORY_STATE_NAME, CustomerHistory.class);
        historyDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(historyTtl).build());
        history = getRuntimeContext().getState(historyDescriptor);
        signalOutput = new SignalOutput();
        warmUp();
    }

    /**
     * The default policy's steps, the decisions and their JSON, and the serializers of the updates
     * and the episodes: JitWarmup.
     */
    private void warmUp() {
        JitWarmup.RoundTrips wire = new JitWarmup.RoundTrips(getRuntimeContext());
        JitWarmup.once(
                "escalation",
                messages -> {
                    EscalationState s = new EscalationState();
                    for (int i = 0; i < messages.size(); i++) {
                        CustomerEvent event =
                                CustomerEvent.of(JitWarmup.update(i, messages.get(i)));
                        ConversationUpdate u = wire.of(event, CustomerEvent.class).update;
                        EscalationRules.Transition t =
                                ConversationEpisode.advance(s, defaultPolicy, u, hears(u));
                        if (t != null) {
                            JsonRecordSerializer.toJsonString(
                                    decisions.of(u, s.level, s.recent, t, defaultPolicy, false),
                                    OutputJson::escalation);
                            ConversationEpisode.apply(s, t, u.ts);
                        }
                        s = wire.of(s, EscalationState.class);
                    }
                });
    }

    @Override
    public void processElement(
            CustomerEvent event, ReadOnlyContext ctx, Collector<EscalationDecision> out)
            throws Exception {
        signalOutput.ctx = ctx;
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
        if (u.opened && CustomerEvent.isCustomerKey(ctx.getCurrentKey())) {
            PriorContact last = CustomerHistory.latest(history.value());
            if (last != null && last.endedBadly()) {
                policies = policiesOf(u.tenant, ctx);
                EscalationDecision watch = live.startAtWatch(livePolicy(policies), u);
                if (watch != null) {
                    out.collect(watch);
                    ctx.output(ROUTING, signal(u, RoutingSignal.Kind.LEVEL, EscalationLevel.WATCH));
                }
                if (policies != null && policies.shadow != null) {
                    EscalationDecision shadowWatch = shadow.startAtWatch(policies.shadow, u);
                    if (shadowWatch != null) {
                        ctx.output(SHADOW, shadowWatch);
                    }
                }
            }
        }
        if (u.intent != null) {
            ctx.output(
                    ROUTING, signal(u, RoutingSignal.Kind.INTENT, live.levelOf(u.conversationId)));
        }
        boolean customerMessage = isCustomerMessage(u);
        if (!customerMessage && !u.waitTimer) {
            if (u.intent != null) {
                live.intentSettled(u, signalOutput);
            }
            return;
        }
        if (policies == null) {
            policies = policiesOf(u.tenant, ctx);
        }
        EscalationDecision decision =
                live.step(livePolicy(policies), u, customerMessage, signalOutput);
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
        EscalationPolicy shadowPolicy = policies == null ? null : policies.shadow;
        if (shadowPolicy != null) {
            EscalationDecision shadowDecision =
                    shadow.step(shadowPolicy, u, customerMessage, signalOutput);
            if (shadowDecision != null) {
                ctx.output(SHADOW, shadowDecision);
            }
        }
    }

    /**
     * Whether update {@code u} can change anything here: a decision, a signal, the customer's
     * history or a routing signal. The conversation state sends only these, so that an agent's or a
     * bot's message (half of the messages) costs no serialisation, shuffle or state access here.
     * Every path of {@link #update} that does something starts from one of these conditions.
     */
    public static boolean hears(ConversationUpdate u) {
        return u.opened || u.intent != null || u.waitTimer || isCustomerMessage(u);
    }

    /** A customer's message that is scored, or that asks for escalation in any language. */
    private static boolean isCustomerMessage(ConversationUpdate u) {
        return u.role == SpeakerRole.CUSTOMER
                && (u.supported || u.escalationRequest != EscalationRequest.NONE);
    }

    private TenantPolicies policiesOf(String tenant, ReadOnlyContext ctx) throws Exception {
        return TenantPolicies.of(tenant, ctx.getBroadcastState(POLICIES), configured);
    }

    private EscalationPolicy livePolicy(TenantPolicies policies) {
        return TenantPolicies.liveOr(policies, defaultPolicy);
    }

    /** Drops the conversation's decision state and writes its outcome to the customer's history. */
    private void close(ConversationClosed c, ReadOnlyContext ctx) throws Exception {
        EscalationState s = live.close(c, signalOutput);
        shadow.remove(c.conversationId);
        ctx.output(ROUTING, RoutingSignals.closed(c.tenant, c.conversationId, c.ts));
        if (c.erased
                || !CustomerEvent.isCustomerKey(ctx.getCurrentKey())
                || c.customerMessages == 0) {
            return;
        }
        CustomerHistory h = history.value();
        if (h == null) {
            h = new CustomerHistory();
        }
        h.add(ConversationEpisode.outcome(c, s), historySize);
        history.update(h);
    }

    /**
     * Clears everything of the customer here and reports the conversations it held: the one part of
     * its stage (the key is the customer, so one instance holds it all).
     */
    private void erase(ConversationEvent request, ReadOnlyContext ctx) throws Exception {
        ErasurePart part = ErasurePart.of(request, ErasurePart.CUSTOMER, 1);
        TreeSet<String> cleared = new TreeSet<>();
        for (String conversationId : live.conversations()) {
            cleared.add(conversationId);
            ctx.output(ROUTING, RoutingSignals.closed(request.tenant, conversationId, request.ts));
        }
        for (String conversationId : shadow.conversations()) {
            cleared.add(conversationId);
        }
        CustomerHistory h = history.value();
        if (h != null) {
            for (PriorContact c : h.contacts) {
                cleared.add(c.conversationId);
            }
        }
        live.clear();
        shadow.clear();
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
        TenantPolicies.apply(ctx.getBroadcastState(POLICIES), update, configured);
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            LOG.info(
                    "tenant {}: {} policy {} (from {})",
                    update.tenant,
                    update.mode.name().toLowerCase(Locale.ROOT),
                    update.policy == null ? "removed" : update.policy.label(),
                    update.source);
        }
    }
}
