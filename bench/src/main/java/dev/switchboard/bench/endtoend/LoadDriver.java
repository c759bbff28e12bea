package dev.switchboard.bench.endtoend;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Drives one job with the load generator and watches its backlog (messages sent without an output
 * yet): sending phases at a rate, sending until the job has caught up, waiting for the outputs, and
 * the search for the highest rate it sustains.
 */
final class LoadDriver {
    private final String kind;
    private final BenchSettings settings;
    private final LoadGenerator generator;
    private final LatencyConsumer outputs;
    private final PrintWriter progress;

    LoadDriver(
            String kind,
            BenchSettings settings,
            LoadGenerator generator,
            LatencyConsumer outputs,
            PrintWriter progress) {
        this.kind = kind;
        this.settings = settings;
        this.generator = generator;
        this.outputs = outputs;
        this.progress = progress;
    }

    /**
     * Sends at the bench's rate in one-second steps, for at least {@code shortest}, until the job
     * has caught up: its backlog under the bound the maximum search uses at the end of {@code
     * samples} steps in a row. Measuring a job that is still behind would report its backlog as
     * latency. Used for the warm-up and after a restore.
     *
     * @return when the steady state began (System.nanoTime)
     * @throws IllegalStateException when the job has not caught up within {@code --warmup-limit}
     */
    long sendUntilCaughtUp(String what, int samples, Duration shortest) {
        SteadyState steady = new SteadyState(settings.backlogLimit(settings.rate()), samples);
        long start = System.nanoTime();
        while (!(steady.reached() && System.nanoTime() - start >= shortest.toNanos())) {
            if (System.nanoTime() - start >= settings.warmupLimit().toNanos()) {
                throw new IllegalStateException(
                        String.format(
                                Locale.ROOT,
                                "the %s job did not catch up within %ds (%s) at %,d msg/s: backlog %,d",
                                kind,
                                settings.warmupLimit().toSeconds(),
                                what,
                                settings.rate(),
                                lastBacklog));
            }
            phase(what, settings.rate(), Duration.ofSeconds(1));
            steady.sample(System.nanoTime(), lastBacklog);
            progress.printf(
                    "[%s] %s %.0f s: backlog %,d%s%n",
                    kind,
                    what,
                    (System.nanoTime() - start) / 1e9,
                    lastBacklog,
                    steady.reached() ? ", caught up" : "");
            progress.flush();
        }
        return steady.since();
    }

    /**
     * Sends at {@code rate} for {@code length}, with a progress line every second; returns the rate
     * achieved.
     */
    double phase(String name, int rate, Duration length) {
        long sentBefore = generator.sent();
        long messagesBefore = generator.messages();
        long receivedBefore = outputs.received();
        long start = System.nanoTime();
        generator.run(
                rate,
                length.toMillis() / 1000.0,
                () -> {
                    progress.printf(
                            "[%s] %s at %,d msg/s: sent %,d, out %,d, worst %.1f ms%n",
                            kind,
                            name,
                            rate,
                            generator.messages() - messagesBefore,
                            outputs.received() - receivedBefore,
                            outputs.worstSinceLastAsked());
                    progress.flush();
                });
        lastBacklog = generator.messages() - outputs.received();
        return (generator.sent() - sentBefore) / ((System.nanoTime() - start) / 1e9);
    }

    /** Messages without an output yet when the last phase's sending ended. */
    private long lastBacklog;

    /**
     * Waits until every message sent has its output (at most a few seconds more than a checkpoint).
     */
    boolean drain() throws InterruptedException {
        long deadline =
                System.nanoTime()
                        + Duration.ofSeconds(3)
                                .plus(settings.checkpointInterval().multipliedBy(2))
                                .toNanos();
        while (outputs.received() < generator.messages() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return outputs.received() >= generator.messages();
    }

    /**
     * The highest rate the job sustains ({@link MaxSearch}). A step holds when the generator holds
     * the rate, the backlog at the step's end is within {@link BenchSettings#backlogLimit}, the
     * outputs catch up within the drain time, and p99 is within {@link BenchSettings#p99Limit}. A
     * step after one that failed starts once the job has caught up, or counts as failed if it does
     * not within a second drain time (a conservative maximum, never a flattering one).
     */
    long findMax() throws InterruptedException {
        return MaxSearch.find(
                settings.rate(), settings.maxRate(), settings.maxRefinements(), this::holds);
    }

    private boolean holds(long rate) throws InterruptedException {
        if (outputs.received() < generator.messages() && !drain()) {
            progress.printf(
                    Locale.ROOT,
                    "[%s] %,d msg/s: not tried, the backlog of the step before has not cleared -> diverged%n",
                    kind,
                    rate);
            return false;
        }
        outputs.interval();
        double achieved = phase("max search", (int) rate, settings.step());
        long backlog = lastBacklog;
        boolean drained = drain();
        double p99 = ms(outputs.interval().getValueAtPercentile(99));
        boolean kept =
                drained
                        && achieved >= 0.95 * rate
                        && p99 <= settings.p99Limit()
                        && backlog <= settings.backlogLimit(rate);
        progress.printf(
                Locale.ROOT,
                "[%s] %,d msg/s: achieved %,.0f, p99 %.1f ms, backlog at end %,d, caught up %s -> %s%n",
                kind,
                rate,
                achieved,
                p99,
                backlog,
                drained,
                kept ? "sustained" : "diverged");
        return kept;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
