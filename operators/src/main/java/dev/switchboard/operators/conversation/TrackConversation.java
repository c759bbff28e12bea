package dev.switchboard.operators.conversation;

import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.escalation.DecideEscalation;
import dev.switchboard.operators.records.CloseReason;
import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.CustomerEvent;
import dev.switchboard.operators.records.ErasurePart;
import dev.switchboard.operators.routing.RoutingSettings;
import dev.switchboard.operators.warmup.JitWarmup;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps the running signals of one conversation (key {@code tenant/conversationId}) and emits, for
 * the customer-level decisions, a {@link CustomerEvent} with a {@link ConversationUpdate} after
 * every scored message that can change a decision ({@link DecideEscalation#hears}: a customer's,
 * the first, the one that settles the intent) and after a long wait, and one with a {@link
 * ConversationClosed} when the conversation closes.
 *
 * <p>State: one {@link ConversationState}: message counts by role, the customer's exponentially
 * weighted sentiment (weight {@code smoothing} on the newest message), its mean and minimum, the
 * current negative streak, the last {@code trendWindow} scores (for the trend), first and last
 * activity. Agent and bot messages are counted but never move the customer's figures; messages in
 * an unsupported language are counted but not scored.
 *
 * <p>Waiting: from a customer's message until the next agent message (a bot's does not count) the
 * customer is waiting. If that lasts {@code longWait} of event time, a timer emits an update with
 * {@code waitTimer = true} and the time waited, once per wait. The end of a bounded input (a
 * backtest's last record) is not waiting: a waiting timer that fires only because the input ended
 * emits nothing.
 *
 * <p>Closing: on {@code conversation.ended}, or when no record arrives for {@code idleTimeout} of
 * event time, it emits a {@link ConversationSummary} on {@link #SUMMARIES}, a {@link
 * ConversationClosed} (so decision state is dropped too) and clears its state and timer. A state
 * TTL ({@code stateTtl}, processing time) is the safety net for keys whose timer can never fire.
 *
 * <p>Erasure: an {@code erase} request (broadcast to every parallel instance) clears the state of
 * every conversation of that tenant's customer held by this instance, with {@code
 * applyToKeyedState}, emits an erased {@link ConversationClosed} for each (so their decision state
 * goes too) and an {@link ErasurePart} listing them, one of {@code parallelism} parts of its stage.
 * The customer-level state hears of the request from the control topic directly. Nothing is emitted
 * later from the cleared state: its timers find no state and do nothing. Records of the customer
 * that arrive after the request start new, empty state.
 *
 * <p>Intent: for tenants with routing, the first customer messages are read for the conversation's
 * intent ({@link IntentReading}); the update on which it settles carries it, once.
 *
 * <p>Customer key: the first update fixes the key of the customer-level state downstream ({@code
 * tenant/c/customerId}, or {@code tenant/v/conversationId} when the customer is not known yet), so
 * that a conversation's updates never move between keys.
 *
 * <p>Assumes per-conversation order (the Kafka key is the conversation); a record older than the
 * last activity is applied in arrival order, not re-sorted. Duplicates are not detected here.
 */
