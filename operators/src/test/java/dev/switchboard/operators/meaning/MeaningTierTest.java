package dev.switchboard.operators.meaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MeaningTierTest {
    @Test
    void refusesWorkBeyondTheRateWithoutWaiting() throws Exception {
        MeaningTier tier =
                // As many threads as a burst can start: none is refused for a busy thread.
                new MeaningTier(
                        new MeaningSettings(
                                true, 100, Duration.ofSeconds(1), 3, 1.0, 4, 0, 0.5, false, 0));
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch allRan = new CountDownLatch(3);
        List<MeaningTier.Refusal> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(
                    tier.trySubmit(
                            () -> {
                                ran.incrementAndGet();
                                allRan.countDown();
                            }));
        }
        long accepted = answers.stream().filter(a -> a == null).count();
        // Three a second: the burst gets the bucket's three (a fourth if a refill fell inside it).
        assertTrue(accepted >= 3 && accepted <= 4, answers.toString());
        assertEquals(
                10 - accepted, answers.stream().filter(a -> a == MeaningTier.Refusal.RATE).count());
        assertTrue(allRan.await(10, TimeUnit.SECONDS));
        assertEquals(accepted, waitFor(ran, (int) accepted));
    }

    @Test
    void refusesWorkWhenItsThreadsAreBusyRatherThanQueueingItAndKeepsItsRateForLater()
            throws Exception {
        // One thread, three a second.
        MeaningTier tier =
                new MeaningTier(
                        new MeaningSettings(
                                true, 100, Duration.ofMillis(5), 3, 1.0, 1, 0, 0.5, false, 0));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        Runnable blocked = blockedUntil(release, ran);
        List<MeaningTier.Refusal> answers = submitTen(tier, blocked);
        assertNull(answers.get(0), "the one thread starts the first");
        assertEquals(
                9,
                answers.stream().filter(a -> a == MeaningTier.Refusal.SATURATED).count(),
                "none waits for the busy thread, and none spends the rate: " + answers);
        release.countDown();
        assertEquals(1, waitFor(ran, 1));
        // The two readings the rate still allows this second start once the thread is free.
        for (int i = 0; i < 2; i++) {
            assertNull(submitWhenIdle(tier, () -> ran.incrementAndGet()), "reading " + i);
        }
        assertEquals(3, waitFor(ran, 3));
    }

    @Test
    void aQueueLetsThatManyMessagesWaitForABusyThread() throws Exception {
        MeaningTier tier =
                new MeaningTier(
                        new MeaningSettings(
                                true, 100, Duration.ofSeconds(1), 1000, 1.0, 1, 5, 0.5, false, 0));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        Runnable blocked = blockedUntil(release, ran);
        List<MeaningTier.Refusal> answers = submitTen(tier, blocked);
        int accepted = (int) answers.stream().filter(a -> a == null).count();
        // The running one and five waiting (one less if the thread had not taken the first yet).
        assertTrue(accepted == 6 || accepted == 5, answers.toString());
        assertEquals(MeaningTier.Refusal.SATURATED, answers.get(9), answers.toString());
        release.countDown();
        assertEquals(accepted, waitFor(ran, accepted));
    }

    /** The tier's answers to ten submissions of {@code work} in a row. */
    private static List<MeaningTier.Refusal> submitTen(MeaningTier tier, Runnable work) {
        List<MeaningTier.Refusal> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(tier.trySubmit(work));
        }
        return answers;
    }

    /** Work that holds its thread until {@code release}, then counts itself in {@code ran}. */
    private static Runnable blockedUntil(CountDownLatch release, AtomicInteger ran) {
        return () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.incrementAndGet();
        };
    }

    /** Submits until the thread takes it or the rate refuses it (10 s at most). */
    private static MeaningTier.Refusal submitWhenIdle(MeaningTier tier, Runnable work)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        MeaningTier.Refusal answer = tier.trySubmit(work);
        while (answer == MeaningTier.Refusal.SATURATED && System.nanoTime() < deadline) {
            Thread.sleep(1);
            answer = tier.trySubmit(work);
        }
        return answer;
    }

    @Test
    void refusesWorkOnceItsShareOfTheCoresIsSpentUntilItHasRefilled() throws Exception {
        // A twentieth of one processor: 50 ms of CPU a second, and a reading that burns 100 ms.
        MeaningTier tier =
                new MeaningTier(
                        new MeaningSettings(
                                true, 100, Duration.ofSeconds(1), 1000, 0.05, 1, 0, 0.5, false, 0),
                        1);
        AtomicInteger ran = new AtomicInteger();
        Runnable burn =
                () -> {
                    burnCpu(TimeUnit.MILLISECONDS.toNanos(100));
                    ran.incrementAndGet();
                };
        assertNull(tier.trySubmit(burn));
        // Its thread is charged before it takes the next message, so once it is idle:
        assertEquals(
                MeaningTier.Refusal.CPU,
                submitWhenIdle(tier, burn),
                "100 ms spent of 50 a second: in debt for about a second");
        assertEquals(1, ran.get());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        MeaningTier.Refusal answer = tier.trySubmit(burn);
        while (answer == MeaningTier.Refusal.CPU && System.nanoTime() < deadline) {
            Thread.sleep(20);
            answer = tier.trySubmit(burn);
        }
        assertNull(answer, "refilled, it starts work again");
        assertEquals(2, waitFor(ran, 2));
    }

    /** Spins until this thread has used {@code nanos} of CPU time. */
    private static void burnCpu(long nanos) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + nanos;
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                sink += i * 31L ^ sink;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
    }

    @Test
    void boundsAreChecked() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new MeaningSettings(
                                true, 10, Duration.ofMillis(5), 10, 0, 1, 0, 0.5, false, 0));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new MeaningSettings(
                                true, 0, Duration.ofMillis(5), 10, 1.0, 1, 0, 0.5, false, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new MeaningSettings(true, 10, Duration.ZERO, 10, 1.0, 1, 0, 0.5, false, 0));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new MeaningSettings(
                                true, 10, Duration.ofMillis(5), 0, 1.0, 1, 0, 0.5, false, 0));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new MeaningSettings(
                                true, 10, Duration.ofMillis(5), 10, 1.0, 1, 0, 1.5, false, 0));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new MeaningSettings(
                                true, 10, Duration.ofMillis(5), 10, 1.0, 1, -1, 0.5, false, 0));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new MeaningSettings(
                                true,
                                10,
                                Duration.ofMillis(5),
                                10,
                                1.0,
                                1,
                                0,
                                Double.NaN,
                                false,
                                0));
    }

    private static int waitFor(AtomicInteger counter, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return counter.get();
    }
}
