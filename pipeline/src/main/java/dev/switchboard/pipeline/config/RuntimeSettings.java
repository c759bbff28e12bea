package dev.switchboard.pipeline.config;

import java.time.Duration;

/**
 * How Flink runs the job: checkpoints, state on disk, network buffers, parallelism, metrics.
 *
 * @param checkpointInterval how often state and source offsets are checkpointed (and, in
 *     exactly-once mode, how often outputs become visible)
 * @param checkpointDir checkpoint storage URI (file://, s3://, ...)
 * @param rocksDbLocalDir RocksDB working directory on local disk, or null for Flink's default
 * @param bufferTimeout longest a record waits in a network buffer before it is flushed
 * @param parallelism job parallelism, or 0 for the environment's default
 * @param prometheusPort port of the Prometheus metrics endpoint of a local run, or 0 for none
 */
public record RuntimeSettings(
        Duration checkpointInterval,
        String checkpointDir,
        String rocksDbLocalDir,
        Duration bufferTimeout,
        int parallelism,
        int prometheusPort) {
    /**
     * At-least-once, a checkpoint only bounds the replay after a failure (up to one interval of
     * input, caught up at several times the input rate), while each one stops every stateful task
     * for RocksDB's flush (about 0.1 s on the 2-core bench machine, docs/performance.md): every 30
     * s rather than every 5 s took the escalation decisions' p99 from 77 and 110 ms to 27 and 32.
     */
    public static final Duration AT_LEAST_ONCE_CHECKPOINT_INTERVAL = Duration.ofSeconds(30);

    /** Exactly-once, outputs become visible only when a checkpoint commits them. */
    public static final Duration EXACTLY_ONCE_CHECKPOINT_INTERVAL = Duration.ofSeconds(5);

    public static Duration defaultCheckpointInterval(DeliveryMode delivery) {
        return delivery == DeliveryMode.EXACTLY_ONCE
                ? EXACTLY_ONCE_CHECKPOINT_INTERVAL
                : AT_LEAST_ONCE_CHECKPOINT_INTERVAL;
    }

    public RuntimeSettings {
        SwitchboardConfig.require(
                checkpointInterval.toMillis() >= 10, "--checkpoint-interval must be at least 10ms");
        SwitchboardConfig.require(
                !bufferTimeout.isNegative(), "--buffer-timeout must not be negative");
        SwitchboardConfig.require(
                parallelism >= 0, "--parallelism must be 0 (default) or positive");
        SwitchboardConfig.require(
                prometheusPort >= 0 && prometheusPort <= 65535,
                "--prometheus-port must be 0 (off) or a port");
    }
}
