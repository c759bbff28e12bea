package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.board.OutputRecords;
import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import dev.switchboard.pipeline.config.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The job with its real Kafka source and sinks, against a real broker, on a MiniCluster with
 * RocksDB, in both delivery modes: a few hundred records of many conversations, malformed ones
 * among them, read back by a plain Kafka consumer.
 */
class KafkaIntegrationTest {
    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.miniCluster();

    @TempDir Path tmp;

    static SwitchboardConfig config(
            Path tmp, String bootstrapServers, DeliveryMode mode, String prefix) {
        return WorkflowTest.testConfig(tmp, bootstrapServers)
                .withTopics(
                        Topics.DEFAULTS.withPrefix(prefix), prefix + "group", prefix + "tx", mode);
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void processesEveryRecordThroughKafka(DeliveryMode mode) throws Exception {
        String prefix = "it-" + mode.flag() + "-";
        SwitchboardConfig config = TestClusters.onKafka(KAFKA, tmp, mode, prefix, 2);
        TestConversations input = TestConversations.generate(40, 8, 23);
        KAFKA.produce(config.kafka().topics().messages(), input.records);

        StreamExecutionEnvironment env = TestClusters.environment(config);
        SwitchboardJob.define(env, config, OffsetsInitializer.latest());
        JobExecutionResult result = env.execute("kafka-it-" + mode.flag());

        boolean committed = mode == DeliveryMode.EXACTLY_ONCE;
        Duration wait = Duration.ofSeconds(30);
        var scoreRecords =
                KAFKA.readUntil(
                        config.kafka().topics().scores(),
                        committed,
                        r -> r.size() >= input.finalMessages.size(),
                        wait);
        List<JsonNode> scores = OutputRecords.json(scoreRecords);
        List<String> scored =
                scores.stream()
                        .map(
                                j ->
                                        OutputRecords.conversationKey(j)
                                                + "/"
                                                + j.path("messageId").asText())
                        .toList();
        assertEquals(input.finalMessages, new TreeSet<>(scored), "every valid message scored");
        assertEquals(input.finalMessages.size(), scored.size(), "none twice");
        for (var r : scoreRecords) {
            JsonNode j = OutputRecords.parse(r.value());
            assertEquals(OutputRecords.conversationKey(j), r.key(), "keyed by conversation");
            assertTrue(
                    Set.of("negative", "neutral", "positive")
                            .contains(j.at("/sentiment/label").asText()));
            double score = j.at("/sentiment/score").asDouble();
            assertTrue(score >= -1 && score <= 1, "score in [-1, 1]");
        }

        // Per-conversation order survives Kafka, the keyed state and the sink.
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (JsonNode j : scores) {
            order.computeIfAbsent(OutputRecords.conversationKey(j), k -> new ArrayList<>())
                    .add(j.path("messageId").asText());
        }
        assertEquals(input.messageOrder, order);

        List<JsonNode> deadLetters =
                OutputRecords.json(
                        KAFKA.readUntil(
                                config.kafka().topics().deadLetters(),
                                committed,
                                r -> r.size() >= input.malformed,
                                wait));
        assertEquals(input.malformed, deadLetters.size());
        for (TestConversations.Malformed m : TestConversations.MALFORMED) {
            JsonNode d =
                    deadLetters.stream()
                            .filter(j -> m.payload().equals(j.path("payload").asText()))
                            .findFirst()
                            .orElseThrow();
            assertEquals(m.reason().name(), d.path("reason").asText());
            assertEquals(config.kafka().topics().messages(), d.at("/source/topic").asText());
        }
        assertEquals(1, deadLetters.stream().filter(j -> j.has("payloadBase64")).count());

        int conversations = input.endedConversations.size() + input.openConversations.size();
        List<JsonNode> summaries =
                OutputRecords.json(
                        KAFKA.readUntil(
                                config.kafka().topics().conversations(),
                                committed,
                                r -> r.size() >= conversations,
                                wait));
        Map<String, String> closeReasons =
                summaries.stream()
                        .collect(
                                Collectors.toMap(
                                        OutputRecords::conversationKey,
                                        j -> j.path("closeReason").asText()));
        for (String key : input.endedConversations) {
            assertEquals("ended", closeReasons.get(key), key);
        }
        for (String key : input.openConversations) {
            assertEquals("idle_timeout", closeReasons.get(key), key);
        }

        List<JsonNode> escalations =
                OutputRecords.json(
                        KAFKA.readUntil(
                                config.kafka().topics().escalations(), committed, r -> true, wait));
        Set<String> escalated =
                escalations.stream()
                        .map(OutputRecords::conversationKey)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(input.angryConversations, escalated);

        long in = result.getAccumulatorResult(RecordCount.IN);
        assertEquals(input.records.size(), in);
        assertEquals(
                in,
                (long) result.getAccumulatorResult(RecordCount.SCORED)
                        + (long) result.getAccumulatorResult(RecordCount.SKIPPED_PARTIALS)
                        + (long) result.getAccumulatorResult(RecordCount.LIFECYCLE)
                        + (long) result.getAccumulatorResult(RecordCount.DEAD_LETTERS)
                        + (long) result.getAccumulatorResult(RecordCount.CONTROL)
                        + (long) result.getAccumulatorResult(RecordCount.POLICY_UPDATES));
    }
}
