package dev.switchboard.operators.conversation;

import dev.switchboard.models.intent.IntentModel;
import dev.switchboard.models.intent.IntentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.CloseReason;
import dev.switchboard.operators.records.ConversationEvent;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.ErasurePart;
import dev.switchboard.operators.routing.RoutingSettings;
import java.time.Duration;
import java.util.HashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps the running signals of one conversation (key {@code tenant/conversationId}) and emits a
 * {@link ConversationUpdate} after every scored message.
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
 * event time, it emits a {@link ConversationSummary} on {@link #SUMMARIES}, a last update with
 * {@code closed = true} (so decision state is dropped too) and clears its state and timer. A state
 * TTL ({@code stateTtl}, processing time) is the safety net for keys whose timer can never fire.
 *
 * <p>Erasure: an {@code erase} request (broadcast to every parallel instance) clears the state of
 * every conversation of that tenant's customer held by this instance, with {@code
 * applyToKeyedState}, emits a closed update for each (so decision state goes too) and an {@link
 * ErasurePart} listing them. Nothing is emitted later from the cleared state: its timers find no
 * state and do nothing. Records of the customer that arrive after the request start new, empty
 * state.
 *
 * <p>Intent: for tenants with routing, the first customer messages are read by the tenant's intent
 * model until one reaches {@code minIntentConfidence}; after {@code intentMessages} without one, or
 * at once for a message in a language the intent models do not read, the intent is {@code unknown}.
 * The update on which it settles carries it, once; later messages are not read (the intent model
 * runs on a few messages per conversation, not on the per-message path).
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
                String, ConversationEvent, ConversationEvent, ConversationUpdate> {
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
    private transient HashMap<String, IntentModel> intentModels;
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
        if (!(smoothing > 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("smoothing must be in (0, 1], was " + smoothing);
        }
        if (trendWindow < ConversationStatistics.MIN_TREND_POINTS) {
            throw new IllegalArgumentException(
                    "trendWindow must be at least "
                            + ConversationStatistics.MIN_TREND_POINTS
                            + ", was "
                            + trendWindow);
        }
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
        intentModels = new HashMap<>();
        routing.tenants()
                .forEach(
                        (tenant, r) ->
                                intentModels.put(tenant, IntentModel.named(r.intentModel())));
    }

    @Override
    public void processElement(
            ConversationEvent event, ReadOnlyContext ctx, Collector<ConversationUpdate> out)
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
                    readIntent(s, event, u);
                    out.collect(u);
                }
            }
        }
        ensureIdleTimer(s, ctx);
        state.update(s);
    }

    /** Reads the customer's message for the conversation's intent while it is not settled. */
    private void readIntent(ConversationState s, ConversationEvent e, ConversationUpdate u) {
        if (s.intent != null || e.role != SpeakerRole.CUSTOMER || e.sentiment == null) {
            return;
        }
        IntentModel model = intentModels.get(e.tenant);
        if (model == null) {
            return;
        }
        s.intentMessagesRead++;
        if (!e.sentiment.supported || e.text == null) {
            // The intent models read English only; guessing from another language would be noise.
            s.intent = UNKNOWN_INTENT;
            s.intentConfidence = 0;
        } else {
            IntentScore score = model.classify(e.text);
            if (score.confidence() >= routing.minIntentConfidence()) {
                s.intent = score.intent();
                s.intentConfidence = score.confidence();
            } else if (s.intentMessagesRead >= routing.intentMessages()) {
                s.intent = UNKNOWN_INTENT;
                s.intentConfidence = score.confidence();
            }
        }
        if (s.intent != null) {
            u.intent = s.intent;
            u.intentConfidence = s.intentConfidence;
        }
    }

    /** The intent of a conversation whose intent could not be read with confidence. */
    public static final String UNKNOWN_INTENT = "unknown";

    /**
     * An agent's reply ends the wait without deleting its timer: deleting costs a RocksDB write on
     * the per-message path, while a stale timer costs one lookup when it fires and finds that
     * {@code waitTimerAt} has moved on.
     */
    private void trackWaiting(ConversationState s, ConversationEvent e, ReadOnlyContext ctx) {
        if (e.role == SpeakerRole.AGENT) {
            s.waitingSince = 0;
            s.waitTimerAt = 0;
        } else if (e.role == SpeakerRole.CUSTOMER && s.waitingSince == 0) {
            s.waitingSince = e.ts;
            s.waitTimerAt = e.ts + longWait.toMillis();
            ctx.timerService().registerEventTimeTimer(s.waitTimerAt);
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
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ConversationUpdate> out)
            throws Exception {
        ConversationState s = state.value();
        if (s == null) {
            return;
        }
        if (timestamp == s.waitTimerAt && s.waitingSince != 0) {
            s.waitTimerAt = 0;
            if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
                String key = ctx.getCurrentKey();
                ConversationUpdate waited =
                        ConversationRecords.baseUpdate(
                                s,
                                ConversationRecords.tenantOf(key),
                                ConversationRecords.conversationOf(key));
                waited.ts = timestamp;
                waited.waitTimer = true;
                waited.waitingMs = timestamp - s.waitingSince;
                out.collect(waited);
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

    private void close(
            ConversationState s,
            CloseReason reason,
            long closedAt,
            ReadOnlyContext ctx,
            Collector<ConversationUpdate> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        ctx.output(SUMMARIES, ConversationRecords.summary(s, key, reason, closedAt));
        ConversationUpdate last =
                ConversationRecords.baseUpdate(
                        s,
                        ConversationRecords.tenantOf(key),
                        ConversationRecords.conversationOf(key));
        last.ts = closedAt;
        last.closed = true;
        last.intent = s.intent;
        last.intentConfidence = s.intentConfidence;
        if (last.customerKey == null) {
            // Closed before any message: nothing downstream holds state for it.
            last.customerKey =
                    ConversationRecords.customerKey(last.tenant, s.customerId, last.conversationId);
        }
        out.collect(last);
        if (s.idleTimerAt != 0 && reason == CloseReason.ENDED) {
            ctx.timerService().deleteEventTimeTimer(s.idleTimerAt);
        }
        if (s.waitTimerAt != 0) {
            ctx.timerService().deleteEventTimeTimer(s.waitTimerAt);
        }
        state.clear();
    }

    @Override
    public void processBroadcastElement(
            ConversationEvent erase, Context ctx, Collector<ConversationUpdate> out)
            throws Exception {
        ErasurePart part = new ErasurePart();
        part.requestId = erase.requestId;
        part.tenant = erase.tenant;
        part.customerId = erase.customerId;
        // One part from each instance here, and one from the customer-level state.
        part.parts = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks() + 1;
        part.ts = erase.ts;
        String prefix = erase.tenant + "/";
        ctx.applyToKeyedState(
                descriptor,
                (key, keyState) -> {
                    ConversationState s = keyState.value();
                    if (s != null
                            && key.startsWith(prefix)
                            && erase.customerId.equals(s.customerId)) {
                        keyState.clear();
                        part.conversations.add(key.substring(prefix.length()));
                        ConversationUpdate closed = new ConversationUpdate();
                        closed.tenant = erase.tenant;
                        closed.conversationId = key.substring(prefix.length());
                        closed.customerId = erase.customerId;
                        closed.customerKey =
                                s.customerKey != null
                                        ? s.customerKey
                                        : ConversationRecords.customerKey(
                                                erase.tenant, s.customerId, closed.conversationId);
                        closed.ts = erase.ts;
                        closed.closed = true;
                        closed.erased = true;
                        out.collect(closed);
                    }
                });
        ctx.output(ERASURES, part);
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            // One instance hands the request to the customer-level state (history), which adds its
            // own part.
            ConversationUpdate toCustomer = new ConversationUpdate();
            toCustomer.tenant = erase.tenant;
            toCustomer.customerId = erase.customerId;
            toCustomer.customerKey =
                    ConversationRecords.customerKey(erase.tenant, erase.customerId, null);
            toCustomer.ts = erase.ts;
            toCustomer.eraseRequestId = erase.requestId;
            toCustomer.erasureParts = part.parts;
            out.collect(toCustomer);
        }
    }
}
