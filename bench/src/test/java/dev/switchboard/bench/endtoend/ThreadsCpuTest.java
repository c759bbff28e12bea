package dev.switchboard.bench.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.bench.endtoend.ThreadsCpu.Role;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The bench splits its JVM's CPU by what the threads do, and the parts add up to the whole. */
class ThreadsCpuTest {
    @Test
    void threadsAreToldApartByFlinksAndKafkasNames() {
        assertEquals(
                Role.JOB_TASKS,
                ThreadsCpu.roleOf(
                        "Score sentiment -> Kafka scores: Writer -> Kafka scores: Committer (1/2)#0"));
        assertEquals(
                Role.JOB_SOURCE_FETCHERS,
                ThreadsCpu.roleOf(
                        "Source Data Fetcher for Source: Kafka messages -> Parse messages (2/2)#0"));
        assertEquals(
                Role.KAFKA_PRODUCERS,
                ThreadsCpu.roleOf("kafka-producer-network-thread | producer-3"));
        assertEquals(Role.BROKER, ThreadsCpu.roleOf("data-plane-kafka-request-handler-4"));
        assertEquals(Role.BENCH, ThreadsCpu.roleOf("bench-consumer-switchboard.scores"));
        assertEquals(Role.BENCH, ThreadsCpu.roleOf("main"));
        assertEquals(Role.OTHER, ThreadsCpu.roleOf("flink-pekko.actor.default-dispatcher-5"));
    }

    @Test
    void aBusyTaskThreadIsChargedToTheJobsTasks() throws Exception {
        Map<Role, Long> before = ThreadsCpu.nanos();
        assertEquals(Role.values().length, before.size(), "this JVM tells threads' CPU: " + before);
        AtomicBoolean stop = new AtomicBoolean();
        Thread busy =
                new Thread(
                        () -> {
                            while (!stop.get()) {
                                Thread.onSpinWait();
                            }
                        },
                        "Track conversation (1/2)#0");
        busy.start();
        try {
            // Read while the thread lives: an ended thread's CPU is no longer its own.
            long deadline = System.nanoTime() + 10_000_000_000L;
            Map<Role, Long> used = ThreadsCpu.since(before, ThreadsCpu.nanos());
            while (used.get(Role.JOB_TASKS) < 100_000_000L && System.nanoTime() < deadline) {
                Thread.sleep(20);
                used = ThreadsCpu.since(before, ThreadsCpu.nanos());
            }
            assertTrue(
                    used.get(Role.JOB_TASKS) >= 100_000_000L,
                    "a spinning task thread's tenth of a second, within 10 s: " + used);
            assertTrue(
                    used.get(Role.OTHER) < used.get(Role.JOB_TASKS),
                    "charged to the tasks, not elsewhere: " + used);
        } finally {
            stop.set(true);
            busy.join();
        }
    }

    @Test
    void perMessageFiguresAddUpToTheWhole() {
        Map<Role, Long> used = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            used.put(role, 1_000_000L * (role.ordinal() + 1));
        }
        Map<String, Double> perMessage = ThreadsCpu.microsPerMessage(used, 1_000);
        assertEquals(1.0, perMessage.get("jobTasks"));
        assertEquals(7.0, perMessage.get("other"));
        assertEquals(28.0, perMessage.get(ThreadsCpu.ALL), "1 + 2 + ... + 7");
        assertEquals(3.0, ThreadsCpu.jobMicrosPerMessage(used, 1_000), "tasks and fetchers");
        assertEquals("job's task threads", ThreadsCpu.labelOf("jobTasks"));
        assertEquals("all threads", ThreadsCpu.labelOf(ThreadsCpu.ALL));
        assertNull(ThreadsCpu.microsPerMessage(used, 0));
        assertNull(ThreadsCpu.jobMicrosPerMessage(new EnumMap<>(Role.class), 1_000));
    }
}
