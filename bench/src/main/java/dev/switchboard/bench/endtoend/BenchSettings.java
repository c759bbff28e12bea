package dev.switchboard.bench.endtoend;

import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.JobOptions;
import java.time.Duration;
import java.util.List;

/**
 * What to measure, and the job's own options ({@code switchboard run}'s, parsed once): delivery,
 * parallelism, checkpoint interval, buffer timeout and the rest apply to the benchmarked job
 * exactly as to a real run; the bench points it at its broker and its own work directories.
 *
 * @param job the job's options; parallelism 0 means one per core, as a local run does
 * @param externalKafka an existing Kafka, or null for an in-process broker
 * @param maxRate the highest rate the search for the sustained maximum tries
 * @param maxRefinements how many times the search halves the gap between the last rate held and the
 *     first that failed ({@link MaxSearch})
 * @param warmup the shortest warm-up: it goes on until the job has caught up
 * @param warmupLimit the longest: a job that has not caught up by then fails the bench (also after
 *     a restore)
 * @param restoreBacklog the input that piles up while the job is down before it is restored, or
 *     zero to skip the restore
 * @param scaling parallelisms at which both jobs' maximum sustained rate is searched again, after
 *     the main pair; empty for none
 */
public record BenchSettings(
        Duration duration,
        int rate,
        int conversations,
        Duration warmup,
        Duration warmupLimit,
        Duration restoreBacklog,
        Duration step,
        double angryShare,
        boolean findMax,
        int maxRate,
        int maxRefinements,
        List<Integer> scaling,
        JobOptions job,
        String externalKafka) {
    public DeliveryMode delivery() {
        return DeliveryMode.fromFlag(job.kafka.delivery);
    }

    /** The job's parallelism, and the partitions of each topic. */
    public int parallelism() {
        return job.runtime.parallelism > 0
                ? job.runtime.parallelism
                : Runtime.getRuntime().availableProcessors();
    }

    public Duration checkpointInterval() {
        return job.runtime.checkpointInterval(delivery());
    }

    public Duration bufferTimeout() {
        return job.runtime.bufferTimeout;
    }

    public String bootstrapServers() {
        return externalKafka;
    }

    /**
     * The p99 above which a rate counts as not sustained: 500 ms, plus the checkpoint interval in
     * exactly-once mode (where outputs wait for the checkpoint that commits them).
     */
    public double p99Limit() {
        return 500
                + (delivery() == DeliveryMode.EXACTLY_ONCE ? checkpointInterval().toMillis() : 0);
    }

    /**
     * The backlog at the end of a step above which the job is falling behind: a quarter second of
     * input (plus a checkpoint interval when exactly-once).
     */
    public double backlogLimit(long rate) {
        return rate * (p99Limit() - 250) / 1000.0;
    }
}
