package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real standalone Flink cluster (JobManager and TaskManager in their own JVMs, no
 * MiniCluster), submitted through the cluster's REST API with Switchboard's code in jars; fed
 * through Kafka; stopped with a savepoint; started again from it as a newer release whose
 * conversation state has a field more, with a changed configuration (parallelism 2 to 1, another
 * trend window and long wait). Per-conversation and per-customer state carries over (message counts
 * continue, escalated conversations stay escalated), and no message is lost or scored twice across
 * the upgrade. The TaskManager's Prometheus endpoint shows Switchboard's metrics while the job
 * runs.
 */
class StandaloneClusterTest {
    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    private static final String ANGRY =
            "This is the worst service ever, I am furious and nobody helps me!";
    private static final String CALM = "Thanks, that answers my question about the invoice.";
    private static final int CONVERSATIONS = 10;

    @TempDir Path tmp;

    private static KafkaTestBroker.Record record(String conversation, String json) {
        return new KafkaTestBroker.Record(
                "acme/" + conversation, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String conversation(int i) {
        return "k-" + i;
    }

    private static boolean angry(int i) {
        return i % 2 == 0;
    }

    /** Customer messages {@code from..to} of every conversation; the first batch starts them. */
    private static List<KafkaTestBroker.Record> messages(int from, int to, boolean end) {
        List<KafkaTestBroker.Record> out = new ArrayList<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            String c = conversation(i);
            long ts = TestConversations.START + i * 2_000L;
            if (from == 1) {
                out.add(
                        record(
                                c,
                                "{\"v\":1,\"type\":\"conversation.started\",\"tenant\":\"acme\",\"conversationId\":\""
                                        + c
                                        + "\",\"customerId\":\"cust-"
                                        + i
                                        + "\",\"channel\":\"chat\",\"ts\":"
                                        + ts
                                        + "}"));
            }
            for (int m = from; m <= to; m++) {
                out.add(
                        record(
                                c,
                                "{\"v\":1,\"type\":\"message\",\"tenant\":\"acme\",\"conversationId\":\""
                                        + c
                                        + "\",\"messageId\":\"m"
                                        + m
                                        + "\",\"customerId\":\"cust-"
                                        + i
                                        + "\",\"channel\":\"chat\",\"role\":\"customer\",\"text\":\""
                                        + (angry(i) ? ANGRY : CALM)
                                        + "\",\"ts\":"
                                        + (ts + m * 1_000L)
                                        + "}"));
            }
            if (end) {
                out.add(
                        record(
                                c,
                                "{\"v\":1,\"type\":\"conversation.ended\",\"tenant\":\"acme\",\"conversationId\":\""
                                        + c
                                        + "\",\"customerId\":\"cust-"
                                        + i
                                        + "\",\"channel\":\"chat\",\"ts\":"
                                        + (ts + 60_000)
                                        + "}"));
            }
        }
        return out;
    }

    private static JobClient submit(
            StandaloneCluster cluster,
            SwitchboardConfig config,
            List<String> jars,
            String savepoint)
            throws Exception {
        Configuration conf = FlinkSettings.forJob(config);
        if (savepoint != null) {
            conf.setString("execution.state-recovery.path", savepoint);
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createRemoteEnvironment(
                        "localhost", cluster.restPort, conf, jars.toArray(new String[0]));
        SwitchboardJob.define(env, config, null);
        return env.executeAsync("switchboard-cluster-test");
    }

    private static List<JsonNode> read(String topic, int atLeast) {
        return KAFKA.readJson(topic, atLeast, java.time.Duration.ofSeconds(90));
    }

    @Test
    void runsOnAStandaloneClusterAndKeepsItsStateAcrossASavepointUpgrade() throws Exception {
        SwitchboardConfig before =
                TestClusters.onKafka(KAFKA, tmp, DeliveryMode.AT_LEAST_ONCE, "cluster-", 2);
        List<String> jars = StandaloneCluster.jobJars(tmp);
        // Version 1 is an earlier release whose conversation state had no intentMessagesRead (a
        // field this release added, read only for tenants with routing, which this job has none
        // of), and whose per-message records went through Flink's POJO serializer, before their
        // wire formats. This job holds none of them in state at the savepoint (no routing, so no
        // async step; the control broadcast keeps nothing): WireFormatsTest restores a queue of
        // them written by the POJO serializer.
        Path operators =
                Path.of(
                        "..",
                        "operators",
                        "src",
                        "main",
                        "java",
                        "dev",
                        "switchboard",
                        "operators");
        List<String> earlierJars =
                OlderStateClass.jarsWith(
                        jars,
                        List.of(
                                OlderStateClass.Edit.withoutField(
                                        operators
                                                .resolve("conversation")
                                                .resolve("ConversationState.java"),
                                        "dev.switchboard.operators.conversation.ConversationState",
                                        "intentMessagesRead"),
                                OlderStateClass.Edit.withoutWireFormat(
                                        operators
                                                .resolve("records")
                                                .resolve("ConversationEvent.java"),
                                        "dev.switchboard.operators.records.ConversationEvent"),
                                OlderStateClass.Edit.withoutWireFormat(
                                        operators.resolve("records").resolve("CustomerEvent.java"),
                                        "dev.switchboard.operators.records.CustomerEvent")),
                        tmp);
        try (StandaloneCluster cluster =
                new StandaloneCluster(
                        Path.of("target", "cluster-test", java.util.UUID.randomUUID().toString())
                                .toAbsolutePath())) {
            cluster.start();

            // Version 1: the earlier release, parallelism 2, the test defaults.
            JobClient first = submit(cluster, before, earlierJars, null);
            KAFKA.produce(before.kafka().topics().messages(), messages(1, 2, false));
            read(before.kafka().topics().scores(), CONVERSATIONS * 2);
            List<JsonNode> escalatedBefore =
                    read(before.kafka().topics().escalations(), CONVERSATIONS / 2);
            cluster.waitFor(
                    () -> cluster.scrapeTaskManager().contains("switchboard_messagesScored"),
                    "Switchboard's metrics on the TaskManager");
            String metrics = cluster.scrapeTaskManager();
            for (String name :
                    List.of(
                            "switchboard_recordsIn",
                            "switchboard_messagesScored",
                            "switchboard_deadLetters",
                            "switchboard_mode_level_decisions",
                            "switchboard_modelScoringMicros",
                            "switchboard_eventToScoreMillis",
                            "conversation_rocksdb_estimate_num_keys")) {
                assertTrue(
                        metrics.contains(name),
                        name + " missing from the TaskManager's Prometheus endpoint");
            }

            String savepoint =
                    first.stopWithSavepoint(
                                    false,
                                    tmp.resolve("savepoints").toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get();
            assertTrue(
                    cluster.get("/jobs/overview").contains("\"state\":\"FINISHED\""),
                    cluster.get("/jobs/overview"));

            // Version 2: this release from the savepoint (its ConversationState has one field
            // more),
            // with another parallelism and settings.
            dev.switchboard.pipeline.config.JobOptions upgrade =
                    WorkflowTest.testOptions(tmp, KAFKA.bootstrapServers());
            upgrade.runtime.parallelism = 1;
            upgrade.conversations.trendWindow = 5;
            upgrade.conversations.longWait = java.time.Duration.ofMinutes(5);
            SwitchboardConfig after =
                    upgrade.toConfig()
                            .withTopics(
                                    before.kafka().topics(),
                                    before.kafka().groupId(),
                                    before.kafka().transactionalIdPrefix(),
                                    DeliveryMode.AT_LEAST_ONCE);
            JobClient second = submit(cluster, after, jars, savepoint);
            try {
                KAFKA.produce(after.kafka().topics().messages(), messages(3, 4, true));
                List<JsonNode> summaries =
                        read(after.kafka().topics().conversations(), CONVERSATIONS);
                List<JsonNode> scores = read(after.kafka().topics().scores(), CONVERSATIONS * 4);

                // The restore read the earlier release's conversation state into the class with the
                // added field: Flink migrated it (the POJO serializer's schema evolution).
                assertTrue(
                        cluster.taskManagerLog()
                                .contains(
                                        "Performing state migration for state ValueStateDescriptor{name=conversation,"),
                        "the conversation state was not migrated to the newer class");

                // Nothing lost, nothing scored twice.
                Set<String> distinct = new HashSet<>();
                scores.forEach(
                        s ->
                                distinct.add(
                                        s.path("conversationId").asText()
                                                + "/"
                                                + s.path("messageId").asText()));
                assertEquals(CONVERSATIONS * 4, distinct.size(), "every message scored");
                assertEquals(CONVERSATIONS * 4, scores.size(), "no message scored twice");

                // Conversation state carried over: the counts and the running sentiment continue.
                assertEquals(CONVERSATIONS, summaries.size());
                for (JsonNode s : summaries) {
                    assertEquals(4, s.at("/messages/customer").asInt(), s.toString());
                    assertEquals(
                            TestConversations.START
                                    + Integer.parseInt(
                                                    s.path("conversationId").asText().substring(2))
                                            * 2_000L,
                            java.time.Instant.parse(s.path("startedAt").asText()).toEpochMilli(),
                            "started before the upgrade: " + s);
                }

                // Decision state carried over: the angry conversations escalated once, before the
                // upgrade, and are not escalated again by the same messages after it.
                List<JsonNode> escalations =
                        read(after.kafka().topics().escalations(), escalatedBefore.size());
                Map<String, Integer> byConversation = new TreeMap<>();
                escalations.forEach(
                        e ->
                                byConversation.merge(
                                        e.path("conversationId").asText(), 1, Integer::sum));
                for (int i = 0; i < CONVERSATIONS; i += 2) {
                    assertEquals(
                            1,
                            byConversation.getOrDefault(conversation(i), 0),
                            "decisions of " + conversation(i) + ": " + escalations);
                }
                assertEquals(
                        CONVERSATIONS / 2,
                        byConversation.size(),
                        "calm conversations are not escalated: " + byConversation);
            } finally {
                second.cancel().get();
            }
        }
    }
}
