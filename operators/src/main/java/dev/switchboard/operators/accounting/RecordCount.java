package dev.switchboard.operators.accounting;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * One of the counts that account for every input record: {@code in = scored + skippedPartials +
 * lifecycle + controlCommands + policyUpdates + queueStatusUpdates + deadLetters}. Each count is a
 * Flink metric (group {@code switchboard}, for dashboards) and an accumulator of the same name
 * (read from the job result by tests, backtests and the benchmark).
 */
public final class RecordCount {
    public static final String IN = "recordsIn";
    public static final String SCORED = "messagesScored";
    public static final String SKIPPED_PARTIALS = "partialSegmentsSkipped";
    public static final String LIFECYCLE = "lifecycleEvents";
    public static final String DEAD_LETTERS = "deadLetters";
    public static final String CONTROL = "controlCommands";
    public static final String POLICY_UPDATES = "policyUpdates";
    public static final String QUEUE_STATUS_UPDATES = "queueStatusUpdates";

    private final Counter metric;
    private final LongCounter accumulator;

    private RecordCount(Counter metric, LongCounter accumulator) {
        this.metric = metric;
        this.accumulator = accumulator;
    }

    /**
     * Registers the count {@code name} for the function that owns {@code context}; call from {@code
     * open}.
     */
    public static RecordCount register(RuntimeContext context, String name) {
        return new RecordCount(
                context.getMetricGroup().addGroup("switchboard").counter(name),
                context.getLongCounter(name));
    }

    public void inc() {
        metric.inc();
        accumulator.add(1L);
    }
}
