package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.board.Await;
import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.board.OutputRecords;
import dev.switchboard.operators.meaning.MeaningSettings;
import dev.switchboard.operators.routing.RoutingSettings;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meaning tier in the real job (Kafka, MiniCluster, RocksDB, two instances): conversations'
 * intents are read from embeddings while the tier has room and by the hashed model once its rate is
 * spent, each fallback counted in the metrics; no conversation is lost and every conversation's
 * events keep their order through the asynchronous step.
 */
class MeaningTierIntegrationTest {
    private static final PrometheusMetrics PROMETHEUS = new PrometheusMetrics();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int CONVERSATIONS = 40;

    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    @RegisterExtension static final MiniClusterExtension CLUSTER = PROMETHEUS.miniCluster();

    @TempDir Path tmp;

    private static final String[] REQUESTS = {
        "I want to cancel the order I placed yesterday",
        "The blender arrived broken and I want my money back",
        "I moved house, please send my parcel to the new place",
        "Is there a person I can speak with instead of a bot?",
    };

    @Test
    void readsIntentsFromMeaningWhileItHasRoomAndCountsEachFallback() throws Exception {
        // Two embeddings a second: a burst of 40 conversations spends the rate at once.
        SwitchboardConfig config =
                config("meaning-", new MeaningSettings(true, 100, Duration.ofSeconds(5), 2, 1));
        JobClient job = TestClusters.startJob(config, "meaning-test", 2);
        try {
            List<KafkaTestBroker.Record> input = conversations(CONVERSATIONS);
            KAFKA.produce(config.kafka().topics().messages(), input);

            List<JsonNode> routing = everyConversation(config.kafka().topics().routing());
            List<JsonNode> summaries =
                    OutputRecords.json(
                            KAFKA.readUntil(
                                    config.kafka().topics().conversations(),
                                    false,
                                    r -> OutputRecords.json(r).size() >= CONVERSATIONS,
                                    WAIT));

            // Nothing lost: every conversation is routed once its intent settles.
            assertEquals(CONVERSATIONS, distinct(routing));
            int fromMeaning = 0;
            int fromHashed = 0;
            // A conversation's first decision is the one its intent settled on (later ones follow
            // its level and name the same model).
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (JsonNode d : routing) {
                if (!seen.add(d.path("conversationId").asText())) {
                    continue;
                }
                JsonNode model = d.path("model");
                assertEquals("customer-service", model.path("name").asText(), d.toString());
                assertEquals(12, model.path("version").asText().length(), d.toString());
                if (model.has("head")) {
                    assertEquals(12, model.path("head").asText().length(), d.toString());
                    fromMeaning++;
                } else {
                    fromHashed++;
                }
            }
            assertTrue(fromMeaning >= 1, "no intent was read by the meaning tier");
            assertTrue(fromHashed >= 1, "the spent rate should have sent some to the hashed model");

            // Order kept: a message that overtook its conversation's end would not be counted in
            // the summary of that conversation.
            assertEquals(CONVERSATIONS, summaries.size());
            for (JsonNode s : summaries) {
                assertEquals(3, s.path("messages").path("customer").asInt(), s.toString());
                assertEquals(1, s.path("messages").path("agent").asInt(), s.toString());
            }

            // Every fallback counted: the tier's readings and refusals add up to the messages it
            // was asked to read (at least each conversation's first customer message).
            String prefix = "flink_taskmanager_job_task_operator_switchboard_";
            String metrics = "";
            double read = 0;
            double refused = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                metrics = scrape();
                read = sum(metrics, prefix + "meaningRead");
                refused =
                        sum(metrics, prefix + "meaningFallbackRate")
                                + sum(metrics, prefix + "meaningFallbackSaturated")
                                + sum(metrics, prefix + "meaningFallbackLate")
                                + sum(metrics, prefix + "meaningFallbackFailed");
                if (read + refused >= CONVERSATIONS) {
                    break;
                }
                Thread.sleep(200);
            }
            assertTrue(read >= fromMeaning, "meaningRead " + read + " < " + fromMeaning);
            assertTrue(sum(metrics, prefix + "meaningFallbackRate") >= 1, "rate fallbacks");
            assertTrue(read + refused >= CONVERSATIONS, read + " read, " + refused + " refused");
            assertTrue(
                    read + refused <= 3 * CONVERSATIONS, read + " read, " + refused + " refused");
            assertTrue(metrics.contains(prefix + "meaningMillis"), "the tier's latency");
        } finally {
            TestClusters.cancelAndWait(job);
        }
    }

    /**
     * A task fails midway, after a checkpoint taken while conversations' first messages were being
     * read: events the async step held are sent through it again, and every output that is repeated
     * (at-least-once) is the same, with the same id, as the first time.
     */
    @Test
    void aRestoreReadsHeldMessagesAgainWithTheSameResults() throws Exception {
        SwitchboardConfig config =
                config(
                        "meaning-kill-",
                        new MeaningSettings(true, 100, Duration.ofSeconds(10), 1000, 1));
        FailOnce.reset();
        JobClient job = FailOnce.startJob(config, "meaning-kill-restore");
        try {
            List<KafkaTestBroker.Record> input = conversations(CONVERSATIONS);
            int half = input.size() / 2;
            KAFKA.produce(config.kafka().topics().messages(), input.subList(0, half));
            Await.until(
                    () -> FailOnce.COMPLETED_CHECKPOINTS.get() >= 1, "a first checkpoint", WAIT);
            FailOnce.ARMED.set(true);
            KAFKA.produce(config.kafka().topics().messages(), input.subList(half, input.size()));

            List<JsonNode> routing = everyConversation(config.kafka().topics().routing());
            assertEquals(1, FailOnce.FAILURES.get(), "the injected failure happened");
            assertEquals(CONVERSATIONS, distinct(routing), "no conversation lost");
            KillRestoreTest.assertRepeatsAreIdentical(routing);
            assertTrue(
                    routing.stream().allMatch(d -> d.path("model").has("head")),
                    "with room to spare, the tier read every intent, before and after the restore");
            List<JsonNode> summaries = everyConversation(config.kafka().topics().conversations());
            KillRestoreTest.assertRepeatsAreIdentical(summaries);
            for (JsonNode summary : summaries) {
                assertEquals(
                        3, summary.path("messages").path("customer").asInt(), summary.toString());
            }
        } finally {
            TestClusters.cancelAndWait(job);
        }
    }

    /** The job on the test broker, acme routed with the customer-service model. */
    private SwitchboardConfig config(String prefix, MeaningSettings meaning) throws Exception {
        return TestClusters.onKafka(KAFKA, tmp, DeliveryMode.AT_LEAST_ONCE, prefix, 2)
                .withRouting(
                        new RoutingSettings(
                                Map.of("acme", RoutingIntegrationTest.ACME),
                                3,
                                0.5,
                                Duration.ofMinutes(2),
                                Duration.ofDays(7),
                                5))
                .withMeaning(meaning);
    }

    /**
     * {@code n} conversations: a request, an agent's reply, two more customer messages (the third
     * settles the intent even when none was confident), the end.
     */
    private static List<KafkaTestBroker.Record> conversations(int n) {
        long t = TestConversations.START;
        List<KafkaTestBroker.Record> input = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            String id = "c" + c;
            input.add(lifecycle("conversation.started", id, t + c));
            input.add(message(id, c, 1, "customer", REQUESTS[c % REQUESTS.length], t + c + 1));
            input.add(message(id, c, 2, "agent", "Let me look into that for you.", t + c + 2));
            input.add(message(id, c, 3, "customer", "Thank you.", t + c + 3));
            input.add(message(id, c, 4, "customer", "That is all, bye.", t + c + 4));
            input.add(lifecycle("conversation.ended", id, t + c + 5));
        }
        return input;
    }

    /** The records of {@code topic}, read until every conversation has one. */
    private static List<JsonNode> everyConversation(String topic) {
        return OutputRecords.json(
                KAFKA.readUntil(
                        topic, false, r -> distinct(OutputRecords.json(r)) >= CONVERSATIONS, WAIT));
    }

    private static long distinct(List<JsonNode> routing) {
        return routing.stream().map(d -> d.path("conversationId").asText()).distinct().count();
    }

    private static KafkaTestBroker.Record lifecycle(String type, String conversation, long ts) {
        return record(
                conversation,
                "{\"v\":1,\"type\":\""
                        + type
                        + "\",\"tenant\":\"acme\",\"conversationId\":\""
                        + conversation
                        + "\",\"customerId\":\"cust-"
                        + conversation
                        + "\",\"channel\":\"chat\",\"ts\":"
                        + ts
                        + "}");
    }

    private static KafkaTestBroker.Record message(
            String conversation, int c, int n, String role, String text, long ts) {
        return record(
                conversation,
                "{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\""
                        + conversation
                        + "\",\"messageId\":\"m"
                        + c
                        + "-"
                        + n
                        + "\",\"customerId\":\"cust-"
                        + conversation
                        + "\",\"channel\":\"chat\",\"role\":\""
                        + role
                        + "\",\"text\":\""
                        + text
                        + "\",\"ts\":"
                        + ts
                        + "}");
    }

    private static KafkaTestBroker.Record record(String conversation, String json) {
        return new KafkaTestBroker.Record(
                "acme/" + conversation, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String scrape() throws Exception {
        return PROMETHEUS.scrape();
    }

    private static double sum(String metrics, String name) {
        return PrometheusMetrics.sum(metrics, name, "");
    }
}
