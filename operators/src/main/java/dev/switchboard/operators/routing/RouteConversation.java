package dev.switchboard.operators.routing;

import dev.switchboard.models.intent.IntentModel;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.PriorContact;
import dev.switchboard.operators.records.QueueStatus;
import dev.switchboard.operators.records.RecordIds;
import dev.switchboard.operators.records.RoutingDecision;
import dev.switchboard.operators.records.RoutingSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decides where a conversation (key {@code tenant/conversationId}) should go, from its {@link
 * RoutingSignal}s and the tenants' live queue status, and emits a {@link RoutingDecision}:
 *
 * <ul>
 *   <li>when its intent settles (reason {@code INTENT_SETTLED} or {@code INTENT_UNKNOWN});
 *   <li>when an {@code escalate} comes before the intent settled: at once, with the intent read so
 *       far unknown (reason {@code ESCALATED_BEFORE_INTENT}): a customer in distress does not wait
 *       for the intent model;
 *   <li>again on every change of its live escalation level once routed ({@code LEVEL_CHANGED});
 *   <li>again when its queue becomes unavailable ({@code QUEUE_UNAVAILABLE}): no status for {@code
 *       queueStaleAfter} of event time, or a status it no longer qualifies for. An event-time timer
 *       at the queue's last status time plus {@code queueStaleAfter} checks; a fresh status moves
 *       the check on.
 * </ul>
 *
 * The queue is chosen by {@link QueueChoice} among the tenant's queues with a live status, the
 * skills of the intent ({@link TenantRouting#skillsFor}) and the conversation's language; the
 * tenant's fallback queue when none qualifies. Priority by {@link RoutingPriority}. Decisions carry
 * the customer's past contacts, and the reasons say why (trigger, choice, priority factors, {@code
 * RETURNING_CUSTOMER}, {@code PREVIOUS_CONTACT_ENDED_BADLY}). Ids derive from the conversation and
 * the trigger, so a replay emits the same ids.
 *
 * <p>Queue status is broadcast and kept in {@link #QUEUES} (newest status per queue wins; an older
 * one arriving late is ignored). Tenants without routing configuration get no decisions.
 *
 * <p>State: one {@link RoutingState} per conversation, cleared with its close (or erasure); a
 * processing-time TTL bounds it otherwise. The end of a bounded input (a backtest) is not a queue
 * going quiet: a check that fires only because the input ended does nothing.
 */
