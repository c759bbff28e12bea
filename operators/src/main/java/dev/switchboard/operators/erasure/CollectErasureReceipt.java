package dev.switchboard.operators.erasure;

import dev.switchboard.operators.records.ErasurePart;
import dev.switchboard.operators.records.ErasureReceipt;
import dev.switchboard.operators.records.RecordIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Combines the parts of one erase request (key: request id), one from each parallel instance of
 * each stage that holds customer data, into one {@link ErasureReceipt}, emitted when every stage
 * has sent all its parts. The stages are named by the job's wiring; how many parts each sends, by
 * the stage's own parts.
 *
 * <p>State: the parts so far, merged into one {@link ErasurePart}, and the parts each stage has yet
 * to send; cleared when the receipt goes out, and bounded by a TTL in case a part never comes (a
 * rescale between request and parts).
 */
public class CollectErasureReceipt
        extends KeyedProcessFunction<String, ErasurePart, ErasureReceipt> {
    static final String STATE_NAME = "erasure-parts";

    private final Duration stateTtl;
    private final List<String> stages;
    private transient ValueState<ErasurePart> partsSoFar;
    private transient MapState<String, Integer> partsToCome;

    /**
     * @param stages the stages whose parts make a receipt ({@link ErasurePart#CONVERSATIONS},
     *     {@link ErasurePart#CUSTOMER})
     */
    public CollectErasureReceipt(Duration stateTtl, Set<String> stages) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("an erasure receipt needs at least one stage");
        }
        this.stateTtl = stateTtl;
        this.stages = List.copyOf(stages);
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).build();
        ValueStateDescriptor<ErasurePart> parts =
                new ValueStateDescriptor<>(STATE_NAME, ErasurePart.class);
        parts.enableTimeToLive(ttl);
        MapStateDescriptor<String, Integer> toCome =
                new MapStateDescriptor<>(STATE_NAME + "-to-come", String.class, Integer.class);
        toCome.enableTimeToLive(ttl);
        partsSoFar = getRuntimeContext().getState(parts);
        partsToCome = getRuntimeContext().getMapState(toCome);
    }

    @Override
    public void processElement(ErasurePart part, Context ctx, Collector<ErasureReceipt> out)
            throws Exception {
        ErasurePart merged = partsSoFar.value();
        if (merged == null) {
            merged = part;
        } else {
            merged.conversations.addAll(part.conversations);
        }
        Integer toCome = partsToCome.get(part.stage);
        partsToCome.put(part.stage, (toCome == null ? part.parts : toCome) - 1);
        for (String stage : stages) {
            Integer left = partsToCome.get(stage);
            if (left == null || left > 0) {
                partsSoFar.update(merged);
                return;
            }
        }
        ErasureReceipt r = new ErasureReceipt();
        r.id = RecordIds.of("erasure", merged.tenant, merged.requestId);
        r.requestId = merged.requestId;
        r.tenant = merged.tenant;
        r.customerId = merged.customerId;
        // Sorted, each once: a conversation's state and its customer's both name it.
        r.conversations = new ArrayList<>(new TreeSet<>(merged.conversations));
        r.ts = merged.ts;
        r.decidedAt = System.currentTimeMillis();
        out.collect(r);
        partsSoFar.clear();
        partsToCome.clear();
    }
}
