package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.board.OutputRecords;
import dev.switchboard.operators.routing.RoutingSettings;
import dev.switchboard.operators.routing.TenantRouting;
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
 * Routing through the real job and Kafka: queue status from its topic, a Spanish conversation on a
 * Spanish-speaking queue, a queue that goes quiet mid-conversation, a call after a chat that ended
 * badly (continuity across channels), and queue statuses that break the contract as dead letters.
 */
class RoutingIntegrationTest {
    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();
    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long T = TestConversations.START;

    static final TenantRouting ACME =
            new TenantRouting(
                    "customer-service",
                    Map.of("cancel_order", List.of("orders"), "get_refund", List.of("billing")),
                    List.of("general"),
                    Map.of(
                            "orders-en",
                                    new TenantRouting.QueueDefinition(
                                            List.of("orders"), List.of("en")),
                            "orders-2",
                                    new TenantRouting.QueueDefinition(
                                            List.of("orders"), List.of("en")),
                            "billing-en",
                                    new TenantRouting.QueueDefinition(
                                            List.of("billing"), List.of("en")),
                            "general-en",
                                    new TenantRouting.QueueDefinition(
                                            List.of("general"), List.of("en")),
                            "soporte-es",
                                    new TenantRouting.QueueDefinition(
                                            List.of("general", "orders", "billing"),
                                            List.of("es"))),
                    "general-en");

    @TempDir Path tmp;
    private int clock;

