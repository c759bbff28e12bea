package dev.switchboard.pipeline.config;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of {@code switchboard run} that say how the job runs on Flink: checkpoints, buffers,
 * parallelism, local metrics: {@link RuntimeSettings}.
 */
public class RuntimeOptions {
    @Option(
            names = "--checkpoint-interval",
            description =
                    "Checkpoint interval, e.g. 30s (default: 30s, or 5s with --delivery exactly-once, where outputs become visible at this pace).")
    public Duration checkpointInterval;

    @Option(
            names = "--checkpoint-dir",
            description = "Checkpoint storage URI (default: ${DEFAULT-VALUE}).",
            defaultValue = "file:///tmp/switchboard/checkpoints")
    public String checkpointDir;

    @Option(
            names = "--rocksdb-local-dir",
            description = "RocksDB working directory (default: Flink's temp dirs).")
    public String rocksDbLocalDir;

    @Option(
            names = "--buffer-timeout",
            description =
                    "Network buffer flush timeout; 0 flushes every record (default: ${DEFAULT-VALUE}).",
            defaultValue = "0ms")
    public Duration bufferTimeout;

    @Option(
            names = "--parallelism",
            description =
                    "Job parallelism; 0 uses the cluster default (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    public int parallelism;

    @Option(
            names = "--prometheus-port",
            description =
                    "Serve Flink's and Switchboard's metrics for Prometheus on this port in a local run; 0 = off (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    public int prometheusPort;

    /** The interval given, or the default for {@code delivery}. */
    public Duration checkpointInterval(DeliveryMode delivery) {
        return checkpointInterval != null
                ? checkpointInterval
                : RuntimeSettings.defaultCheckpointInterval(delivery);
    }

    RuntimeSettings toSettings(DeliveryMode delivery) {
        return new RuntimeSettings(
                checkpointInterval(delivery),
                checkpointDir,
                rocksDbLocalDir,
                bufferTimeout,
                parallelism,
                prometheusPort);
    }
}
