package dev.switchboard.operators.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JitWarmupTest {
    @Test
    void runsItsRoundsOncePerJvmAndName() {
        AtomicInteger rounds = new AtomicInteger();
        JitWarmup.once("test-once", messages -> rounds.incrementAndGet());
        JitWarmup.once("test-once", messages -> rounds.incrementAndGet());
        assertEquals(JitWarmup.ROUNDS, rounds.get());
        assertEquals(JitWarmup.ROUNDS, JitWarmup.roundsRun("test-once"));
    }

    @Test
    void aFailureIsRecordedNotThrown() {
        JitWarmup.once(
                "test-failure",
                messages -> {
                    throw new IllegalStateException("broken");
                });
        assertEquals(-1, JitWarmup.roundsRun("test-failure"));
    }

    @Test
    void itsMessagesAreLoadedAndMadeUpConversationsHaveBothRoles() {
        assertFalse(JitWarmup.messages().isEmpty());
        assertEquals(
                2,
                java.util.stream.IntStream.range(0, 4)
                        .mapToObj(i -> JitWarmup.message(i, "x").role)
                        .distinct()
                        .count());
    }
}
