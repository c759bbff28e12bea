package dev.switchboard.bench.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.apache.flink.core.execution.JobClient;

/**
 * The job's recovery speed: it is cancelled (its last checkpoint retained), {@code
 * --restore-backlog} of input piles up meanwhile, and it is started again from that checkpoint
 * while the input goes on at the bench's rate. Measured: the time from the new submission until the
 * backlog is back under the sustained bound, and the outputs per second over that time (an upper
 * estimate at-least-once, where the records since the checkpoint come out twice).
 */
final class RestoreCatchUp {
    /** Starts the job again from {@code restorePath}, with its REST API on {@code restPort}. */
    interface Submitter {
        JobClient submit(int restPort, String restorePath) throws Exception;
    }

    /** Sends the live input until the job has caught up; returns when it had (System.nanoTime). */
    interface CatchUp {
        long run();
    }

    /** The catch-up time in ms and the outputs per second while catching up. */
    record Figures(long catchUpMs, double outputsPerSecond) {}

    private RestoreCatchUp() {}

    static Figures measure(
            String kind,
            BenchSettings settings,
            JobClient running,
            int restPort,
            Submitter submitter,
            CatchUp catchUp,
            LoadGenerator generator,
            LatencyConsumer outputs,
            PrintWriter progress)
            throws Exception {
        JsonNode checkpoint =
                FlinkRest.latestCheckpoint(
                        running,
                        restPort,
                        System.currentTimeMillis(),
                        settings.checkpointInterval());
        if (checkpoint == null || !checkpoint.hasNonNull("external_path")) {
            throw new IllegalStateException(
                    "the " + kind + " job completed no checkpoint to restore");
        }
        String path = checkpoint.path("external_path").asText();
        BenchJobs.cancel(running);
        long piled = (long) settings.rate() * settings.restoreBacklog().toSeconds();
        generator.burst(piled);
        progress.printf(
                Locale.ROOT,
                "[%s] cancelled; %,d messages (%ds of input) waiting; restoring %s%n",
                kind,
                piled,
                settings.restoreBacklog().toSeconds(),
                path);
        progress.flush();
        long receivedBefore = outputs.received();
        long submitted = System.nanoTime();
        JobClient restored = submitter.submit(FlinkRest.freePort(), path);
        try {
            long caughtUp = catchUp.run();
            double seconds = (caughtUp - submitted) / 1e9;
            return new Figures(
                    (caughtUp - submitted) / 1_000_000,
                    (outputs.received() - receivedBefore) / seconds);
        } finally {
            BenchJobs.cancel(restored);
        }
    }
}
