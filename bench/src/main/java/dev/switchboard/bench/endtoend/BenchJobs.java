package dev.switchboard.bench.endtoend;

import dev.switchboard.pipeline.FlinkSettings;
import dev.switchboard.pipeline.SwitchboardJob;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Starting, restoring and stopping the benchmarked jobs on the bench's MiniCluster. */
final class BenchJobs {
    private BenchJobs() {}

    /** The job's topics and the passthrough's output, {@code partitions} each. */
    static void createTopics(
            String bootstrap, SwitchboardConfig config, String passthroughTopic, int partitions)
            throws Exception {
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", bootstrap))) {
            List<String> names = new java.util.ArrayList<>(config.kafka().topics().all());
            names.add(passthroughTopic);
            admin.createTopics(
                            names.stream()
                                    .map(t -> new NewTopic(t, partitions, (short) 1))
                                    .toList())
                    .all()
                    .get();
        }
    }

    /** Checkpoints kept in the job's statistics: over 80 minutes at 5 s a checkpoint. */
    static final int CHECKPOINT_HISTORY = 1_000;

    /** Starts the {@code kind} job, from {@code restorePath} when not null. */
    static JobClient submit(
            String kind,
            SwitchboardConfig config,
            String passthroughTopic,
            int restPort,
            String restorePath)
            throws Exception {
        Configuration conf = FlinkSettings.forLocalRun(config);
        conf.setString("rest.port", Integer.toString(restPort));
        // CheckpointPause reads every checkpoint of the measured phase from the statistics'
        // history, which Flink cuts to the last 10 by default: at 5 s a checkpoint, 50 s.
        conf.setString("web.checkpoints.history", Integer.toString(CHECKPOINT_HISTORY));
        // MeaningTierFigures reads the job's counters once the run is drained: fetched every
        // second rather than every 10 s, they are current by then.
        conf.setString("metrics.fetcher.update-interval", "1000");
        if (restorePath != null) {
            conf.setString("execution.state-recovery.path", restorePath);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (kind.equals("switchboard")) {
            SwitchboardJob.define(env, config, null);
        } else {
            PassthroughJob.define(env, config, passthroughTopic);
        }
        return env.executeAsync("bench-" + kind);
    }

    /**
     * Cancels {@code job} and waits until it has ended. A local job's MiniCluster shuts down with
     * it, after which the client answers only with IllegalStateException: that too means it has
     * ended.
     */
    static void cancel(JobClient job) throws Exception {
        try {
            job.cancel().get();
        } catch (java.util.concurrent.ExecutionException | IllegalStateException ended) {
            // it had ended already
        }
        try {
            job.getJobExecutionResult().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | IllegalStateException cancelled) {
            // a cancelled job ends with an exception: that is the end waited for
        }
    }
}
