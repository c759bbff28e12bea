package dev.switchboard.pipeline;

import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/** The one method that sets Flink's own settings for a Switchboard job. */
public final class FlinkSettings {
    private FlinkSettings() {}

    /**
     * RocksDB with incremental checkpoints, checkpointing always on (exactly-once outputs need it,
     * and at-least-once needs it to restore after a failure), the latency settings, a restart
     * strategy, and two switches that turn mistakes into build errors: generic types (Kryo) off,
     * and uids required on every operator.
     */
    public static Configuration forJob(SwitchboardConfig config) {
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", "rocksdb");
        conf.setString("execution.checkpointing.storage", "filesystem");
        conf.setString("execution.checkpointing.dir", config.runtime().checkpointDir());
        conf.setString("execution.checkpointing.incremental", "true");
        conf.setString(
                "execution.checkpointing.interval", millis(config.runtime().checkpointInterval()));
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        conf.setString(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        if (config.runtime().rocksDbLocalDir() != null) {
            conf.setString("state.backend.rocksdb.localdir", config.runtime().rocksDbLocalDir());
        }
        conf.setString(
                "execution.buffer-timeout.interval", millis(config.runtime().bufferTimeout()));
        conf.setString("restart-strategy.type", "exponential-delay");
        conf.setString("restart-strategy.exponential-delay.initial-backoff", "200ms");
        conf.setString("restart-strategy.exponential-delay.max-backoff", "30s");
        conf.setString("pipeline.generic-types", "false");
        // No deep copy between chained operators: no function keeps or changes a record after
        // emitting it, so the copy would only cost time on the per-message path.
        conf.setString("pipeline.object-reuse", "true");
        // RocksDB's estimate of the keys of each state: open conversations, on every dashboard.
        conf.setString("state.backend.rocksdb.metrics.estimate-num-keys", "true");
        if (config.runtime().prometheusPort() > 0) {
            // For a local run (switchboard run, the demo); a cluster configures its reporters
            // itself.
            conf.setString(
                    "metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString(
                    "metrics.reporter.prom.port",
                    Integer.toString(config.runtime().prometheusPort()));
        }
        conf.setString("pipeline.auto-generate-uids", "false");
        if (config.runtime().parallelism() > 0) {
            conf.setString("parallelism.default", Integer.toString(config.runtime().parallelism()));
        }
        return conf;
    }

    private static String millis(Duration d) {
        return d.toMillis() + "ms";
    }
}
