package dev.switchboard.operators.time;

import dev.switchboard.operators.records.ConversationEvent;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for the control stream: none, and the stream marked idle. Control commands take effect
 * when they arrive and schedule nothing in event time, so their stream must never hold back the
 * conversation operator's watermark (an operator takes the least watermark of its active inputs).
 */
public final class ControlWatermarks implements WatermarkGenerator<ConversationEvent> {
    public static WatermarkStrategy<ConversationEvent> strategy() {
        return WatermarkStrategy.<ConversationEvent>forGenerator(ctx -> new ControlWatermarks())
                .withTimestampAssigner((event, previous) -> event.ts);
    }

    @Override
    public void onEvent(ConversationEvent event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
