package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.board.Await;
import dev.switchboard.board.BoardClient;
import dev.switchboard.board.BoardFixture;
import dev.switchboard.board.BoardSettings;
import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.board.OutputRecords;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker goes away in the middle of the stream and comes back. The job recovers by itself
 * (its restart strategy backs off instead of failing for good), loses nothing, and runs on; the
 * board says the brokers are unreachable while they are, and "live" again after.
 */
class BrokerOutageTest {
    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();
    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.miniCluster();

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir Path tmp;

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, what, WAIT);
    }

    private static String health(BoardClient client) {
        try {
            return client.get("/healthz").body();
        } catch (Exception e) {
            return "";
        }
    }

    private static Set<String> scored(List<JsonNode> scores) {
        return scores.stream()
                .map(j -> OutputRecords.conversationKey(j) + "/" + j.path("messageId").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theJobAndTheBoardRideOutABrokerOutageAndLoseNothing() throws Exception {
        SwitchboardConfig config =
                TestClusters.onKafka(KAFKA, tmp, DeliveryMode.AT_LEAST_ONCE, "outage-", 2);
        TestConversations input = TestConversations.generate(30, 6, 41);
        int half = input.records.size() / 2;
        BoardFixture board =
                new BoardFixture(KAFKA, "outage-board-", BoardSettings.Limits.DEFAULTS);
        JobClient job = TestClusters.startJob(config, "broker-outage", 0);
        try {
            BoardClient watcher = new BoardClient(board);
            await(
                    () -> health(watcher).contains("\"feed\":\"live\""),
                    "the board's feed to be live");
            List<String> page = new BoardClient(board).signedIn("ana").stream();
            KAFKA.produce(config.kafka().topics().messages(), input.records.subList(0, half));
            KAFKA.readUntil(config.kafka().topics().scores(), false, r -> r.size() >= 1, WAIT);

            KAFKA.stopBroker();
            await(
                    () -> health(watcher).contains("\"feed\":\"reconnecting\""),
                    "the board to say Kafka is unreachable");
            assertEquals(503, watcher.get("/healthz").statusCode());
            await(
                    () -> page.stream().anyMatch(l -> l.contains("\"feed\":\"reconnecting\"")),
                    "the open page to be told");
            KAFKA.startBroker();

            KAFKA.produce(
                    config.kafka().topics().messages(),
                    input.records.subList(half, input.records.size()));
            List<JsonNode> scores =
                    OutputRecords.json(
                            KAFKA.readUntil(
                                    config.kafka().topics().scores(),
                                    false,
                                    r ->
                                            scored(OutputRecords.json(r)).size()
                                                    >= input.finalMessages.size(),
                                    WAIT));
            assertEquals(
                    input.finalMessages, scored(scores), "every message scored across the outage");
            await(
                    () -> health(watcher).contains("\"feed\":\"live\""),
                    "the board to be live again");
            assertEquals(200, watcher.get("/healthz").statusCode());
            assertEquals(
                    JobStatus.RUNNING, job.getJobStatus().get(), "recovered, not failed for good");
        } finally {
            TestClusters.cancelAndWait(job);
            board.close();
        }
    }
}
