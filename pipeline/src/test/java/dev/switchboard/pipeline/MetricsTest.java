package dev.switchboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.board.KafkaTestBroker;
import dev.switchboard.pipeline.config.DeliveryMode;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's metrics reach Prometheus: the real job on Kafka, on a MiniCluster with Flink's
 * Prometheus reporter, scraped over HTTP while it runs; every metric docs/operations.md names is
 * there, with a value where the input must have moved it, and so is every metric the Grafana
 * dashboard in docker/ queries.
 */
class MetricsTest {
    private static final PrometheusMetrics PROMETHEUS = new PrometheusMetrics();

    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    @RegisterExtension static final MiniClusterExtension CLUSTER = PROMETHEUS.miniCluster();

    @TempDir Path tmp;

    private static String scrape() throws Exception {
        return PROMETHEUS.scrape();
    }

    private static double sum(String metrics, String name, String labels) {
        return PrometheusMetrics.sum(metrics, name, labels);
    }

    @Test
    void switchboardsMetricsAreScrapedWhileTheJobRuns() throws Exception {
        SwitchboardConfig config =
                TestClusters.onKafka(KAFKA, tmp, DeliveryMode.AT_LEAST_ONCE, "metrics-", 2);
        JobClient job = TestClusters.startJob(config, "metrics-test", 0);
        try {
            TestConversations input = TestConversations.generate(20, 8, 5);
            KAFKA.produce(config.kafka().topics().messages(), input.records);
            KAFKA.readUntil(
                    config.kafka().topics().scores(),
                    false,
                    r -> r.size() >= input.finalMessages.size(),
                    Duration.ofSeconds(60));
            String prefix = "flink_taskmanager_job_task_operator_switchboard_";
            List<String> wanted =
                    List.of(
                            prefix + "recordsIn",
                            prefix + "messagesScored",
                            prefix + "deadLetters",
                            prefix + "reason_deadLetters",
                            prefix + "mode_level_decisions",
                            prefix + "modelScoringMicros",
                            prefix + "eventToScoreMillis");
            String metrics = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                metrics = scrape();
                String m = metrics;
                if (wanted.stream().allMatch(m::contains)
                        && sum(m, prefix + "recordsIn", "") >= input.records.size()) {
                    break;
                }
                Thread.sleep(200);
            }
            String names =
                    metrics.lines()
                            .filter(l -> l.contains("switchboard") && !l.startsWith("#"))
                            .map(l -> l.replaceAll("\\{.*", ""))
                            .distinct()
                            .sorted()
                            .toList()
                            .toString();
            for (String name : wanted) {
                assertTrue(
                        metrics.contains(name),
                        name + " is not among the scraped metrics: " + names);
            }
            assertTrue(
                    sum(metrics, prefix + "recordsIn", "") >= input.records.size(),
                    "recordsIn counts the input");
            assertTrue(
                    sum(metrics, prefix + "reason_deadLetters", "reason=\"INVALID_JSON\"") >= 2,
                    "dead letters by reason");
            assertTrue(
                    sum(metrics, prefix + "mode_level_decisions", "level=\"ESCALATE\"") >= 1,
                    "decisions by level");
            assertTrue(
                    metrics.contains("rocksdb_estimate_num_keys"),
                    "RocksDB's key estimate (open conversations)");

            // The Grafana dashboard shipped in docker/ asks for metrics that exist.
            String dashboard =
                    java.nio.file.Files.readString(
                            Path.of("..", "docker", "grafana", "switchboard-dashboard.json"));
            Matcher queried = Pattern.compile("flink_[A-Za-z0-9_]+").matcher(dashboard);
            int checked = 0;
            while (queried.find()) {
                assertTrue(
                        metrics.contains(queried.group() + "{"),
                        "the dashboard's " + queried.group() + " is not scraped");
                checked++;
            }
            assertTrue(checked >= 7, "the dashboard's queries were read");
        } finally {
            TestClusters.cancelAndWait(job);
        }
    }
}
