package dev.switchboard.operators.time;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for the control and policies streams: none, and the stream marked idle. Control
 * commands take effect when they arrive and schedule nothing in event time, so their stream must
 * never hold back the conversation operator's watermark (an operator takes the least watermark of
 * its active inputs).
 */
public final class ControlWatermarks<T> implements WatermarkGenerator<T> {
    /**
     * Used for the control and the policies stream alike; record timestamps are left as they came.
     */
    public static <T> WatermarkStrategy<T> strategy() {
        return WatermarkStrategy.<T>forGenerator(ctx -> new ControlWatermarks<>());
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
