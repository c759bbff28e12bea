package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.board.Await;
import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code switchboard run} on its own local MiniCluster, in its own JVM, killed with SIGKILL after a
 * conversation escalated and started again with the same flags: it resumes from the newest
 * checkpoint the killed run retained, so when the customer then calms down the conversation is
 * recovered, which only a restored escalation level allows, and the escalation is not published
 * again, which a run that replayed the topic from its beginning would do. Outputs keep the delivery
 * mode's promise across the kill: exactly-once, a read-committed consumer sees every score once
 * (the killed run's open transactions are aborted by the next run); at-least-once, a repeat carries
 * the id and content of the original.
 */
class LocalCrashRecoveryTest {
    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopRuns() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor();
        }
    }

    private Process run(List<String> args, Path log) throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx1g",
                                "-cp",
                                System.getProperty("java.class.path"),
                                "dev.switchboard.pipeline.cli.SwitchboardCommand"));
        command.addAll(args);
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        processes.add(p);
        return p;
    }

    private static KafkaTestBroker.Record message(int n, String text, long ts) {
        return new KafkaTestBroker.Record(
                "acme/c-1",
                ("{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\"c-1\","
                                + "\"messageId\":\"m"
                                + n
                                + "\",\"customerId\":\"cust-1\",\"channel\":\"chat\",\"role\":\"customer\",\"text\":\""
                                + text
                                + "\",\"ts\":"
                                + ts
                                + "}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static void waitFor(BooleanSupplier condition, String what)
            throws InterruptedException {
        Await.until(condition, what, WAIT);
    }

    private static List<JsonNode> decisions(List<ConsumerRecord<String, String>> records) {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                out.add(JSON.readTree(r.value()));
            } catch (IOException e) {
                throw new AssertionError("not JSON on the escalations topic: " + e.getMessage());
            }
        }
        return out;
    }

    private static boolean hasLevel(List<ConsumerRecord<String, String>> records, String level) {
        return decisions(records).stream()
                .anyMatch(
                        d ->
                                d.path("conversationId").asText().equals("c-1")
                                        && d.path("level").asText().equals(level));
    }

    private static long checkpointNumber(Optional<Path> checkpoint) {
        return checkpoint
                .map(p -> Long.parseLong(p.getFileName().toString().substring(4)))
                .orElse(0L);
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void aLocalRunKilledWithSigkillResumesFromItsNewestCheckpoint(DeliveryMode mode)
            throws Exception {
        String prefix = "crash-" + mode.flag() + "-";
        Topics topics = Topics.DEFAULTS.withPrefix(prefix);
        KAFKA.createTopics(topics.all(), 1);
        boolean committed = mode == DeliveryMode.EXACTLY_ONCE;
        String checkpointDir = tmp.resolve("checkpoints").toUri().toString();
        String group = prefix + "group";
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--bootstrap-servers",
                                KAFKA.bootstrapServers(),
                                "--checkpoint-dir",
                                checkpointDir,
                                "--checkpoint-interval",
                                "300ms",
                                "--group-id",
                                group,
                                "--transactional-id-prefix",
                                prefix + "tx",
                                "--delivery",
                                mode.flag(),
                                // Event time from the records only, so a slow machine decides the
                                // same.
                                "--heartbeat-after",
                                "0ms",
                                "--rocksdb-local-dir",
                                Path.of("target", "tmp", "rocksdb-crash-" + System.nanoTime())
                                        .toAbsolutePath()
                                        .toString()));
        args.addAll(
                List.of(
                        "--messages-topic",
                        topics.messages(),
                        "--control-topic",
                        topics.control(),
                        "--policies-topic",
                        topics.policies(),
                        "--queue-status-topic",
                        topics.queueStatus(),
                        "--scores-topic",
                        topics.scores(),
                        "--escalations-topic",
                        topics.escalations(),
                        "--shadow-escalations-topic",
                        topics.shadowEscalations(),
                        "--routing-topic",
                        topics.routing(),
                        "--conversations-topic",
                        topics.conversations(),
                        "--dead-letters-topic",
                        topics.deadLetters(),
                        "--audit-topic",
                        topics.audit()));

        Process first = run(args, tmp.resolve("first.log"));
        long t = System.currentTimeMillis();
        KAFKA.produce(
                topics.messages(),
                List.of(
                        message(1, "This is ridiculous, nobody has helped me for two hours!!", t),
                        message(2, "Worst service ever, I am furious.", t + 20_000),
                        message(3, "Unacceptable. Terrible, terrible service.", t + 40_000)));
        List<ConsumerRecord<String, String>> before =
                KAFKA.readUntil(
                        topics.escalations(), committed, r -> hasLevel(r, "escalate"), WAIT);
        assertTrue(hasLevel(before, "escalate"), "the first run escalated: " + decisions(before));
        // A checkpoint triggered after the escalation was published holds its state: wait for two
        // more to complete than had when it was seen.
        long seenAt = checkpointNumber(LocalRecovery.latestCheckpoint(checkpointDir, group));
        waitFor(
                () ->
                        checkpointNumber(LocalRecovery.latestCheckpoint(checkpointDir, group))
                                >= seenAt + 2,
                "two more checkpoints");
        Path retained = LocalRecovery.latestCheckpoint(checkpointDir, group).orElseThrow();

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
        assertTrue(first.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));

        Path secondLog = tmp.resolve("second.log");
        run(args, secondLog);
        waitFor(
                () -> read(secondLog).contains(" started from "),
                "the second run to say what it restored");
        String started =
                read(secondLog)
                        .lines()
                        .filter(l -> l.contains(" started from "))
                        .findFirst()
                        .orElseThrow();
        assertTrue(
                started.contains(retained.getParent().getFileName().toString()),
                "restored from a checkpoint of the killed run (" + retained + "): " + started);

        KAFKA.produce(
                topics.messages(),
                List.of(
                        message(4, "Thanks, that fixed it. Great help!", t + 60_000),
                        message(5, "Perfect, thank you so much!", t + 80_000),
                        message(6, "Thanks, you have been very helpful.", t + 100_000)));
        List<ConsumerRecord<String, String>> after =
                KAFKA.readUntil(
                        topics.escalations(), committed, r -> hasLevel(r, "recovered"), WAIT);
        assertTrue(
                hasLevel(after, "recovered"),
                "the restored escalation recovered: " + decisions(after));
        List<JsonNode> escalations =
                decisions(after).stream()
                        .filter(
                                d ->
                                        d.path("conversationId").asText().equals("c-1")
                                                && d.path("level").asText().equals("escalate"))
                        .toList();
        // Restored, the job reads on from the checkpoint's offsets: the escalation is published
        // once. A
        // run that started over from the topic's beginning would rebuild the level by replaying it,
        // and publish the escalation again.
        assertEquals(1, escalations.size(), "the escalation was not replayed: " + escalations);

        List<JsonNode> scores =
                decisions(
                        KAFKA.readUntil(
                                topics.scores(),
                                committed,
                                r ->
                                        decisions(r).stream()
                                                        .map(j -> j.path("messageId").asText())
                                                        .distinct()
                                                        .count()
                                                >= 6,
                                WAIT));
        java.util.Map<String, List<JsonNode>> byId =
                scores.stream()
                        .collect(
                                java.util.stream.Collectors.groupingBy(j -> j.path("id").asText()));
        assertEquals(6, byId.size(), "every message scored: " + byId.keySet());
        if (mode == DeliveryMode.EXACTLY_ONCE) {
            assertEquals(6, scores.size(), "none scored twice: " + scores);
        } else {
            for (List<JsonNode> repeats : byId.values()) {
                for (JsonNode r : repeats) {
                    assertEquals(
                            withoutDecidedAt(repeats.get(0)),
                            withoutDecidedAt(r),
                            "a repeat carries the original's id and content");
                }
            }
        }
    }

    private static JsonNode withoutDecidedAt(JsonNode j) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = j.deepCopy();
        copy.remove("decidedAt");
        return copy;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