public class RouteConversation
        extends KeyedBroadcastProcessFunction<String, RoutingSignal, QueueStatus, RoutingDecision> {
    /** Live queue status by {@code tenant/queue}. */
    public static final MapStateDescriptor<String, QueueStatus> QUEUES =
            new MapStateDescriptor<>("queue-status", String.class, QueueStatus.class);

    static final String STATE_NAME = "routing";

    private final RoutingSettings routing;
    private final Duration stateTtl;
    private transient ValueState<RoutingState> state;
    private transient Counter decisions;

    public RouteConversation(RoutingSettings routing, Duration stateTtl) {
        this.routing = routing;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<RoutingState> descriptor =
                new ValueStateDescriptor<>(STATE_NAME, RoutingState.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
        state = getRuntimeContext().getState(descriptor);
        decisions =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("switchboard")
                        .counter("routingDecisions");
    }

    @Override
    public void processElement(
            RoutingSignal signal, ReadOnlyContext ctx, Collector<RoutingDecision> out)
            throws Exception {
        if (signal.kind == RoutingSignal.Kind.CLOSED) {
            RoutingState s = state.value();
            if (s != null) {
                if (s.checkTimerAt != 0) {
                    ctx.timerService().deleteEventTimeTimer(s.checkTimerAt);
                }
                // Only what exists: a delete of nothing still writes a RocksDB tombstone, which
                // every checkpoint then flushes (most conversations of a tenant without routing).
                state.clear();
            }
            return;
        }
        TenantRouting tenant = routing.tenants().get(signal.tenant);
        if (tenant == null) {
            return;
        }
        RoutingState s = state.value();
        if (s == null) {
            s = new RoutingState();
        }
        s.customerId = signal.customerId != null ? signal.customerId : s.customerId;
        s.channel = signal.channel != null ? signal.channel : s.channel;
        s.customerTier = signal.customerTier != null ? signal.customerTier : s.customerTier;
        s.language = signal.language != null ? signal.language : s.language;
        s.startedAt = signal.startedAt != 0 ? signal.startedAt : s.startedAt;
        s.customerSentiment = signal.customerSentiment;
        s.level = signal.level;
        String trigger;
        List<String> reasons = new ArrayList<>();
        if (signal.kind == RoutingSignal.Kind.INTENT) {
            s.intent = signal.intent;
            s.intentConfidence = signal.intentConfidence;
            s.intentModel = signal.intentModel;
            s.history = signal.history;
            trigger = "intent";
            reasons.add(UNKNOWN.equals(signal.intent) ? "INTENT_UNKNOWN" : "INTENT_SETTLED");
        } else if (s.queue != null) {
            trigger =
                    "level:"
                            + signal.level.name()
                            + ":"
                            + (signal.messageId != null ? signal.messageId : "@" + signal.ts);
            reasons.add("LEVEL_CHANGED");
        } else if (signal.level == EscalationLevel.ESCALATE) {
            trigger = "escalated";
            reasons.add("ESCALATED_BEFORE_INTENT");
        } else {
            state.update(s);
            return;
        }
        out.collect(
                route(
                        s,
                        tenant,
                        signal.tenant,
                        ctx.getCurrentKey(),
                        trigger,
                        reasons,
                        signal.ts,
                        ctx.getBroadcastState(QUEUES),
                        ctx));
        state.update(s);
    }

    static final String UNKNOWN = "unknown";

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RoutingDecision> out)
            throws Exception {
        RoutingState s = state.value();
        if (s == null || timestamp != s.checkTimerAt) {
            return;
        }
        s.checkTimerAt = 0;
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            state.update(s);
            return;
        }
        String key = ctx.getCurrentKey();
        String tenantName = key.substring(0, key.indexOf('/'));
        TenantRouting tenant = routing.tenants().get(tenantName);
        ReadOnlyBroadcastState<String, QueueStatus> queues = ctx.getBroadcastState(QUEUES);
        QueueStatus current = queues.get(tenantName + "/" + s.queue);
        long staleMs = routing.queueStaleAfter().toMillis();
        if (tenant != null
                && current != null
                && QueueChoice.qualifies(
                        current,
                        new HashSet<>(tenant.skillsFor(s.intent)),
                        s.language,
                        staleMs,
                        timestamp)) {
            arm(s, current, ctx);
        } else if (tenant != null) {
            List<String> reasons = new ArrayList<>();
            reasons.add("QUEUE_UNAVAILABLE");
            out.collect(
                    route(
                            s,
                            tenant,
                            tenantName,
                            key,
                            "queue-unavailable:" + s.queue + "@" + timestamp,
                            reasons,
                            timestamp,
                            queues,
                            ctx));
        }
        state.update(s);
    }

    private RoutingDecision route(
            RoutingState s,
            TenantRouting tenant,
            String tenantName,
            String key,
            String trigger,
            List<String> reasons,
            long now,
            ReadOnlyBroadcastState<String, QueueStatus> queues,
            ReadOnlyContext ctx)
            throws Exception {
        String prefix = tenantName + "/";
        List<QueueStatus> live = new ArrayList<>();
        for (Map.Entry<String, QueueStatus> e : queues.immutableEntries()) {
            if (e.getKey().startsWith(prefix)) {
                live.add(e.getValue());
            }
        }
        List<String> skills = tenant.skillsFor(s.intent);
        QueueChoice.Choice choice =
                QueueChoice.choose(
                        live,
                        new HashSet<>(skills),
                        s.language,
                        tenant.fallbackQueue(),
                        routing.queueStaleAfter().toMillis(),
                        now);
        long waitedSeconds = Math.max(0, now - s.startedAt) / 1000;
        RoutingDecision d = new RoutingDecision();
        d.tenant = tenantName;
        d.conversationId = key.substring(prefix.length());
        d.id = RecordIds.of("routing", d.tenant, d.conversationId, trigger);
        d.customerId = s.customerId;
        d.channel = s.channel;
        d.intent = s.intent != null ? s.intent : UNKNOWN;
        d.intentConfidence = s.intentConfidence;
        // Track conversation read the intent with the same tenant configuration, so the same model.
        // The model that read it (the meaning tier's or the hashed one); the tenant's configured
        // model for intents settled before the reading model was kept.
        d.intentModel =
                s.intentModel != null
                        ? s.intentModel
                        : IntentModel.named(tenant.intentModel()).id();
        d.language = s.language;
        d.skills = new ArrayList<>(skills);
        d.queue = choice.queue();
        d.expectedWaitSeconds = choice.expectedWaitSeconds();
        d.level = s.level;
        d.priority =
                RoutingPriority.of(s.customerSentiment, s.level, s.customerTier, waitedSeconds);
        d.reasons = reasons;
        reasons.addAll(choice.reasons());
        reasons.addAll(
                RoutingPriority.factors(
                        s.customerSentiment, s.level, s.customerTier, waitedSeconds));
        if (!s.history.isEmpty()) {
            reasons.add("RETURNING_CUSTOMER");
            PriorContact last = s.history.get(0);
            if (last.endedBadly()) {
                reasons.add("PREVIOUS_CONTACT_ENDED_BADLY");
            }
        }
        d.history = new ArrayList<>(s.history);
        d.ts = now;
        d.decidedAt = System.currentTimeMillis();
        s.queue = choice.queue();
        s.decisions++;
        if (s.checkTimerAt != 0) {
            ctx.timerService().deleteEventTimeTimer(s.checkTimerAt);
            s.checkTimerAt = 0;
        }
        QueueStatus chosen = queues.get(prefix + choice.queue());
        if (chosen != null && choice.expectedWaitSeconds() >= 0) {
            arm(s, chosen, ctx);
        }
        decisions.inc();
        return d;
    }

    /**
     * The next staleness check of the conversation's queue: just after its status would go stale.
     */
    private void arm(RoutingState s, QueueStatus status, ReadOnlyContext ctx) {
        s.checkTimerAt = status.ts + routing.queueStaleAfter().toMillis() + 1;
        ctx.timerService().registerEventTimeTimer(s.checkTimerAt);
    }

    /** Keeps the newest status of each queue; a status older than the one held is ignored. */
    @Override
    public void processBroadcastElement(
            QueueStatus status, Context ctx, Collector<RoutingDecision> out) throws Exception {
        BroadcastState<String, QueueStatus> queues = ctx.getBroadcastState(QUEUES);
        String key = status.tenant + "/" + status.queue;
        QueueStatus held = queues.get(key);
        if (held == null || status.ts >= held.ts) {
            queues.put(key, status);
        }
    }
}
