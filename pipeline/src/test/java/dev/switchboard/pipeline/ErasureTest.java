package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Right to erasure through the real job and Kafka: an erase request on the control topic clears
 * every conversation of that customer, a receipt on the audit topic lists them, and nothing of the
 * customer's earlier state is emitted afterwards.
 */
class ErasureTest {
    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();
    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path tmp;

    private static KafkaTestBroker.Record message(
            String conversation, String customer, int n, String text) {
        return new KafkaTestBroker.Record(
                "acme/" + conversation,
                ("{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\""
                                + conversation
                                + "\",\"messageId\":\"m"
                                + n
                                + "\",\"customerId\":\""
                                + customer
                                + "\",\"channel\":\"chat\",\"role\":\"customer\",\"text\":\""
                                + text
                                + "\",\"ts\":"
                                + (TestConversations.START + n * 1000L)
                                + "}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaTestBroker.Record ended(String conversation, String customer) {
        return new KafkaTestBroker.Record(
                "acme/" + conversation,
                ("{\"v\":1,\"type\":\"conversation.ended\",\"tenant\":\"acme\",\"conversationId\":\""
                                + conversation
                                + "\",\"customerId\":\""
                                + customer
                                + "\",\"channel\":\"chat\",\"ts\":"
                                + (TestConversations.START + 60_000)
                                + "}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * With pseudonymised customer ids the same holds, through the pseudonym: the erase request
     * names the platform's id, and no output carries that id.
     */
    @ParameterizedTest(name = "pseudonymised customer ids: {0}")
    @ValueSource(booleans = {false, true})
    void eraseClearsTheCustomersConversationsWithAReceipt(boolean pseudonymised) throws Exception {
        String prefix = pseudonymised ? "erase-p-" : "erase-";
        dev.switchboard.pipeline.config.JobOptions options =
                WorkflowTest.testOptions(tmp, KAFKA.bootstrapServers());
        dev.switchboard.models.privacy.CustomerPseudonyms pseudonyms = null;
        if (pseudonymised) {
            options.privacy.customerIdKeyFile = tmp.resolve("customer-id.key");
            java.nio.file.Files.write(
                    options.privacy.customerIdKeyFile,
                    "a test key of at least thirty-two bytes".getBytes(StandardCharsets.US_ASCII));
            pseudonyms =
                    dev.switchboard.models.privacy.CustomerPseudonyms.fromKeyFile(
                            options.privacy.customerIdKeyFile);
        }
        String customerA = pseudonymised ? pseudonyms.session().of("acme", "cust-A") : "cust-A";
        SwitchboardConfig config =
                options.toConfig()
                        .withTopics(
                                dev.switchboard.pipeline.config.Topics.DEFAULTS.withPrefix(prefix),
                                prefix + "group",
                                prefix + "tx",
                                DeliveryMode.AT_LEAST_ONCE);
        KAFKA.createTopics(config.kafka().topics().all(), 2);
        JobClient job = TestClusters.startJob(config, "erasure-test", 0);
        try {
            List<KafkaTestBroker.Record> before = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                before.add(
                        message(
                                "a-1",
                                "cust-A",
                                n,
                                "My card 4111 1111 1111 1111 was charged twice, get me your manager"));
                before.add(message("a-2", "cust-A", n, "Still nothing, this is ridiculous"));
                before.add(message("b-1", "cust-B", n, "Thanks, all good"));
            }
            KAFKA.produce(config.kafka().topics().messages(), before);
            KAFKA.readUntil(
                    config.kafka().topics().scores(), false, r -> r.size() >= before.size(), WAIT);
            var escalations =
                    KAFKA.readUntil(
                            config.kafka().topics().escalations(),
                            false,
                            r ->
                                    r.stream()
                                            .anyMatch(
                                                    x ->
                                                            x.value()
                                                                    .contains(
                                                                            "\"conversationId\":\"a-1\"")),
                            WAIT);
            org.junit.jupiter.api.Assertions.assertFalse(
                    escalations.isEmpty(), "the angry customer was escalated");
            for (var r : escalations) {
                org.junit.jupiter.api.Assertions.assertFalse(
                        r.value().contains("4111"), "evidence is redacted: " + r.value());
            }
            org.junit.jupiter.api.Assertions.assertTrue(
                    escalations.stream().anyMatch(r -> r.value().contains("[CARD]")),
                    "with an excerpt");

            KAFKA.produce(
                    config.kafka().topics().control(),
                    List.of(
                            new KafkaTestBroker.Record(
                                    null,
                                    ("{\"v\":1,\"type\":\"erase\",\"tenant\":\"acme\",\"customerId\":\"cust-A\",\"requestId\":\"gdpr-42\",\"ts\":"
                                                    + (TestConversations.START + 30_000)
                                                    + "}")
                                            .getBytes(StandardCharsets.UTF_8))));
            List<JsonNode> receipts = KAFKA.readJson(config.kafka().topics().audit(), 1, WAIT);
            assertEquals(1, receipts.size());
            JsonNode receipt = receipts.get(0);
            assertEquals("gdpr-42", receipt.path("requestId").asText());
            assertEquals(customerA, receipt.path("customerId").asText());
            List<String> cleared = new ArrayList<>();
            receipt.path("conversationsCleared").forEach(c -> cleared.add(c.asText()));
            assertEquals(List.of("a-1", "a-2"), cleared);

            // Ending the conversations now: the erased one starts from nothing, the other keeps its
            // history.
            KAFKA.produce(
                    config.kafka().topics().messages(),
                    List.of(ended("a-1", "cust-A"), ended("b-1", "cust-B")));
            Map<String, JsonNode> summaries =
                    KAFKA.readJson(config.kafka().topics().conversations(), 2, WAIT).stream()
                            .collect(
                                    Collectors.toMap(
                                            j -> j.path("conversationId").asText(), j -> j));
            assertEquals(
                    0,
                    summaries.get("a-1").at("/messages/customer").asInt(),
                    "nothing from the erased state");
            assertEquals(3, summaries.get("b-1").at("/messages/customer").asInt());
            assertEquals(customerA, summaries.get("a-1").path("customerId").asText());
            if (pseudonymised) {
                for (String topic :
                        List.of(
                                config.kafka().topics().scores(),
                                config.kafka().topics().escalations(),
                                config.kafka().topics().conversations(),
                                config.kafka().topics().audit())) {
                    for (var r : KAFKA.readUntil(topic, false, x -> true, WAIT)) {
                        org.junit.jupiter.api.Assertions.assertFalse(
                                r.value().contains("cust-")
                                        || (r.key() != null && r.key().contains("cust-")),
                                topic + " carries a platform id: " + r.value());
                    }
                }
            }
        } finally {
            TestClusters.cancelAndWait(job);
        }
    }
}
