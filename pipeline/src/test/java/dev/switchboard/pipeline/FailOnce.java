package dev.switchboard.pipeline;

import dev.switchboard.operators.records.RawRecord;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes records through, and fails the task on the first record after the test arms it: a task
 * failure in the middle of the stream, after at least one completed checkpoint. Static, because the
 * MiniCluster runs in the test's JVM and the flags must survive the task's restart.
 */
final class FailOnce implements MapFunction<RawRecord, RawRecord>, CheckpointListener {
    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicInteger FAILURES = new AtomicInteger();
    static final AtomicInteger COMPLETED_CHECKPOINTS = new AtomicInteger();

    static void reset() {
        ARMED.set(false);
        FAILURES.set(0);
        COMPLETED_CHECKPOINTS.set(0);
    }

    /** Starts the job with this between the messages source and the parse step. */
    static org.apache.flink.core.execution.JobClient startJob(
            dev.switchboard.pipeline.config.SwitchboardConfig config, String name)
            throws Exception {
        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env =
                TestClusters.environment(config);
        Workflow.define(
                new Workflow.Inputs(
                        SwitchboardJob.kafka(env, config, SwitchboardJob.KafkaInput.MESSAGES, null)
                                .map(new FailOnce())
                                .uid("inject-failure"),
                        SwitchboardJob.kafka(env, config, SwitchboardJob.KafkaInput.CONTROL, null),
                        SwitchboardJob.kafka(
                                env, config, SwitchboardJob.KafkaInput.POLICIES, null)),
                config,
                SwitchboardJob.kafkaOutputs(config));
        return env.executeAsync(name);
    }

    @Override
    public RawRecord map(RawRecord value) {
        if (ARMED.compareAndSet(true, false)) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException("injected task failure at offset " + value.offset);
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        COMPLETED_CHECKPOINTS.incrementAndGet();
    }
}
