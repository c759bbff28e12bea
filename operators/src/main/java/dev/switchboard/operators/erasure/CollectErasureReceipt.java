package dev.switchboard.operators.erasure;

import dev.switchboard.operators.records.ErasurePart;
import dev.switchboard.operators.records.ErasureReceipt;
import dev.switchboard.operators.records.RecordIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Combines the parts of one erase request (key: request id), one from each parallel instance of the
 * conversation state, into one {@link ErasureReceipt}, emitted when the last part arrives.
 *
 * <p>State: the parts so far, merged into one {@link ErasurePart}; cleared when the receipt goes
 * out, and bounded by a TTL in case a part never comes (a rescale between request and parts).
 */
public class CollectErasureReceipt
        extends KeyedProcessFunction<String, ErasurePart, ErasureReceipt> {
    static final String STATE_NAME = "erasure-parts";

    private final Duration stateTtl;
    private transient ValueState<ErasurePart> partsSoFar;
    private transient ValueState<Integer> partCount;

    public CollectErasureReceipt(Duration stateTtl) {
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).build();
        ValueStateDescriptor<ErasurePart> parts =
                new ValueStateDescriptor<>(STATE_NAME, ErasurePart.class);
        parts.enableTimeToLive(ttl);
        ValueStateDescriptor<Integer> count =
                new ValueStateDescriptor<>(STATE_NAME + "-count", Integer.class);
        count.enableTimeToLive(ttl);
        partsSoFar = getRuntimeContext().getState(parts);
        partCount = getRuntimeContext().getState(count);
    }

    @Override
    public void processElement(ErasurePart part, Context ctx, Collector<ErasureReceipt> out)
            throws Exception {
        ErasurePart merged = partsSoFar.value();
        int count = partCount.value() == null ? 0 : partCount.value();
        if (merged == null) {
            merged = part;
        } else {
            merged.conversations.addAll(part.conversations);
        }
        count++;
        if (count < part.parts) {
            partsSoFar.update(merged);
            partCount.update(count);
            return;
        }
        ErasureReceipt r = new ErasureReceipt();
        r.id = RecordIds.of("erasure", merged.tenant, merged.requestId);
        r.requestId = merged.requestId;
        r.tenant = merged.tenant;
        r.customerId = merged.customerId;
        r.conversations = new ArrayList<>(merged.conversations);
        Collections.sort(r.conversations);
        r.ts = merged.ts;
        r.decidedAt = System.currentTimeMillis();
        out.collect(r);
        partsSoFar.clear();
        partCount.clear();
    }
}
