package dev.switchboard.operators.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.streaming.api.TimerService;

/**
 * Hands a key's signals on in event-time order, a minute at a time, once the watermark has passed
 * them. Needed because a key's signals come from many instances of the operator before (decisions
 * are keyed by customer), whose streams interleave in any order, however far apart in event time (a
 * replay, a catch-up after a restore): counting them in arrival order would count minutes wrongly
 * and make a replay decide differently. A signal already behind the watermark (late) is handed on
 * at once. The cost: a signal waits for the end of its minute and the watermark.
 */
final class EventTimeOrder<T> {
    private static final long MINUTE_MS = 60_000;

    private final ListState<T> pending;
    private final ToLongFunction<T> timestamp;

    EventTimeOrder(ListState<T> pending, ToLongFunction<T> timestamp) {
        this.pending = pending;
        this.timestamp = timestamp;
    }

    /**
     * Keeps {@code signal} until the watermark passes the end of its minute (a timer then), or
     * returns true when it is late and should be handled now.
     */
    boolean holdUntilDue(T signal, TimerService timers) throws Exception {
        long ts = timestamp.applyAsLong(signal);
        if (ts <= timers.currentWatermark()) {
            return true;
        }
        pending.add(signal);
        timers.registerEventTimeTimer(endOfMinute(ts));
        return false;
    }

    /** The kept signals at or before {@code time}, in event-time order; the rest stay kept. */
    List<T> due(long time) throws Exception {
        List<T> due = new ArrayList<>();
        List<T> rest = new ArrayList<>();
        Iterable<T> kept = pending.get();
        if (kept == null) {
            return due;
        }
        for (T signal : kept) {
            (timestamp.applyAsLong(signal) <= time ? due : rest).add(signal);
        }
        if (due.isEmpty()) {
            return due;
        }
        pending.update(rest);
        due.sort(Comparator.comparingLong(timestamp));
        return due;
    }

    void clear() {
        pending.clear();
    }

    /** The last millisecond of the minute of {@code ts}; the end of time for the last minute. */
    static long endOfMinute(long ts) {
        return endOfStep(ts, MINUTE_MS) - 1;
    }

    /**
     * The start of the step of {@code stepMs} after the one {@code ts} is in, or {@link
     * Long#MAX_VALUE} where that would overflow (a record may carry any time the contract accepts,
     * and a timer that wrapped round to the past would fire again and again).
     */
    static long endOfStep(long ts, long stepMs) {
        long step = Math.floorDiv(ts, stepMs);
        return step >= Long.MAX_VALUE / stepMs - 1 ? Long.MAX_VALUE : (step + 1) * stepMs;
    }
}
