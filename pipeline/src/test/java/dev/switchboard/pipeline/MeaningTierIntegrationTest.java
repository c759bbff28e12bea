package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.board.Await;
import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.board.OutputRecords;
import dev.switchboard.models.meaning.SecondOpinionSelector;
import dev.switchboard.models.meaning.SentimentSecondOpinion;
import dev.switchboard.models.sentiment.SentimentModel;
import dev.switchboard.models.sentiment.SentimentScore;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.escalation.DecisiveTurns;
import dev.switchboard.operators.escalation.EscalationPolicy;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.runtime.dispatcher.UnavailableDispatcherOperationException;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meaning tier in the real job (Kafka, MiniCluster, RocksDB, two instances): conversations'
 * intents are read from embeddings, and unsure sentiment re-scored by the second opinion, while the
 * tier has room, and by the fast models once its rate is spent, each fallback counted in the
 * metrics; no conversation is lost and every conversation's events keep their order through the
 * asynchronous step.
 */
class MeaningTierIntegrationTest {
    private static final PrometheusMetrics PROMETHEUS = new PrometheusMetrics();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int CONVERSATIONS = 40;

    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    // Three slots: one test restores a savepoint of two instances on three.
    @RegisterExtension static final MiniClusterExtension CLUSTER = PROMETHEUS.miniCluster(3);

    @TempDir Path tmp;

    private static final String[] REQUESTS = {
        "I want to cancel the order I placed yesterday",
        "The blender arrived broken and I want my money back",
        "I moved house, please send my parcel to the new place",
        "Is there a person I can speak with instead of a bot?",
    };

