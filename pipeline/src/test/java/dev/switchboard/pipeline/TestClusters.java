package dev.switchboard.pipeline;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
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
