package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.operators.records.CloseReason;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.DeadLetter;
import dev.switchboard.operators.records.DeadLetterReason;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.RawRecord;
import dev.switchboard.operators.records.ScoredMessage;
import dev.switchboard.pipeline.backtest.LocalQueueSink;
import dev.switchboard.pipeline.config.JobOptions;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real topology on a MiniCluster (parallelism 2, RocksDB) over a bounded list of records. */
class WorkflowTest {
    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.miniCluster();

    @TempDir Path tmp;

    static SwitchboardConfig testConfig(Path tmp, String bootstrapServers) {
        return testOptions(tmp, bootstrapServers).toConfig();
    }

    /**
     * The options of {@link #testConfig}, for tests that change some before building the config.
     */
    static JobOptions testOptions(Path tmp, String bootstrapServers) {
        JobOptions options = JobOptions.defaults();
        options.kafka.bootstrapServers = bootstrapServers;
        options.runtime.checkpointDir = tmp.resolve("checkpoints").toUri().toString();
        // Outside the JUnit temporary directory: a cancelled job's tasks may still be closing
        // RocksDB
        // while JUnit deletes that directory.
        options.runtime.rocksDbLocalDir =
                Path.of("target", "tmp", "rocksdb-" + java.util.UUID.randomUUID())
                        .toAbsolutePath()
                        .toString();
        options.runtime.checkpointInterval = Duration.ofMillis(300);
        options.runtime.parallelism = 2;
        // Event time only from records: a slow CI machine must not change what is decided.
        options.eventTime.heartbeatAfter = Duration.ZERO;
        return options;
    }

    /**
     * A control stream with one erase request for a customer nobody has: the job's control input,
     * idle.
     */
    static org.apache.flink.streaming.api.datastream.DataStream<RawRecord> noControl(
            StreamExecutionEnvironment env) {
        byte[] erase =
                "{\"v\":1,\"type\":\"erase\",\"tenant\":\"nobody\",\"customerId\":\"none\",\"requestId\":\"noop\",\"ts\":0}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return env.fromData(List.of(new RawRecord("switchboard.control", 0, 0, erase)))
                .uid("test-control");
    }

    /**
     * A policies stream with one policy for a tenant nobody has: the job's policies input, idle
     * (the broadcast path runs all the same).
     */
    static org.apache.flink.streaming.api.datastream.DataStream<RawRecord> noPolicies(
            StreamExecutionEnvironment env) {
        byte[] policy =
                "{\"v\":1,\"type\":\"policy\",\"tenant\":\"nobody\",\"mode\":\"shadow\",\"policy\":{\"name\":\"unused\"}}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return env.fromData(List.of(new RawRecord("switchboard.policies", 0, 0, policy)))
                .uid("test-policies");
    }

    /** The messages, with {@link #noControl} and {@link #noPolicies}. */
    static Workflow.Inputs inputs(
            org.apache.flink.streaming.api.datastream.DataStream<RawRecord> messages,
            StreamExecutionEnvironment env) {
        return new Workflow.Inputs(messages, noControl(env), noPolicies(env));
    }

    /** What one run of the real topology over a bounded input published. */
    private record Run(
            JobExecutionResult result,
            LocalQueueSink<ScoredMessage> scores,
            LocalQueueSink<EscalationDecision> escalations,
            LocalQueueSink<ConversationSummary> summaries,
            LocalQueueSink<DeadLetter> deadLetters) {}

    private static Run run(TestConversations input, SwitchboardConfig config) throws Exception {
        StreamExecutionEnvironment env = TestClusters.environment(config);
        List<RawRecord> raw = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < input.records.size(); i++) {
            raw.add(new RawRecord("switchboard.messages", 0, i, input.records.get(i).value()));
            keys.add(String.valueOf(input.records.get(i).key()));
        }
        Run run =
                new Run(
                        null,
                        new LocalQueueSink<>(),
                        new LocalQueueSink<>(),
                        new LocalQueueSink<>(),
                        new LocalQueueSink<>());
        Workflow.define(
                // Partitioned by the record's key, as Kafka partitions are, so each conversation
                // stays in order.
                inputs(
                        env.fromData(raw)
                                .uid("test-source")
                                .partitionCustom(
                                        (key, n) -> Math.floorMod(key.hashCode(), n),
                                        r -> keys.get((int) r.offset)),
                        env),
                config,
                new Workflow.Outputs(
                        s -> s.sinkTo(run.scores()).uid("test-scores"),
                        s -> s.sinkTo(run.escalations()).uid("test-escalations"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("test-shadow-escalations"),
                        s -> s.sinkTo(run.summaries()).uid("test-summaries"),
                        s -> s.sinkTo(run.deadLetters()).uid("test-dead-letters"),
                        s -> s.sinkTo(new LocalQueueSink<>()).uid("test-audit")));
        JobExecutionResult result = env.execute("workflow-test");
        return new Run(result, run.scores(), run.escalations(), run.summaries(), run.deadLetters());
    }

