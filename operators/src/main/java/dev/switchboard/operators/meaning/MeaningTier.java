package dev.switchboard.operators.meaning;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that run the embedding network for every {@link ReadMeaning} instance of a
 * TaskManager, and the rate they may start work at: one per class loader and settings, so the
 * network's cost is bounded per machine, not per slot. Plain Java.
 *
 * <p>{@link #trySubmit} never blocks: it refuses work when the tier has used its share of the
 * TaskManager's processors ({@link MeaningSettings#cpuShare()}), the rate is spent, or every thread
 * is busy (and {@link MeaningSettings#queue()} messages wait already), and the caller takes the
 * fast reading instead. The share is charged after each reading with the CPU time its thread spent,
 * so a long message costs more of it than a short one; the readings in progress may put it in debt,
 * and nothing starts until it has refilled. By default nothing waits for a thread: the job's events
 * wait in order behind a message being read (Read meaning), and a message that waited behind
 * another mostly ran out of its timeout before it started (docs/performance.md has the alternating
 * runs that replaced a queue with this).
 */
public final class MeaningTier {
    /** Why a message did not get its reading from the tier. */
    public enum Refusal {
        /** The TaskManager's tier had used its share of the processors. */
        CPU,
        /** The TaskManager's embeddings per second were spent. */
        RATE,
        /** Every one of the tier's threads was busy. */
        SATURATED
    }

    private static final Map<MeaningSettings, MeaningTier> SHARED = new ConcurrentHashMap<>();

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ThreadPoolExecutor executor;
    private final ScheduledThreadPoolExecutor timeouts;
    private final Bucket rate;

    /** Microseconds of a core the tier may still spend (negative: in debt). */
    private final Bucket cpu;

    MeaningTier(MeaningSettings settings) {
        this(settings, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param processors the processors {@link MeaningSettings#cpuShare()} is a share of
     */
    MeaningTier(MeaningSettings settings, int processors) {
        this.executor =
                new ThreadPoolExecutor(
                        settings.threads(),
                        settings.threads(),
                        1,
                        TimeUnit.MINUTES,
                        settings.queue() == 0
                                ? new SynchronousQueue<>()
                                : new ArrayBlockingQueue<>(settings.queue()),
                        r -> {
                            Thread t = new Thread(r, "switchboard-meaning");
                            t.setDaemon(true);
                            return t;
                        },
                        new ThreadPoolExecutor.AbortPolicy());
        this.timeouts =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "switchboard-meaning-timeouts");
                            t.setDaemon(true);
                            return t;
                        });
        this.timeouts.setRemoveOnCancelPolicy(true);
        this.rate =
                Bucket.builder()
                        .addLimit(
                                Bandwidth.builder()
                                        .capacity(settings.maxPerSecond())
                                        .refillGreedy(
                                                settings.maxPerSecond(), Duration.ofSeconds(1))
                                        .build())
                        .build();
        long microsPerSecond =
                Math.max(1, Math.round(settings.cpuShare() * processors * 1_000_000));
        this.cpu =
                Bucket.builder()
                        .addLimit(
                                Bandwidth.builder()
                                        .capacity(microsPerSecond)
                                        .refillGreedy(microsPerSecond, Duration.ofSeconds(1))
                                        .build())
                        .build();
    }

    /** The tier of these settings in this class loader (one per TaskManager and job). */
    public static MeaningTier shared(MeaningSettings settings) {
        return SHARED.computeIfAbsent(settings, MeaningTier::new);
    }

    /** Starts {@code work} on the tier's threads, or says why not (null when started). */
    public Refusal trySubmit(Runnable work) {
        if (cpu.getAvailableTokens() <= 0) {
            return Refusal.CPU;
        }
        if (!rate.tryConsume(1)) {
            return Refusal.RATE;
        }
        try {
            executor.execute(() -> charged(work));
            return null;
        } catch (RejectedExecutionException e) {
            // Not started, so not spent: the rate bounds the work the network does.
            rate.addTokens(1);
            return Refusal.SATURATED;
        }
    }

    /** Runs {@code work} and charges its thread's CPU time (wall time where the JVM has none). */
    private void charged(Runnable work) {
        boolean cpuTime =
                THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
        long start = cpuTime ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        try {
            work.run();
        } finally {
            long spent = (cpuTime ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - start;
            cpu.consumeIgnoringRateLimits(Math.max(1, spent / 1_000));
        }
    }

    /**
     * Runs {@code giveUp} after {@code timeout}, unless the returned future is cancelled first. The
     * tier's own timers, for the messages it was handed only: Flink's async I/O timeout would put a
     * timer on every event, and most pass straight through.
     */
    public ScheduledFuture<?> after(Duration timeout, Runnable giveUp) {
        return timeouts.schedule(giveUp, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