    @Test
    void readsIntentsFromMeaningWhileItHasRoomAndCountsEachFallback() throws Exception {
        // Two embeddings a second, one thread and no queue (the default): a burst of 40
        // conversations finds the thread busy or spends the rate at once.
        SwitchboardConfig config =
                config(
                        "meaning-",
                        new MeaningSettings(
                                true, 100, Duration.ofSeconds(5), 2, 1.0, 1, 0, 0.5, false, 0));
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
            assertTrue(
                    fromHashed >= 1,
                    "the busy thread or the spent rate should have sent some to the hashed model");

            // Order kept: a message that overtook its conversation's end would not be counted in
            // the summary of that conversation.
            assertEquals(CONVERSATIONS, summaries.size());
            for (JsonNode s : summaries) {
                assertEquals(3, s.path("messages").path("customer").asInt(), s.toString());
                assertEquals(1, s.path("messages").path("agent").asInt(), s.toString());
            }

            // Every fallback counted: the tier's readings and refusals add up to the messages it
            // was asked to read (at least each conversation's first customer message).
            String metrics = scrapeUntil("meaningRead", CONVERSATIONS);
            double read = sum(metrics, PREFIX + "meaningRead");
            double refused = fallbacks(metrics);
            assertTrue(read >= fromMeaning, "meaningRead " + read + " < " + fromMeaning);
            assertTrue(
                    sum(metrics, PREFIX + "meaningFallbackRate")
                                    + sum(metrics, PREFIX + "meaningFallbackSaturated")
                            >= 1,
                    "rate or saturation fallbacks");
            assertTrue(read + refused >= CONVERSATIONS, read + " read, " + refused + " refused");
            assertTrue(
                    read + refused <= 3 * CONVERSATIONS, read + " read, " + refused + " refused");
            assertTrue(metrics.contains(PREFIX + "meaningMillis"), "the tier's latency");
        } finally {
            TestClusters.cancelAndWait(job);
        }
    }

    /**
     * A task fails midway, after a checkpoint taken while conversations' first messages were being
     * read: events the async step held are sent through it again, and every output that is repeated
     * (at-least-once) is the same, with the same id, as the first time: intents and re-scored
     * sentiment alike, the decisive turns marked from the score step's restored state included.
     */
    @Test
    void aRestoreReadsHeldMessagesAgainWithTheSameResults() throws Exception {
        SwitchboardConfig config =
                config(
                        "meaning-kill-",
                        new MeaningSettings(
                                true,
                                100,
                                Duration.ofSeconds(10),
                                1000,
                                1.0,
                                1,
                                10_000,
                                0.5,
                                true,
                                0));
        FailOnce.reset();
        JobClient job = FailOnce.startJob(config, "meaning-kill-restore");
        try {
            // The second customer message is one the second opinion re-scores as unsure, the third
            // one it re-scores as decisive where the first leaned negative: the summaries'
            // sentiment figures, repeated identical, hold their readings too.
            List<KafkaTestBroker.Record> input =
                    conversations(CONVERSATIONS, null, UNSURE, ANGRIER);
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
            int decisiveOnly = assertEveryUnsureOrDecisiveTurnRead(summaries, UNSURE, ANGRIER);
            assertTrue(decisiveOnly > 0, "some conversations have a turn re-scored as decisive");
        } finally {
            TestClusters.cancelAndWait(job);
        }
    }

    /**
     * A job without routing, the tier on at two embeddings a second: the customer message the fast
     * model is unsure of ("fine, whatever") is re-scored by the second opinion while the tier has
     * room and keeps its fast score once the rate is spent. Each conversation's summary carries
     * exactly one of the two scores (its minimum is that message's), as many carry the combined one
     * as the tier re-scored, and every message asked for falls back counted when not re-scored.
     */
    @Test
    void givesASecondOpinionOnUnsureSentimentWhileItHasRoomAndCountsEachFallback()
            throws Exception {
        SentimentModel fast = SentimentModel.loadDefault();
        SentimentSecondOpinion opinion = SentimentSecondOpinion.shipped();
        SentimentScore unsure = fast.score(UNSURE, SpeakerRole.CUSTOMER, "en");
        double below = 0.5;
        assertTrue(unsure.confidence() < below, "the test's message must be unsure: " + unsure);
        for (String sure : List.of(SURE_THANKS, SURE_BYE)) {
            assertTrue(fast.score(sure, SpeakerRole.CUSTOMER, "en").confidence() >= below, sure);
        }
        double fastMin = unsure.score();
        double combinedMin = opinion.combine(unsure, opinion.embedder().embed(UNSURE)).score();
        assertTrue(Math.abs(fastMin - combinedMin) > 0.01, fastMin + " vs " + combinedMin);

        SwitchboardConfig config =
                TestClusters.onKafka(KAFKA, tmp, DeliveryMode.AT_LEAST_ONCE, "opinion-", 2)
                        .withMeaning(
                                new MeaningSettings(
                                        true,
                                        100,
                                        Duration.ofSeconds(5),
                                        2,
                                        1.0,
                                        1,
                                        10,
                                        below,
                                        false,
                                        0));
        JobClient job = TestClusters.startJob(config, "second-opinion-test", 2);
        try {
            KAFKA.produce(
                    config.kafka().topics().messages(),
                    conversations(CONVERSATIONS, UNSURE, SURE_THANKS, SURE_BYE));
            List<JsonNode> summaries = everyConversation(config.kafka().topics().conversations());
            assertEquals(CONVERSATIONS, summaries.size());
            int withOpinion = 0;
            for (JsonNode summary : summaries) {
                // In order: every customer message reached the conversation before its end.
                assertEquals(
                        3, summary.path("messages").path("customer").asInt(), summary.toString());
                double min = summary.path("customerSentiment").path("min").asDouble();
                if (Math.abs(min - combinedMin) <= 1e-4) {
                    withOpinion++;
                } else {
                    assertEquals(fastMin, min, 1e-4, summary.toString());
                }
            }

            String metrics = scrapeUntil("secondOpinionRescored", CONVERSATIONS);
            double rescored = sum(metrics, PREFIX + "secondOpinionRescored");
            double fellBack = fallbacks(metrics);
            assertEquals(3.0 * CONVERSATIONS, sum(metrics, PREFIX + "secondOpinionConsidered"));
            assertEquals(CONVERSATIONS, sum(metrics, PREFIX + "secondOpinionAsked"));
            assertEquals(CONVERSATIONS, rescored + fellBack, rescored + " re-scored");
            assertEquals(withOpinion, rescored, "summaries with the combined score");
            assertEquals(rescored, secondOpinions(summaries), "summaries count theirs");
            assertTrue(rescored >= 1, "no message was re-scored");
            assertTrue(sum(metrics, PREFIX + "meaningFallbackRate") >= 1, "rate fallbacks");
        } finally {
            TestClusters.cancelAndWait(job);
        }
    }

    /**
     * Asked for decisive turns only, the tier re-scores a complaint's second angry line and the
     * line after it (as decisive: it is asked for no unsure turn here), and neither the first nor
     * the agent's.
     */
    @Test
    void givesASecondOpinionOnTheTurnsThatCouldMoveTheEscalationLevel() throws Exception {
        SentimentModel fast = SentimentModel.loadDefault();
        SentimentSecondOpinion opinion = SentimentSecondOpinion.shipped();
        SentimentScore first = fast.score(ANGRY, SpeakerRole.CUSTOMER, "en");
        SentimentScore second = fast.score(ANGRIER, SpeakerRole.CUSTOMER, "en");
        SentimentScore third = fast.score(GRUDGING_OK, SpeakerRole.CUSTOMER, "en");
        for (SentimentScore sure : List.of(first, second)) {
            assertTrue(sure.score() <= -0.4 && sure.confidence() >= 0.5, "sure and negative");
        }
        double mean =
                (first.score()
                                + opinion.combine(second, opinion.embedder().embed(ANGRIER)).score()
                                + opinion.combine(third, opinion.embedder().embed(GRUDGING_OK))
                                        .score())
                        / 3;
        double fastMean = (first.score() + second.score() + third.score()) / 3;
        // Ten times the tolerance below: the summaries must carry the second opinion's scores.
        assertTrue(Math.abs(mean - fastMean) > 0.01, mean + " vs " + fastMean);

        Outcome outcome =
                withRoomForEvery(
                        "decisive-",
                        true,
                        0,
                        2 * CONVERSATIONS,
                        conversations(CONVERSATIONS, ANGRY, ANGRIER, GRUDGING_OK));
        for (JsonNode summary : outcome.summaries()) {
            assertEquals(
                    2,
                    summary.path("messages").path("customerSecondOpinions").asInt(),
                    summary.toString());
            assertEquals(
                    mean,
                    summary.path("customerSentiment").path("mean").asDouble(),
                    1e-3,
                    summary.toString());
        }
        String metrics = outcome.metrics();
        assertEquals(3.0 * CONVERSATIONS, sum(metrics, PREFIX + "secondOpinionConsidered"));
        assertEquals(2.0 * CONVERSATIONS, sum(metrics, PREFIX + "secondOpinionAsked"));
        assertEquals(2.0 * CONVERSATIONS, sum(metrics, PREFIX + "secondOpinionAskedDecisive"));
        assertEquals(2.0 * CONVERSATIONS, sum(metrics, PREFIX + "secondOpinionRescored"));
        assertEquals(0, fallbacks(metrics), "the tier had room for every one");
    }

    /**
     * Asked only where the shipped selector expects the second opinion to change the label: of each
     * conversation's three customer messages the one it expects a change for ("fine, whatever") is
     * re-scored, the two plain ones are not, and the counts say the selector asked.
     */
    @Test
    void givesASecondOpinionWhereTheSelectorExpectsAChange() throws Exception {
        SentimentModel fast = SentimentModel.loadDefault();
        SentimentSecondOpinion opinion = SentimentSecondOpinion.shipped();
        SecondOpinionSelector selector = SecondOpinionSelector.shipped();
        double line = 0.5;
        SentimentScore likely = fast.score(UNSURE, SpeakerRole.CUSTOMER, "en");
        assertTrue(changeProbability(selector, UNSURE, likely) >= line, "the selector must ask");
        for (String plain : List.of(SURE_THANKS, SURE_BYE)) {
            SentimentScore score = fast.score(plain, SpeakerRole.CUSTOMER, "en");
            assertTrue(changeProbability(selector, plain, score) < line, plain);
        }
        double combinedMin = opinion.combine(likely, opinion.embedder().embed(UNSURE)).score();
        assertTrue(Math.abs(likely.score() - combinedMin) > 0.01, "the opinion must show");

        Outcome outcome =
                withRoomForEvery(
                        "likely-",
                        false,
                        line,
                        CONVERSATIONS,
                        conversations(CONVERSATIONS, UNSURE, SURE_THANKS, SURE_BYE));
        for (JsonNode summary : outcome.summaries()) {
            assertEquals(
                    1,
                    summary.path("messages").path("customerSecondOpinions").asInt(),
                    summary.toString());
            assertEquals(
                    combinedMin,
                    summary.path("customerSentiment").path("min").asDouble(),
                    1e-4,
                    summary.toString());
        }
        String metrics = outcome.metrics();
        assertEquals(3.0 * CONVERSATIONS, sum(metrics, PREFIX + "secondOpinionConsidered"));
        assertEquals(CONVERSATIONS, sum(metrics, PREFIX + "secondOpinionAsked"));
        assertEquals(CONVERSATIONS, sum(metrics, PREFIX + "secondOpinionAskedLikelyChange"));
        assertEquals(CONVERSATIONS, sum(metrics, PREFIX + "secondOpinionRescored"));
        assertEquals(0, fallbacks(metrics), "the tier had room for every one");
    }

    /** Every conversation's summary, and the metrics once {@code rescored} were re-scored. */
    private record Outcome(List<JsonNode> summaries, String metrics) {}

    /**
     * Runs {@code input} through a job whose tier has room for every message it is asked for (no
     * rate, CPU or queue bound reached), asked for decisive turns or not and where the selector
     * gives at least {@code likelyToChange}, never for unsure turns as such.
     */
    private Outcome withRoomForEvery(
            String prefix,
            boolean decisiveTurns,
            double likelyToChange,
            int rescored,
            List<KafkaTestBroker.Record> input)
            throws Exception {
        SwitchboardConfig config =
                TestClusters.onKafka(KAFKA, tmp, DeliveryMode.AT_LEAST_ONCE, prefix, 2)
                        .withMeaning(
                                new MeaningSettings(
                                        true,
                                        100,
                                        Duration.ofSeconds(10),
                                        1000,
                                        1.0,
                                        1,
                                        10_000,
                                        0,
                                        decisiveTurns,
                                        likelyToChange));
        JobClient job = TestClusters.startJob(config, prefix + "test", 2);
        try {
            KAFKA.produce(config.kafka().topics().messages(), input);
            List<JsonNode> summaries = everyConversation(config.kafka().topics().conversations());
            assertEquals(CONVERSATIONS, summaries.size());
            return new Outcome(summaries, scrapeUntil("secondOpinionRescored", rescored));
        } finally {
            TestClusters.cancelAndWait(job);
        }
    }

    private static double changeProbability(
            SecondOpinionSelector selector, String text, SentimentScore fast) {
        double[] p = SentimentSecondOpinion.fastProbabilities(fast);
        return selector.changeProbability(text, p[0], p[1], p[2]);
    }

    /**
     * Savepointed at parallelism 2 while the tier reads a burst, restored from it at 3: the
     * savepoint's barrier waited for the readings in flight (counted), so the restore hands no
     * event back to an instance that does not own its conversation (Flink would deal held events
     * out by no key). Every conversation ends on the new instances with its three customer
     * messages, each read as the tier reads it, the conversation state split by key as Flink splits
     * it.
     */
    @Test
    void aSavepointTakenWithReadingsInFlightRestoresAtAnotherParallelism() throws Exception {
        String prefix = "rescale-";
        var options = WorkflowTest.testOptions(tmp, KAFKA.bootstrapServers());
        // No periodic checkpoint: the savepoint's barrier is the only one, so what a barrier
        // waited for is the savepoint's.
        options.runtime.checkpointInterval = Duration.ofHours(1);
        SwitchboardConfig config =
                routed(
                        options.toConfig()
                                .withTopics(
                                        dev.switchboard.pipeline.config.Topics.DEFAULTS.withPrefix(
                                                prefix),
                                        prefix + "group",
                                        prefix + "tx",
                                        DeliveryMode.AT_LEAST_ONCE),
                        new MeaningSettings(
                                true,
                                1000,
                                Duration.ofSeconds(60),
                                10_000,
                                1.0,
                                1,
                                10_000,
                                0.5,
                                true,
                                0));
        // Six partitions: as many per instance at 2 as at 3.
        KAFKA.createTopics(config.kafka().topics().all(), 6);
        List<KafkaTestBroker.Record> input =
                conversations(RESCALED_CONVERSATIONS, null, UNSURE, ANGRIER);
        // Each conversation's start, request, agent's reply and unsure line before the savepoint,
        // its angry line and its end after it.
        List<KafkaTestBroker.Record> before = new ArrayList<>();
        List<KafkaTestBroker.Record> after = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            (i % 6 < 4 ? before : after).add(input.get(i));
        }
        String savepoint;
        JobClient first = TestClusters.startJob(config, "rescale-at-2", 2);
        try {
            // A first savepoint, before any input, once every task runs (the barrier waits for no
            // reading): the burst then finds every instance reading.
            savepoint(first);
            KAFKA.produce(config.kafka().topics().messages(), before);
            // The first score out: the tier has the rest of the burst (some 250 readings on one
            // thread) ahead of it.
            KAFKA.readUntil(config.kafka().topics().scores(), false, r -> !r.isEmpty(), WAIT);
            savepoint = savepoint(first);
            String metrics = PROMETHEUS.scrape();
            assertTrue(
                    sum(metrics, PREFIX + "meaningAwaitedAtBarrier") >= 1,
                    "the savepoint came while readings were in flight");
        } finally {
            TestClusters.cancelAndWait(first);
        }

        KAFKA.produce(config.kafka().topics().messages(), after);
        JobClient second = TestClusters.startJob(config, "rescale-at-3", 3, savepoint);
        try {
            List<JsonNode> summaries =
                    OutputRecords.json(
                            KAFKA.readUntil(
                                    config.kafka().topics().conversations(),
                                    false,
                                    r -> distinct(OutputRecords.json(r)) >= RESCALED_CONVERSATIONS,
                                    WAIT));
            assertEquals(RESCALED_CONVERSATIONS, distinct(summaries), "no conversation lost");
            KillRestoreTest.assertRepeatsAreIdentical(summaries);
            assertEveryUnsureOrDecisiveTurnRead(summaries, UNSURE, ANGRIER);
            for (JsonNode summary : summaries) {
                assertEquals(1, summary.path("messages").path("agent").asInt(), summary.toString());
            }
            assertTrue(
                    PrometheusMetrics.sum(
                                    PROMETHEUS.scrape(),
                                    PREFIX + "secondOpinionConsidered",
                                    "subtask_index=\"2\"")
                            > 0,
                    "the third instance read conversations");
        } finally {
            TestClusters.cancelAndWait(second);
        }
    }

    private static final int RESCALED_CONVERSATIONS = 100;

    /**
     * A savepoint of {@code job}, asked for again while the job is still starting (its JobManager
     * first, then each instance, which loads its networks in its own time: Flink refuses a
     * savepoint until every one runs).
     */
    private String savepoint(JobClient job) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return job.triggerSavepoint(
                                tmp.resolve("savepoints").toUri().toString(),
                                SavepointFormatType.CANONICAL)
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                boolean starting =
                        ExceptionUtils.findThrowable(e, CheckpointException.class)
                                        .map(
                                                c ->
                                                        c.getCheckpointFailureReason()
                                                                == CheckpointFailureReason
                                                                        .NOT_ALL_REQUIRED_TASKS_RUNNING)
                                        .orElse(false)
                                || ExceptionUtils.findThrowable(
                                                e, UnavailableDispatcherOperationException.class)
                                        .isPresent();
                if (!starting || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Each summary of conversations opened with one of the requests and followed by {@code second}
     * and {@code third}: three customer messages, and the sentiment of every one the fast model was
     * unsure of or that could move the escalation level is the second opinion's, worked out here
     * message by message (with room to spare, the tier read them all).
     *
     * @return the messages re-scored as decisive turns alone (not unsure)
     */
    private static int assertEveryUnsureOrDecisiveTurnRead(
            List<JsonNode> summaries, String second, String third) {
        SentimentModel fast = SentimentModel.loadDefault();
        SentimentSecondOpinion opinion = SentimentSecondOpinion.shipped();
        DecisiveTurns decisive = DecisiveTurns.of(EscalationPolicy.defaults(), Map.of());
        int decisiveOnly = 0;
        for (JsonNode summary : summaries) {
            assertEquals(3, summary.path("messages").path("customer").asInt(), summary.toString());
            int c = Integer.parseInt(summary.path("conversationId").asText().substring(1));
            double sum = 0;
            int rescored = 0;
            int recent = DecisiveTurns.CALM;
            for (String text : List.of(REQUESTS[c % REQUESTS.length], second, third)) {
                SentimentScore s = fast.score(text, SpeakerRole.CUSTOMER, "en");
                boolean isDecisive = decisive.isDecisive("acme", s.score(), recent);
                recent = decisive.after("acme", s.score(), recent);
                if (s.confidence() < 0.5 || isDecisive) {
                    sum += opinion.combine(s, opinion.embedder().embed(text)).score();
                    rescored++;
                    decisiveOnly += s.confidence() < 0.5 ? 0 : 1;
                } else {
                    sum += s.score();
                }
            }
            assertEquals(
                    sum / 3,
                    summary.path("customerSentiment").path("mean").asDouble(),
                    1e-4,
                    summary.toString());
            assertEquals(
                    rescored,
                    summary.path("messages").path("customerSecondOpinions").asInt(),
                    summary.toString());
        }
        return decisiveOnly;
    }

    private static final String ANGRY = "This is the worst service ever, I am furious!";
    private static final String ANGRIER = "Terrible, I am so angry, nothing ever works";

    /** The fast model reads it as a little negative, the second opinion as neutral. */
    private static final String GRUDGING_OK = "ok I guess that works";

    private static int secondOpinions(List<JsonNode> summaries) {
        return summaries.stream()
                .mapToInt(s -> s.path("messages").path("customerSecondOpinions").asInt())
                .sum();
    }

    private static final String UNSURE = "fine, whatever";
    private static final String SURE_THANKS = "Thank you.";
    private static final String SURE_BYE = "That is all, bye.";

    /** The job on the test broker, acme routed with the customer-service model. */
    private SwitchboardConfig config(String prefix, MeaningSettings meaning) throws Exception {
        return routed(
                TestClusters.onKafka(KAFKA, tmp, DeliveryMode.AT_LEAST_ONCE, prefix, 2), meaning);
    }

    /** {@code config} with acme routed with the customer-service model, and the tier's settings. */
    private static SwitchboardConfig routed(SwitchboardConfig config, MeaningSettings meaning) {
        return config.withRouting(
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
        return conversations(n, null, SURE_THANKS, SURE_BYE);
    }

    /**
     * {@code n} conversations: a first customer message ({@code first}, or one of the requests when
     * null), an agent's reply, two more customer messages, the end.
     */
    private static List<KafkaTestBroker.Record> conversations(
            int n, String first, String second, String third) {
        long t = TestConversations.START;
        List<KafkaTestBroker.Record> input = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            String id = "c" + c;
            input.add(lifecycle("conversation.started", id, t + c));
            String opening = first != null ? first : REQUESTS[c % REQUESTS.length];
            input.add(message(id, c, 1, "customer", opening, t + c + 1));
            input.add(message(id, c, 2, "agent", "Let me look into that for you.", t + c + 2));
            input.add(message(id, c, 3, "customer", second, t + c + 3));
            input.add(message(id, c, 4, "customer", third, t + c + 4));
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

    private static final String PREFIX = "flink_taskmanager_job_task_operator_switchboard_";

    /**
     * The metrics once the tier's {@code done} counter and its fallbacks add up to {@code atLeast}
     * (they are reported every few hundred milliseconds), or after 30 s: the assertions then say
     * what is missing.
     */
    private static String scrapeUntil(String done, int atLeast) throws Exception {
        String metrics = PROMETHEUS.scrape();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sum(metrics, PREFIX + done) + fallbacks(metrics) < atLeast
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            metrics = PROMETHEUS.scrape();
        }
        return metrics;
    }

    /** The messages the tier was asked for and did not read, by every cause. */
    private static double fallbacks(String metrics) {
        return sum(metrics, PREFIX + "meaningFallbackRate")
                + sum(metrics, PREFIX + "meaningFallbackSaturated")
                + sum(metrics, PREFIX + "meaningFallbackLate")
                + sum(metrics, PREFIX + "meaningFallbackFailed");
    }

    private static double sum(String metrics, String name) {
        return PrometheusMetrics.sum(metrics, name, "");
    }
}