    @Test
    void scoresEveryValidMessageDeadLettersTheRestAndAccountsForEveryRecord() throws Exception {
        TestConversations input = TestConversations.generate(30, 8, 11);
        SwitchboardConfig config = testConfig(tmp, "unused:9092");
        Run run = run(input, config);
        JobExecutionResult result = run.result();
        LocalQueueSink<ScoredMessage> scores = run.scores();
        LocalQueueSink<EscalationDecision> escalations = run.escalations();
        LocalQueueSink<ConversationSummary> summaries = run.summaries();
        LocalQueueSink<DeadLetter> deadLetters = run.deadLetters();

        // Every final message scored exactly once; partial segments are not.
        List<String> scored =
                scores.received().stream()
                        .map(m -> m.tenant + "/" + m.conversationId + "/" + m.messageId)
                        .toList();
        assertEquals(input.finalMessages, new TreeSet<>(scored));
        assertEquals(input.finalMessages.size(), scored.size(), "no message scored twice");

        // Every malformed record dead-lettered with its reason and its payload.
        Map<Long, DeadLetter> byOffset =
                deadLetters.received().stream()
                        .collect(Collectors.toMap(d -> d.sourceOffset, Function.identity()));
        assertEquals(input.malformed, byOffset.size());
        for (TestConversations.Malformed m : TestConversations.MALFORMED) {
            DeadLetter d =
                    byOffset.values().stream()
                            .filter(x -> m.payload().equals(x.payload))
                            .findFirst()
                            .orElseThrow();
            assertEquals(m.reason(), d.reason, m.payload());
            assertTrue(!d.detail.isBlank());
        }
        DeadLetter utf8 =
                byOffset.values().stream()
                        .filter(d -> d.reason == DeadLetterReason.INVALID_UTF8)
                        .findFirst()
                        .orElseThrow();
        assertEquals(
                java.util.Base64.getEncoder().encodeToString(input.invalidUtf8),
                utf8.payloadBase64);

        // records in = scored + skipped partials + lifecycle + dead letters, from the job's own
        // counts.
        long in = result.getAccumulatorResult(RecordCount.IN);
        assertEquals(
                input.records.size() + 2,
                in,
                "the messages, the one control command and the one policy");
        assertEquals(1L, (long) result.getAccumulatorResult(RecordCount.CONTROL));
        assertEquals(1L, (long) result.getAccumulatorResult(RecordCount.POLICY_UPDATES));
        assertEquals(
                input.finalMessages.size(), (long) result.getAccumulatorResult(RecordCount.SCORED));
        assertEquals(
                input.partials, (long) result.getAccumulatorResult(RecordCount.SKIPPED_PARTIALS));
        assertEquals(input.lifecycle, (long) result.getAccumulatorResult(RecordCount.LIFECYCLE));
        assertEquals(input.malformed, (long) result.getAccumulatorResult(RecordCount.DEAD_LETTERS));
        assertEquals(
                in,
                input.finalMessages.size()
                        + input.partials
                        + input.lifecycle
                        + input.malformed
                        + 1
                        + 1);

        // One summary per conversation: ended ones on their end record, the rest when time runs
        // out.
        Map<String, ConversationSummary> summaryByKey =
                summaries.received().stream()
                        .collect(
                                Collectors.toMap(
                                        s -> s.tenant + "/" + s.conversationId,
                                        Function.identity()));
        assertEquals(
                input.endedConversations.size() + input.openConversations.size(),
                summaries.received().size());
        for (String key : input.endedConversations) {
            assertEquals(CloseReason.ENDED, summaryByKey.get(key).closeReason, key);
        }
        for (String key : input.openConversations) {
            ConversationSummary s = summaryByKey.get(key);
            assertEquals(CloseReason.IDLE_TIMEOUT, s.closeReason, key);
            assertEquals(
                    s.lastActivityAt + config.conversations().idleTimeout().toMillis(), s.closedAt);
        }

        // Angry customers are escalated; calm ones are never bothered.
        Set<String> escalated =
                escalations.received().stream()
                        .filter(d -> d.level != EscalationLevel.RECOVERED)
                        .map(d -> d.tenant + "/" + d.conversationId)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(input.angryConversations, escalated);
        assertEquals(
                escalations.received().size(),
                escalations.received().stream().map(d -> d.id).distinct().count(),
                "decision ids are unique");
    }

