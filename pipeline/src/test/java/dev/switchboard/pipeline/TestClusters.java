package dev.switchboard.pipeline;

import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.nio.file.Path;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The MiniCluster every job test runs on: one TaskManager with two slots, as the job's parallelism.
 */
final class TestClusters {
    private TestClusters() {}

    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    /**
     * The test configuration with topics of their own ({@code prefix}, so that the tests of a class
     * stay apart on one broker), created with {@code partitions} each.
     */
    static SwitchboardConfig onKafka(
            KafkaTestBroker kafka, Path tmp, DeliveryMode mode, String prefix, int partitions)
            throws Exception {
        SwitchboardConfig config =
                KafkaIntegrationTest.config(tmp, kafka.bootstrapServers(), mode, prefix);
        kafka.createTopics(config.kafka().topics().all(), partitions);
        return config;
    }

    /** An environment on the test MiniCluster with the job's Flink settings, as a local run has. */
    static StreamExecutionEnvironment environment(SwitchboardConfig config) {
        return StreamExecutionEnvironment.getExecutionEnvironment(
                FlinkSettings.forLocalRun(config));
    }

    /**
     * Starts the whole job, Kafka in and out, as {@code switchboard run} does; {@code parallelism}
     * 0 keeps the configured one.
     */
    static JobClient startJob(SwitchboardConfig config, String name, int parallelism)
            throws Exception {
        return startJob(config, name, parallelism, null);
    }

    /**
     * {@link #startJob(SwitchboardConfig, String, int)} from {@code savepoint} (none when null), as
     * {@code switchboard run --restore-from} does.
     */
    static JobClient startJob(
            SwitchboardConfig config, String name, int parallelism, String savepoint)
            throws Exception {
        org.apache.flink.configuration.Configuration conf = FlinkSettings.forLocalRun(config);
        if (savepoint != null) {
            conf.setString("execution.state-recovery.path", savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        SwitchboardJob.define(env, config, null);
        return env.executeAsync(name);
    }

    /**
     * Cancels {@code job} and waits until it has ended: {@code cancel()} returns once the request
     * is accepted, while tasks may still be closing RocksDB in the test's temporary directory.
     */
    static void cancelAndWait(org.apache.flink.core.execution.JobClient job) throws Exception {
        job.cancel().get();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!job.getJobStatus().get().isGloballyTerminalState()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        try {
            job.getJobExecutionResult().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException cancelled) {
            // A cancelled job ends with an exception: that is the end we waited for.
        }
    }
}
