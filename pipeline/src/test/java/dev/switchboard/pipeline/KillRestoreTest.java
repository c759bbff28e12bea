package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.board.Await;
import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.board.OutputRecords;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A task fails in the middle of the stream and the job restores from its last checkpoint.
 * Exactly-once: read-committed consumers see every output once. At-least-once: nothing is lost, and
 * every repeat carries the id (and content) of the original.
 */
class KillRestoreTest {
    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path tmp;

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void restoresFromTheCheckpointWithoutLosingOrDoublingOutputs(DeliveryMode mode)
            throws Exception {
        String prefix = "kill-" + mode.flag() + "-";
        SwitchboardConfig config = TestClusters.onKafka(KAFKA, tmp, mode, prefix, 2);
        TestConversations input = TestConversations.generate(40, 8, 31);
        int half = input.records.size() / 2;
        boolean committed = mode == DeliveryMode.EXACTLY_ONCE;
        FailOnce.reset();

        JobClient job = FailOnce.startJob(config, "kill-restore-" + mode.flag());
        try {
            KAFKA.produce(config.kafka().topics().messages(), input.records.subList(0, half));
            awaitTrue(() -> FailOnce.COMPLETED_CHECKPOINTS.get() >= 1, "a first checkpoint");
            FailOnce.ARMED.set(true);
            KAFKA.produce(
                    config.kafka().topics().messages(),
                    input.records.subList(half, input.records.size()));

            var scoreRecords =
                    KAFKA.readUntil(
                            config.kafka().topics().scores(),
                            committed,
                            r -> distinctIds(r) >= input.finalMessages.size(),
                            WAIT);
            List<JsonNode> scores = OutputRecords.json(scoreRecords);
            assertEquals(1, FailOnce.FAILURES.get(), "the injected failure happened");

            Set<String> scored =
                    scores.stream()
                            .map(
                                    j ->
                                            OutputRecords.conversationKey(j)
                                                    + "/"
                                                    + j.path("messageId").asText())
                            .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(input.finalMessages, scored, "0 lost");
            assertRepeatsAreIdentical(scores);
            if (mode == DeliveryMode.EXACTLY_ONCE) {
                assertEquals(input.finalMessages.size(), scores.size(), "0 doubled");
            }

            List<JsonNode> deadLetters =
                    OutputRecords.json(
                            KAFKA.readUntil(
                                    config.kafka().topics().deadLetters(),
                                    committed,
                                    r -> distinctIds(r) >= input.malformed,
                                    WAIT));
            assertEquals(
                    input.malformed,
                    deadLetters.stream().map(j -> j.path("id").asText()).distinct().count());
            assertRepeatsAreIdentical(deadLetters);
            if (mode == DeliveryMode.EXACTLY_ONCE) {
                assertEquals(input.malformed, deadLetters.size());
            }

            List<JsonNode> summaries =
                    OutputRecords.json(
                            KAFKA.readUntil(
                                    config.kafka().topics().conversations(),
                                    committed,
                                    r -> distinctIds(r) >= input.endedConversations.size(),
                                    WAIT));
            assertEquals(
                    input.endedConversations,
                    summaries.stream()
                            .map(OutputRecords::conversationKey)
                            .collect(Collectors.toCollection(TreeSet::new)));
            assertRepeatsAreIdentical(summaries);
            if (mode == DeliveryMode.EXACTLY_ONCE) {
                assertEquals(input.endedConversations.size(), summaries.size());
            }
        } finally {
            TestClusters.cancelAndWait(job);
        }
    }

    private static long distinctIds(
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records) {
        return records.stream()
                .map(r -> OutputRecords.parse(r.value()).path("id").asText())
                .distinct()
                .count();
    }

    /**
     * A repeat after restore must be the same output: same id, same content apart from decidedAt.
     */
    static void assertRepeatsAreIdentical(List<JsonNode> records) {
        Map<String, List<JsonNode>> byId =
                records.stream().collect(Collectors.groupingBy(j -> j.path("id").asText()));
        for (List<JsonNode> same : byId.values()) {
            JsonNode first = OutputRecords.withoutDecidedAt(same.get(0));
            for (JsonNode other : same) {
                assertEquals(first, OutputRecords.withoutDecidedAt(other));
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what)
            throws InterruptedException {
        Await.until(condition, what, WAIT);
    }
}
