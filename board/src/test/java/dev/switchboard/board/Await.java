package dev.switchboard.board;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline (tests never sleep a fixed time and hope). */
public final class Await {
    private Await() {}

    /**
     * Polls {@code condition} until it holds; fails naming {@code what} once {@code timeout}
     * passes.
     */
    public static void until(BooleanSupplier condition, String what, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
