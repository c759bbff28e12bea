package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.board.OutputRecords;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.JobOptions;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import dev.switchboard.pipeline.config.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenants' policies through the real job and Kafka: a policy published on the policies topic
 * changes decisions without a restart and keeps the running conversation's level; an invalid one is
 * a dead letter with the reason and changes nothing; a shadow policy's decisions go to the shadow
 * topic only.
 */
class PolicyReloadTest {
    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();
    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ANGRY =
            "This is the worst service ever, I am furious and nobody helps me!";

    /** Watches only a streak of 3 where the default escalates two furious messages. */
    private static final String LENIENT =
            "{\"v\":1,\"type\":\"policy\",\"tenant\":\"acme\",\"mode\":\"live\",\"policy\":{\"name\":\"lenient\",\"version\":2,"
                    + "\"watchBelow\":-1.0,\"alertBelow\":-1.0,\"escalateBelow\":-1.0,\"watchStreak\":3,\"alertStreak\":4,\"escalateStreak\":5}}";

    private static final String INVALID =
            "{\"v\":1,\"type\":\"policy\",\"tenant\":\"acme\",\"mode\":\"live\",\"policy\":{\"name\":\"broken\",\"alertBelow\":0.9}}";
    private static final String SHADOW =
            "{\"v\":1,\"type\":\"policy\",\"tenant\":\"acme\",\"mode\":\"shadow\",\"policy\":{\"name\":\"candidate\",\"version\":7,\"watchStreak\":1}}";

    @TempDir Path tmp;
    private int clock;