    @Test
    void aTenantsOwnModelScoresItsMessagesAndEveryOutputNamesItsModel() throws Exception {
        TestConversations input = TestConversations.generate(30, 8, 11);
        // Another model than the shipped one: the same weights, sharper, so another version.
        Path acmeModel = tmp.resolve("acme-sentiment.model.gz");
        try (var out = java.nio.file.Files.newOutputStream(acmeModel)) {
            SentimentModel.loadDefault().linearModel().withTemperature(0.5).write(out);
        }
        JobOptions options = testOptions(tmp, "unused:9092");
        options.scoring.tenantSentimentModels.put("acme", acmeModel);
        Run run = run(input, options.toConfig());

        String shipped = SentimentModel.loadDefault().id();
        String acme = SentimentModel.load(acmeModel).id();
        assertTrue(acme.startsWith("acme-sentiment@") && !acme.equals(shipped), acme);
        Set<String> tenants = new TreeSet<>();
        for (ScoredMessage m : run.scores().received()) {
            tenants.add(m.tenant);
            assertEquals(m.tenant.equals("acme") ? acme : shipped, m.sentiment.model, m.toString());
        }
        assertTrue(
                tenants.size() > 1 && tenants.contains("acme"),
                "acme and other tenants were scored: " + tenants);
        assertTrue(!run.escalations().received().isEmpty());
        for (EscalationDecision d : run.escalations().received()) {
            assertEquals(d.tenant.equals("acme") ? acme : shipped, d.sentimentModel, d.toString());
        }
        String json =
                dev.switchboard.operators.kafka.JsonRecordSerializer.toJsonString(
                        run.scores().received().get(0),
                        dev.switchboard.operators.kafka.OutputJson::score);
        String version = run.scores().received().get(0).sentiment.model.split("@")[1];
        assertTrue(
                json.contains("\"model\":{\"name\":")
                        && json.contains("\"version\":\"" + version + "\""),
                json);
    }

    /** A conversation of {@code tenant}: started, the customer's untagged lines, ended. */
    private static void conversation(
            TestConversations input, String tenant, String id, long start, String... lines) {
        String common =
                "\"v\":1,\"tenant\":\""
                        + tenant
                        + "\",\"conversationId\":\""
                        + id
                        + "\",\"customerId\":\"cust-"
                        + id
                        + "\",\"channel\":\"chat\"";
        List<String> json = new ArrayList<>();
        json.add("{" + common + ",\"type\":\"conversation.started\",\"ts\":" + start + "}");
        for (int i = 0; i < lines.length; i++) {
            json.add(
                    "{"
                            + common
                            + ",\"type\":\"message\",\"messageId\":\"m"
                            + i
                            + "\",\"role\":\"customer\",\"text\":\""
                            + lines[i]
                            + "\",\"ts\":"
                            + (start + 1_000L * (i + 1))
                            + "}");
        }
        json.add(
                "{"
                        + common
                        + ",\"type\":\"conversation.ended\",\"ts\":"
                        + (start + 1_000L * (lines.length + 1))
                        + "}");
        for (String j : json) {
            input.records.add(
                    new dev.switchboard.board.KafkaTestBroker.Record(
                            tenant + "/" + id,
                            j.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @Test
    void eachConversationIsScoredInTheLanguageDetectedOnceAmongTheTenants() throws Exception {
        TestConversations input = new TestConversations();
        long t = TestConversations.START;
        conversation(
                input,
                "globex",
                "fr-1",
                t,
                "Bonjour, ma commande n'est toujours pas arrivée et personne ne me répond.",
                "oui",
                "C'est inadmissible, je veux parler à un responsable.");
        conversation(
                input,
                "globex",
                "en-1",
                t + 10,
                "Hi, my order has still not arrived and nobody answers me.",
                "oui",
                "This is unacceptable, I want to speak to a manager.");
        JobOptions options = testOptions(tmp, "unused:9092");
        options.scoring.tenantLanguages.put("globex", "en,fr");
        Run run = run(input, options.toConfig());

        Map<String, List<ScoredMessage>> scores =
                run.scores().received().stream()
                        .collect(Collectors.groupingBy(m -> m.conversationId));
        for (ScoredMessage m : scores.get("fr-1")) {
            assertEquals("fr", m.language, "every message of the French conversation: " + m);
            assertTrue(m.sentiment.model.startsWith("sentiment-fr@"), m.toString());
        }
        for (ScoredMessage m : scores.get("en-1")) {
            assertEquals("en", m.language, "\"oui\" alone does not move a conversation: " + m);
            assertTrue(m.sentiment.model.startsWith("sentiment@"), m.toString());
        }
        EscalationDecision french =
                run.escalations().received().stream()
                        .filter(d -> d.conversationId.equals("fr-1"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("fr", french.language);
        assertEquals(dev.switchboard.models.requests.EscalationRequest.MANAGER, french.request);
        assertTrue(french.sentimentModel.startsWith("sentiment-fr@"), french.sentimentModel);
        Map<String, String> summaryLanguages =
                run.summaries().received().stream()
                        .collect(Collectors.toMap(c -> c.conversationId, c -> c.language));
        assertEquals(Map.of("fr-1", "fr", "en-1", "en"), summaryLanguages);
    }
}