public class TrackConversation
        extends KeyedBroadcastProcessFunction<
                String, ConversationEvent, ConversationEvent, CustomerEvent> {
    public static final OutputTag<ConversationSummary> SUMMARIES =
            new OutputTag<>("conversation-summaries") {};
    public static final OutputTag<ErasurePart> ERASURES = new OutputTag<>("erasure-parts") {};

    /**
     * The descriptor the control stream is broadcast with. Erase requests are applied at once and
     * never stored, so this broadcast state stays empty; Flink needs a descriptor to broadcast.
     */
    public static final MapStateDescriptor<String, ConversationEvent> CONTROL =
            new MapStateDescriptor<>("control", String.class, ConversationEvent.class);

    /** The state descriptor name maps savepoint state: never rename it. */
    static final String STATE_NAME = "conversation";

    private final Duration idleTimeout;
    private final Duration longWait;
    private final Duration stateTtl;
    private final ConversationStatistics statistics;
    private final RoutingSettings routing;
    private transient IntentReading intents;
    private transient ValueState<ConversationState> state;
    private transient ValueStateDescriptor<ConversationState> descriptor;

    public TrackConversation(
            Duration idleTimeout,
            Duration longWait,
            Duration stateTtl,
            double smoothing,
            int trendWindow) {
        this(idleTimeout, longWait, stateTtl, smoothing, trendWindow, RoutingSettings.NONE);
    }

    public TrackConversation(
            Duration idleTimeout,
            Duration longWait,
            Duration stateTtl,
            double smoothing,
            int trendWindow,
            RoutingSettings routing) {
        this.routing = routing;
        this.statistics = new ConversationStatistics(smoothing, trendWindow);
        this.idleTimeout = idleTimeout;
        this.longWait = longWait;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        descriptor = new ValueStateDescriptor<>(STATE_NAME, ConversationState.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
        state = getRuntimeContext().getState(descriptor);
        intents = new IntentReading(routing);
        warmUp();
    }

    /** The statistics, the update and the serializers of the state and the update: JitWarmup. */
    private void warmUp() {
        JitWarmup.RoundTrips wire = new JitWarmup.RoundTrips(getRuntimeContext());
        JitWarmup.once(
                "conversation",
                messages -> {
                    ConversationState s = new ConversationState();
                    for (int i = 0; i < messages.size(); i++) {
                        ConversationEvent e = JitWarmup.message(i, messages.get(i));
                        statistics.count(s, e);
                        ConversationUpdate u = ConversationRecords.update(s, e);
                        if (DecideEscalation.hears(u)) {
                            wire.of(CustomerEvent.of(u), CustomerEvent.class);
                        }
                        s = wire.of(s, ConversationState.class);
                    }
                });
    }

    @Override
    public void processElement(
            ConversationEvent event, ReadOnlyContext ctx, Collector<CustomerEvent> out)
            throws Exception {
        ConversationState s = state.value();
        if (s == null) {
            s = new ConversationState();
            s.startedAt = event.ts;
            s.channel = event.channel;
        }
        if (event.customerId != null) {
            s.customerId = event.customerId;
        }
        s.lastActivityAt = Math.max(s.lastActivityAt, event.ts);
        switch (event.type) {
            case CONVERSATION_STARTED -> {
                s.startedAt = Math.min(s.startedAt, event.ts);
                s.channel = event.channel;
                s.queue = event.queue != null ? event.queue : s.queue;
                s.customerTier = event.customerTier != null ? event.customerTier : s.customerTier;
            }
            case CONVERSATION_ENDED -> {
                if (event.queue != null) {
                    s.queue = event.queue;
                }
                close(s, CloseReason.ENDED, event.ts, ctx, out);
                return;
            }
            case MESSAGE -> {
                if (event.isPartialSegment()) {
                    s.skippedPartials++;
                } else {
                    statistics.count(s, event);
                    trackWaiting(s, event, ctx);
                    ConversationUpdate u = ConversationRecords.update(s, event);
                    intents.read(s, event, u);
                    u.intentPending = intents.pending(s, event.tenant);
                    if (DecideEscalation.hears(u)) {
                        out.collect(CustomerEvent.of(u));
                    }
                }
            }
        }
        ensureIdleTimer(s, ctx);
        state.update(s);
    }

    /**
     * An agent's reply ends the wait without deleting its timer, and the next wait reuses it: a
     * timer costs RocksDB writes on the per-message path, and a conversation waits after every
     * reply. The registered timer, when it fires, moves on to the current wait's time if the
     * customer is waiting again ({@link #onTimer}), so a conversation registers about one timer per
     * {@code longWait} instead of one per wait.
     */
    private void trackWaiting(ConversationState s, ConversationEvent e, ReadOnlyContext ctx) {
        if (e.role == SpeakerRole.AGENT) {
            s.waitingSince = 0;
            s.waitTimerAt = 0;
        } else if (e.role == SpeakerRole.CUSTOMER && s.waitingSince == 0) {
            s.waitingSince = e.ts;
            s.waitTimerAt = e.ts + longWait.toMillis();
            if (s.waitTimerSetAt == 0 || s.waitTimerSetAt > s.waitTimerAt) {
                // None registered, or one that would fire too late (records out of order).
                ctx.timerService().registerEventTimeTimer(s.waitTimerAt);
                s.waitTimerSetAt = s.waitTimerAt;
            }
        }
    }

    /**
     * One idle timer per conversation, registered once and moved only when it fires early: a
     * message moves {@code lastActivityAt} and nothing else, rather than deleting and registering a
     * timer (two RocksDB writes) on every message.
     */
    private void ensureIdleTimer(ConversationState s, ReadOnlyContext ctx) {
        if (s.idleTimerAt == 0) {
            s.idleTimerAt = s.lastActivityAt + idleTimeout.toMillis();
            ctx.timerService().registerEventTimeTimer(s.idleTimerAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CustomerEvent> out)
            throws Exception {
        ConversationState s = state.value();
        if (s == null) {
            return;
        }
        if (isWaitTimer(s, timestamp)) {
            s.waitTimerSetAt = 0;
            if (s.waitingSince != 0 && timestamp < s.waitTimerAt) {
                // An earlier wait's timer: on to this wait's time.
                ctx.timerService().registerEventTimeTimer(s.waitTimerAt);
                s.waitTimerSetAt = s.waitTimerAt;
            } else if (s.waitingSince != 0
                    && s.waitTimerAt != 0
                    && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
                String key = ctx.getCurrentKey();
                ConversationUpdate waited =
                        ConversationRecords.baseUpdate(
                                s,
                                ConversationRecords.tenantOf(key),
                                ConversationRecords.conversationOf(key));
                waited.ts = timestamp;
                waited.waitTimer = true;
                waited.waitingMs = timestamp - s.waitingSince;
                out.collect(CustomerEvent.of(waited));
                s.waitTimerAt = 0;
            } else {
                s.waitTimerAt = 0;
            }
            state.update(s);
        }
        if (timestamp == s.idleTimerAt) {
            long due = s.lastActivityAt + idleTimeout.toMillis();
            if (due > timestamp) {
                // Activity since the timer was set: idle from the last activity on, not from then.
                s.idleTimerAt = due;
                ctx.timerService().registerEventTimeTimer(due);
                state.update(s);
            } else {
                close(s, CloseReason.IDLE_TIMEOUT, timestamp, ctx, out);
            }
        }
    }

    /**
     * Whether the timer at {@code timestamp} is the registered waiting timer; state written before
     * {@code waitTimerSetAt} existed names it by {@code waitTimerAt} alone.
     */
    static boolean isWaitTimer(ConversationState s, long timestamp) {
        return s.waitTimerSetAt != 0
                ? timestamp == s.waitTimerSetAt
                : s.waitTimerAt != 0 && timestamp == s.waitTimerAt;
    }

    private void close(
            ConversationState s,
            CloseReason reason,
            long closedAt,
            ReadOnlyContext ctx,
            Collector<CustomerEvent> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        ctx.output(SUMMARIES, ConversationRecords.summary(s, key, reason, closedAt));
        String tenant = ConversationRecords.tenantOf(key);
        String conversationId = ConversationRecords.conversationOf(key);
        // Closed before any message, the key is minted here: nothing downstream holds state for it.
        String customerKey =
                s.customerKey != null
                        ? s.customerKey
                        : CustomerEvent.customerKey(tenant, s.customerId, conversationId);
        out.collect(
                CustomerEvent.of(
                        customerKey,
                        ConversationRecords.closed(s, tenant, conversationId, closedAt, false)));
        if (s.idleTimerAt != 0 && reason == CloseReason.ENDED) {
            ctx.timerService().deleteEventTimeTimer(s.idleTimerAt);
        }
        if (s.waitTimerSetAt != 0) {
            ctx.timerService().deleteEventTimeTimer(s.waitTimerSetAt);
        } else if (s.waitTimerAt != 0) {
            ctx.timerService().deleteEventTimeTimer(s.waitTimerAt);
        }
        state.clear();
    }

    @Override
    public void processBroadcastElement(
            ConversationEvent erase, Context ctx, Collector<CustomerEvent> out) throws Exception {
        // Every instance of this stage sends one part.
        ErasurePart part =
                ErasurePart.of(
                        erase,
                        ErasurePart.CONVERSATIONS,
                        getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        String prefix = erase.tenant + "/";
        ctx.applyToKeyedState(
                descriptor,
                (key, keyState) -> {
                    ConversationState s = keyState.value();
                    if (s != null
                            && key.startsWith(prefix)
                            && erase.customerId.equals(s.customerId)) {
                        keyState.clear();
                        String conversationId = key.substring(prefix.length());
                        part.conversations.add(conversationId);
                        String customerKey =
                                s.customerKey != null
                                        ? s.customerKey
                                        : CustomerEvent.customerKey(
                                                erase.tenant, s.customerId, conversationId);
                        out.collect(
                                CustomerEvent.of(
                                        customerKey,
                                        ConversationRecords.closed(
                                                s, erase.tenant, conversationId, erase.ts, true)));
                    }
                });
        ctx.output(ERASURES, part);
    }
}