    private KafkaTestBroker.Record message(String conversation) {
        clock++;
        return new KafkaTestBroker.Record(
                "acme/" + conversation,
                ("{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\""
                                + conversation
                                + "\",\"messageId\":\"m"
                                + clock
                                + "\",\"customerId\":\"cust-"
                                + conversation
                                + "\",\"channel\":\"chat\",\"role\":\"customer\",\"text\":\""
                                + ANGRY
                                + "\",\"ts\":"
                                + (TestConversations.START + clock * 1000L)
                                + "}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaTestBroker.Record policy(String json) {
        return new KafkaTestBroker.Record("acme", json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> decisionsOf(List<JsonNode> all, String conversation) {
        return all.stream()
                .filter(j -> j.path("conversationId").asText().equals(conversation))
                .toList();
    }

    /**
     * A tenant's policy from a {@code --tenant-policy} file decides from the first message: the job
     * carries it to every operator that reads tenants' policies.
     */
    @Test
    void aTenantsPolicyFileDecidesFromTheStart() throws Exception {
        Path file = tmp.resolve("acme-lenient.json");
        Files.writeString(file, LENIENT);
        JobOptions options = WorkflowTest.testOptions(tmp, KAFKA.bootstrapServers());
        options.escalation.tenantPolicyFiles.add(file);
        SwitchboardConfig config =
                options.toConfig()
                        .withTopics(
                                Topics.DEFAULTS.withPrefix("policy-file-"),
                                "policy-file-group",
                                "policy-file-tx",
                                DeliveryMode.AT_LEAST_ONCE);
        KAFKA.createTopics(config.kafka().topics().all(), 1);
        JobClient job = TestClusters.startJob(config, "policy-file-test", 1);
        try {
            KAFKA.produce(
                    config.kafka().topics().messages(),
                    List.of(message("f-1"), message("f-1"), message("f-1")));
            JsonNode first =
                    decisionsOf(
                                    KAFKA.readJson(config.kafka().topics().escalations(), 1, WAIT),
                                    "f-1")
                            .get(0);
            assertEquals("lenient", first.at("/policy/name").asText());
            assertEquals(
                    "watch",
                    first.path("level").asText(),
                    "the lenient policy watches the third message, where the default escalates the second");
        } finally {
            TestClusters.cancelAndWait(job);
        }
    }

    @Test
    void aPublishedPolicyChangesDecisionsLiveAndAnInvalidOneIsADeadLetter() throws Exception {
        SwitchboardConfig config =
                TestClusters.onKafka(KAFKA, tmp, DeliveryMode.AT_LEAST_ONCE, "policy-", 1);
        // One instance, so that "a probe saw the policy" means every conversation's instance has it
        // (broadcast state reaches each parallel instance on its own).
        JobClient job = TestClusters.startJob(config, "policy-reload-test", 1);
        try {
            // Under the default policy two furious messages escalate.
            KAFKA.produce(
                    config.kafka().topics().messages(), List.of(message("c-1"), message("c-1")));
            List<JsonNode> before = KAFKA.readJson(config.kafka().topics().escalations(), 1, WAIT);
            assertEquals("escalate", decisionsOf(before, "c-1").get(0).path("level").asText());
            assertEquals("default", decisionsOf(before, "c-1").get(0).at("/policy/name").asText());

            KAFKA.produce(
                    config.kafka().topics().policies(),
                    List.of(policy(LENIENT), policy(INVALID), policy(SHADOW)));
            List<JsonNode> deadLetters =
                    KAFKA.readJson(config.kafka().topics().deadLetters(), 1, WAIT);
            assertEquals(1, deadLetters.size());
            assertEquals("INVALID_POLICY", deadLetters.get(0).path("reason").asText());
            assertTrue(
                    deadLetters
                            .get(0)
                            .path("detail")
                            .asText()
                            .contains("escalateBelow <= alertBelow <= watchBelow"),
                    deadLetters.get(0).toString());
            assertEquals(
                    config.kafka().topics().policies(),
                    deadLetters.get(0).at("/source/topic").asText());

            // Probes: fresh conversations of three furious messages, until one is decided by the
            // new policy.
            String applied = null;
            for (int n = 0; n < 20 && applied == null; n++) {
                String id = "probe-" + n;
                KAFKA.produce(
                        config.kafka().topics().messages(),
                        List.of(message(id), message(id), message(id)));
                JsonNode first =
                        decisionsOf(
                                        OutputRecords.json(
                                                KAFKA.readUntil(
                                                        config.kafka().topics().escalations(),
                                                        false,
                                                        r ->
                                                                !decisionsOf(
                                                                                OutputRecords.json(
                                                                                        r),
                                                                                id)
                                                                        .isEmpty(),
                                                        WAIT)),
                                        id)
                                .get(0);
                if (first.at("/policy/name").asText().equals("lenient")) {
                    applied = id;
                    assertEquals(
                            "watch",
                            first.path("level").asText(),
                            "the lenient policy watches the third message");
                    assertEquals(2, first.at("/policy/version").asInt());
                }
            }
            assertTrue(applied != null, "the published policy never took effect");
            String probe = applied;

            // The running conversation keeps its level: more furious messages start no new episode
            // (fresh state would be watched at a streak of 3). A last probe, behind them on the one
            // partition, shows they were processed.
            KAFKA.produce(
                    config.kafka().topics().messages(),
                    List.of(
                            message("c-1"),
                            message("c-1"),
                            message("last"),
                            message("last"),
                            message("last")));
            List<JsonNode> after =
                    OutputRecords.json(
                            KAFKA.readUntil(
                                    config.kafka().topics().escalations(),
                                    false,
                                    r -> !decisionsOf(OutputRecords.json(r), "last").isEmpty(),
                                    WAIT));
            assertEquals(
                    "lenient",
                    decisionsOf(after, "last").get(0).at("/policy/name").asText(),
                    "the invalid policy after it changed nothing");
            assertEquals(
                    1,
                    decisionsOf(after, "c-1").size(),
                    "c-1 stays escalated, nothing decided again: " + decisionsOf(after, "c-1"));
            assertTrue(
                    after.stream().noneMatch(j -> j.at("/policy/mode").asText().equals("shadow")),
                    "no shadow decision on the live topic");

            List<JsonNode> shadow =
                    OutputRecords.json(
                            KAFKA.readUntil(
                                    config.kafka().topics().shadowEscalations(),
                                    false,
                                    r -> !decisionsOf(OutputRecords.json(r), probe).isEmpty(),
                                    WAIT));
            assertEquals(
                    "watch",
                    decisionsOf(shadow, probe).get(0).path("level").asText(),
                    "the candidate watches from the first furious message");
            for (JsonNode j : shadow) {
                assertEquals("candidate", j.at("/policy/name").asText());
                assertEquals("shadow", j.at("/policy/mode").asText());
            }
            List<String> ids = new ArrayList<>();
            after.forEach(j -> ids.add(j.path("id").asText()));
            assertTrue(shadow.stream().noneMatch(j -> ids.contains(j.path("id").asText())));
        } finally {
            TestClusters.cancelAndWait(job);
        }
    }
}