    private static KafkaTestBroker.Record record(String key, String json) {
        return new KafkaTestBroker.Record(key, json.getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaTestBroker.Record status(
            String queue,
            String skills,
            String languages,
            int agents,
            int waiting,
            int avgWait,
            long ts) {
        return record(
                "acme/" + queue,
                "{\"v\":1,\"type\":\"queue.status\",\"tenant\":\"acme\",\"queue\":\""
                        + queue
                        + "\",\"skills\":"
                        + skills
                        + ",\"languages\":"
                        + languages
                        + ",\"agentsAvailable\":"
                        + agents
                        + ",\"waiting\":"
                        + waiting
                        + ",\"avgWaitSeconds\":"
                        + avgWait
                        + ",\"ts\":"
                        + ts
                        + "}");
    }

    private static KafkaTestBroker.Record started(
            String conversation, String customer, String channel, long ts) {
        return lifecycle(
                "conversation.started",
                conversation,
                customer,
                channel,
                ",\"customerTier\":\"standard\"",
                ts);
    }

    private static KafkaTestBroker.Record ended(
            String conversation, String customer, String channel, long ts) {
        return lifecycle("conversation.ended", conversation, customer, channel, "", ts);
    }

    private static KafkaTestBroker.Record lifecycle(
            String type,
            String conversation,
            String customer,
            String channel,
            String more,
            long ts) {
        return record(
                "acme/" + conversation,
                "{\"v\":1,\"type\":\""
                        + type
                        + "\",\"tenant\":\"acme\",\"conversationId\":\""
                        + conversation
                        + "\",\"customerId\":\""
                        + customer
                        + "\",\"channel\":\""
                        + channel
                        + "\""
                        + more
                        + ",\"ts\":"
                        + ts
                        + "}");
    }

    private KafkaTestBroker.Record said(
            String conversation,
            String customer,
            String channel,
            String role,
            String text,
            String language,
            long ts) {
        clock++;
        return record(
                "acme/" + conversation,
                "{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\""
                        + conversation
                        + "\",\"messageId\":\"m"
                        + clock
                        + "\",\"customerId\":\""
                        + customer
                        + "\",\"channel\":\""
                        + channel
                        + "\",\"role\":\""
                        + role
                        + "\",\"text\":\""
                        + text
                        + "\""
                        + (language == null ? "" : ",\"language\":\"" + language + "\"")
                        + (channel.equals("voice") ? ",\"final\":true" : "")
                        + ",\"ts\":"
                        + ts
                        + "}");
    }

    private static List<JsonNode> of(List<JsonNode> all, String conversation) {
        return all.stream()
                .filter(j -> j.path("conversationId").asText().equals(conversation))
                .toList();
    }

    private static List<JsonNode> read(String topic, String conversation, int atLeast) {
        return of(
                OutputRecords.json(
                        KAFKA.readUntil(
                                topic,
                                false,
                                r -> of(OutputRecords.json(r), conversation).size() >= atLeast,
                                WAIT)),
                conversation);
    }

    @Test
    void routesByLanguageSkillsAndLiveQueuesAndCarriesTheCustomerAcrossChannels() throws Exception {
        SwitchboardConfig config =
                KafkaIntegrationTest.config(
                                tmp,
                                KAFKA.bootstrapServers(),
                                DeliveryMode.AT_LEAST_ONCE,
                                "routing-")
                        .withRouting(
                                new RoutingSettings(
                                        Map.of("acme", ACME),
                                        3,
                                        0.5,
                                        Duration.ofMinutes(2),
                                        Duration.ofDays(7),
                                        5));
        KAFKA.createTopics(config.kafka().topics().all(), 1);
        // One instance: "a probe saw the last status" then means every conversation sees them all.
        JobClient job = TestClusters.startJob(config, "routing-test", 1);
        try {
            // orders-en reports once (at T); orders-2 and general-en report as of T+170 s, so they
            // are
            // still live after orders-en has gone quiet. soporte-es comes last: a probe that lands
            // there has seen every status before it.
            KAFKA.produce(
                    config.kafka().topics().queueStatus(),
                    List.of(
                            status("orders-en", "[\"orders\"]", "[\"en\"]", 3, 0, 30, T),
                            status("orders-2", "[\"orders\"]", "[\"en\"]", 1, 5, 60, T + 170_000),
                            status(
                                    "general-en",
                                    "[\"general\"]",
                                    "[\"en\"]",
                                    9,
                                    0,
                                    10,
                                    T + 170_000),
                            status("no-such-queue", "[\"general\"]", "[\"en\"]", 1, 0, 10, T),
                            record(
                                    "acme/bad",
                                    "{\"v\":1,\"type\":\"queue.status\",\"tenant\":\"acme\",\"queue\":\"orders-en\",\"agentsAvailable\":-1}"),
                            status(
                                    "soporte-es",
                                    "[\"general\",\"orders\",\"billing\"]",
                                    "[\"es\"]",
                                    2,
                                    1,
                                    40,
                                    T)));

            // A Spanish conversation lands on the Spanish-speaking queue, though English ones are
            // freer.
            JsonNode spanish = null;
            for (int n = 0; n < 20 && spanish == null; n++) {
                String id = "es-" + n;
                KAFKA.produce(
                        config.kafka().topics().messages(),
                        List.of(
                                started(id, "cust-es-" + n, "chat", T + n * 1_000L),
                                said(
                                        id,
                                        "cust-es-" + n,
                                        "chat",
                                        "customer",
                                        "Hola, quiero cancelar mi pedido, por favor",
                                        "es",
                                        T + n * 1_000L + 1)));
                JsonNode d = read(config.kafka().topics().routing(), id, 1).get(0);
                if (d.path("queue").asText().equals("soporte-es")) {
                    spanish = d;
                }
            }
            assertTrue(
                    spanish != null,
                    "no Spanish conversation was routed to the Spanish-speaking queue");
            assertEquals("es", spanish.path("language").asText());
            assertEquals(
                    "unknown",
                    spanish.path("intent").asText(),
                    "the intent models read English only");
            assertEquals("[\"general\"]", spanish.path("skills").toString());

            // A furious Spanish customer is scored in Spanish and climbs the same policy's levels:
            // a negative turn and a request for a supervisor alert, a lawyer escalates; the
            // conversation stays on the Spanish-speaking queue.
            KAFKA.produce(
                    config.kafka().topics().messages(),
                    List.of(
                            started("es-angry", "cust-es-angry", "chat", T + 25_000),
                            said(
                                    "es-angry",
                                    "cust-es-angry",
                                    "chat",
                                    "customer",
                                    "Llevo dos horas esperando y nadie me ayuda, es una vergüenza",
                                    "es",
                                    T + 26_000),
                            said(
                                    "es-angry",
                                    "cust-es-angry",
                                    "chat",
                                    "customer",
                                    "Esto es inaceptable, quiero hablar con un supervisor ahora mismo",
                                    "es",
                                    T + 27_000),
                            said(
                                    "es-angry",
                                    "cust-es-angry",
                                    "chat",
                                    "customer",
                                    "Si no lo arreglan hoy, hablará mi abogado",
                                    "es",
                                    T + 28_000)));
            List<JsonNode> spanishDecisions =
                    of(
                            OutputRecords.json(
                                    KAFKA.readUntil(
                                            config.kafka().topics().escalations(),
                                            false,
                                            r ->
                                                    of(OutputRecords.json(r), "es-angry").stream()
                                                            .anyMatch(
                                                                    j ->
                                                                            j.path("level")
                                                                                    .asText()
                                                                                    .equals(
                                                                                            "escalate")),
                                            WAIT)),
                            "es-angry");
            assertEquals(
                    List.of("alert:manager", "escalate:legal"),
                    spanishDecisions.stream()
                            .map(j -> j.path("level").asText() + ":" + j.path("request").asText())
                            .toList(),
                    spanishDecisions.toString());
            for (JsonNode d : spanishDecisions) {
                assertEquals("sentiment-es", d.at("/model/name").asText(), d.toString());
                assertEquals("es", d.path("language").asText(), d.toString());
            }
            List<JsonNode> spanishRouting = read(config.kafka().topics().routing(), "es-angry", 1);
            for (JsonNode d : spanishRouting) {
                assertEquals("soporte-es", d.path("queue").asText(), d.toString());
                assertEquals("es", d.path("language").asText(), d.toString());
            }

            // An English cancellation goes to the free orders queue ...
            KAFKA.produce(
                    config.kafka().topics().messages(),
                    List.of(
                            started("c-en", "cust-en", "chat", T + 30_000),
                            said(
                                    "c-en",
                                    "cust-en",
                                    "chat",
                                    "customer",
                                    "I want to cancel my order",
                                    null,
                                    T + 31_000)));
            JsonNode first = read(config.kafka().topics().routing(), "c-en", 1).get(0);
            assertEquals("orders-en", first.path("queue").asText());
            assertEquals("cancel_order", first.path("intent").asText());
            assertEquals("[\"orders\"]", first.path("skills").toString());
            assertEquals("chat", first.path("channel").asText());
            assertTrue(
                    first.path("reasons").toString().contains("INTENT_SETTLED"), first.toString());

            // ... which then goes quiet: once event time passes its last status plus 2 minutes, the
            // conversation is routed again, to the queue still reporting.
            KAFKA.produce(
                    config.kafka().topics().messages(),
                    List.of(
                            said(
                                    "c-en",
                                    "cust-en",
                                    "chat",
                                    "agent",
                                    "Let me check that for you.",
                                    null,
                                    T + 200_000)));
            List<JsonNode> moved =
                    of(
                            OutputRecords.json(
                                    KAFKA.readUntil(
                                            config.kafka().topics().routing(),
                                            false,
                                            r ->
                                                    of(OutputRecords.json(r), "c-en").stream()
                                                            .anyMatch(
                                                                    j ->
                                                                            j.path("reasons")
                                                                                    .toString()
                                                                                    .contains(
                                                                                            "QUEUE_UNAVAILABLE")),
                                            WAIT)),
                            "c-en");
            JsonNode last = moved.get(moved.size() - 1);
            assertTrue(
                    last.path("reasons").toString().contains("QUEUE_UNAVAILABLE"),
                    moved.toString());
            assertEquals("orders-2", last.path("queue").asText());
            // Before it, only level changes ("cancel" is a request the escalation policy watches),
            // all on orders-en.
            for (JsonNode before : moved.subList(1, moved.size() - 1)) {
                assertTrue(
                        before.path("reasons").toString().contains("LEVEL_CHANGED"),
                        before.toString());
                assertEquals("orders-en", before.path("queue").asText());
            }

            // A chat that ends badly, then the same customer calls.
            KAFKA.produce(
                    config.kafka().topics().messages(),
                    List.of(
                            started("chat-9", "cust-9", "chat", T + 201_000),
                            said(
                                    "chat-9",
                                    "cust-9",
                                    "chat",
                                    "customer",
                                    "This is the worst service ever, I am furious and nobody helps me!",
                                    null,
                                    T + 202_000),
                            said(
                                    "chat-9",
                                    "cust-9",
                                    "chat",
                                    "customer",
                                    "Absolutely useless, I am so angry, this is a disgrace!",
                                    null,
                                    T + 203_000)));
            read(config.kafka().topics().escalations(), "chat-9", 1);
            KAFKA.produce(
                    config.kafka().topics().messages(),
                    List.of(ended("chat-9", "cust-9", "chat", T + 204_000)));
            read(config.kafka().topics().conversations(), "chat-9", 1);
            KAFKA.produce(
                    config.kafka().topics().messages(),
                    List.of(
                            started("call-9", "cust-9", "voice", T + 210_000),
                            said(
                                    "call-9",
                                    "cust-9",
                                    "voice",
                                    "customer",
                                    "I want to cancel my order",
                                    null,
                                    T + 211_000)));

            JsonNode watch = read(config.kafka().topics().escalations(), "call-9", 1).get(0);
            assertEquals("watch", watch.path("level").asText());
            assertEquals("[\"PREVIOUS_CONTACT_ENDED_BADLY\"]", watch.path("reasons").toString());
            JsonNode call = read(config.kafka().topics().routing(), "call-9", 1).get(0);
            assertEquals("voice", call.path("channel").asText());
            assertEquals("watch", call.path("level").asText());
            assertEquals("chat-9", call.at("/history/0/conversationId").asText());
            assertEquals("chat", call.at("/history/0/channel").asText());
            assertTrue(
                    List.of("alert", "escalate")
                            .contains(call.at("/history/0/closingLevel").asText()),
                    call.toString());
            assertTrue(
                    call.path("reasons").toString().contains("RETURNING_CUSTOMER"),
                    call.toString());
            assertTrue(
                    call.path("reasons").toString().contains("PREVIOUS_CONTACT_ENDED_BADLY"),
                    call.toString());
            assertEquals(
                    3, call.path("priority").asInt(), "default 4, one up for the inherited watch");

            List<JsonNode> deadLetters =
                    KAFKA.readJson(config.kafka().topics().deadLetters(), 2, WAIT);
            List<String> reasons = new ArrayList<>();
            deadLetters.forEach(d -> reasons.add(d.path("reason").asText()));
            assertEquals(List.of("UNKNOWN_QUEUE", "INVALID_QUEUE_STATUS"), reasons);
            assertTrue(
                    deadLetters.get(1).path("detail").asText().contains("skills"),
                    deadLetters.get(1).toString());
        } finally {
            TestClusters.cancelAndWait(job);
        }
    }
}
