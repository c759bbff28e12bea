package dev.switchboard.operators.time;

import dev.switchboard.operators.records.ConversationEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks for conversation records: bounded out-of-orderness, idleness for inputs
 * that never saw a record, and a heartbeat for inputs that went quiet.
 *
 * <p>Why the heartbeat: idle timeouts and waiting-time rules are event-time timers, and a quiet
 * deployment (night shift, a demo after its replay) would otherwise never advance event time, so no
 * conversation would ever time out. Once an input has been quiet for {@code heartbeatAfter} of wall
 * time, its watermark moves forward with the wall clock from its last event. When records flow,
 * only their timestamps move the watermark, so decisions stay reproducible by backtest. A zero
 * {@code heartbeatAfter} turns the heartbeat off.
 */
public final class HeartbeatWatermarks implements WatermarkGenerator<ConversationEvent> {
    private final long outOfOrdernessMs;
    private final long idlenessNanos;
    private final long heartbeatAfterNanos;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastEventNanos;
    private final long createdNanos = System.nanoTime();
    private long lastEmitted = Long.MIN_VALUE;

    HeartbeatWatermarks(Duration outOfOrderness, Duration idleness, Duration heartbeatAfter) {
        this.outOfOrdernessMs = outOfOrderness.toMillis();
        this.idlenessNanos = idleness.toNanos();
        this.heartbeatAfterNanos = heartbeatAfter.toNanos();
    }

    public static WatermarkStrategy<ConversationEvent> strategy(
            Duration outOfOrderness, Duration idleness, Duration heartbeatAfter) {
        return WatermarkStrategy.<ConversationEvent>forGenerator(
                        ctx -> new HeartbeatWatermarks(outOfOrderness, idleness, heartbeatAfter))
                .withTimestampAssigner((event, previous) -> event.ts);
    }

    @Override
    public void onEvent(ConversationEvent event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        lastEventNanos = System.nanoTime();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = System.nanoTime();
        if (maxTimestamp == Long.MIN_VALUE) {
            if (now - createdNanos >= idlenessNanos) {
                output.markIdle();
            }
            return;
        }
        long watermark = maxTimestamp - outOfOrdernessMs - 1;
        long quietNanos = now - lastEventNanos;
        if (heartbeatAfterNanos > 0 && quietNanos >= heartbeatAfterNanos) {
            watermark += quietNanos / 1_000_000;
        }
        if (watermark > lastEmitted) {
            lastEmitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
