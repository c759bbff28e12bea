package dev.switchboard.pipeline.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.operators.kafka.JsonRecordSerializer;
import dev.switchboard.operators.kafka.OutputJson;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.DeadLetter;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.Insight;
import dev.switchboard.operators.records.RawRecord;
import dev.switchboard.operators.records.ScoredMessage;
import dev.switchboard.pipeline.FlinkSettings;
import dev.switchboard.pipeline.Workflow;
import dev.switchboard.pipeline.config.SwitchboardConfig;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the real topology over recorded conversations (a JSONL file of contract records) on a local
 * MiniCluster, writes every escalation decision, and measures what supervisors would have seen:
 * decisions per level, lead time from a customer's first negative message to the alert, flaps, and,
 * where {@code conversation.ended} records carry an {@code outcome} ({@code escalated} or {@code
 * satisfied}), the precision and recall of {@code escalate}.
 *
 * <p>Event time only: the heartbeat is off, so the same file gives the same decisions every run.
 */
public final class Backtest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Backtest() {}

    private static final int PROGRESS_EVERY_SECONDS = 5;

    /**
     * Runs the job over {@code input}, writes its escalation decisions to {@code output} (the
     * shadow policies' to {@code shadowOutput} and the insights to {@code insightsOutput}, each
     * when not null) and returns what it found.
     */
    public static BacktestSummary run(
            Path input,
            SwitchboardConfig config,
            Path output,
            Path shadowOutput,
            Path insightsOutput,
            PrintWriter progress)
            throws Exception {
        List<RecordedLine> lines = new ArrayList<>();
        Map<String, String> outcomes = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String line;
            long lastTs = Long.MIN_VALUE;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                RecordedLine r = RecordedLine.of(line, lastTs, outcomes);
                lastTs = r.ts();
                lines.add(r);
                if (lines.size() % 100_000 == 0) {
                    progress.printf("read %,d records%n", lines.size());
                }
            }
        }
        // Replayed in event-time order, as they would have arrived live: an export grouped by
        // conversation would otherwise hold records behind the watermark, and whether a long-wait
        // timer fires before such a record is read would depend on the machine's timing.
        lines.sort(Comparator.comparingLong(RecordedLine::ts));
        List<RawRecord> raw = new ArrayList<>(lines.size());
        List<String> keys = new ArrayList<>(lines.size());
        for (RecordedLine r : lines) {
            raw.add(
                    new RawRecord(
                            input.getFileName().toString(),
                            0,
                            raw.size(),
                            r.text().getBytes(StandardCharsets.UTF_8)));
            keys.add(r.key());
        }
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("--input: " + input + " holds no records");
        }
        progress.printf("read %,d records; running the job ...%n", raw.size());
        progress.flush();

        Configuration conf = FlinkSettings.forLocalRun(config);
        // A backtest keeps no savepoints, and its local collecting sinks carry no uids; a failure
        // should end it with the error rather than restart it.
        conf.setString("pipeline.auto-generate-uids", "true");
        conf.setString("restart-strategy.type", "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LocalQueueSink<ScoredMessage> scores = new LocalQueueSink<>();
        LocalQueueSink<EscalationDecision> decisions = new LocalQueueSink<>();
        LocalQueueSink<ConversationSummary> summaries = new LocalQueueSink<>();
        LocalQueueSink<DeadLetter> deadLetters = new LocalQueueSink<>();
        DataStream<RawRecord> recorded = env.fromData(raw);
        LocalQueueSink<EscalationDecision> shadowDecisions = new LocalQueueSink<>();
        LocalQueueSink<Insight> insights = new LocalQueueSink<>();
        Workflow.define(
                new Workflow.Inputs(
                        // Partitioned by conversation, as Kafka partitions are, so each stays in
                        // order.
                        recorded.partitionCustom(
                                (key, n) -> Math.floorMod(key.hashCode(), n),
                                r -> keys.get((int) r.offset)),
                        // No control commands or policy changes in a backtest: inputs that never
                        // emit and end with the file; policies come from the configuration.
                        recorded.filter(r -> false),
                        recorded.filter(r -> false)),
                config,
                new Workflow.Outputs(
                        s -> s.sinkTo(scores),
                        s -> s.sinkTo(decisions),
                        s -> s.sinkTo(shadowDecisions),
                        s -> s.sinkTo(summaries),
                        s -> s.sinkTo(deadLetters),
                        s -> s.sinkTo(new LocalQueueSink<>()),
                        s -> s.sinkTo(new LocalQueueSink<>()),
                        s -> s.sinkTo(insights)));
        long start = System.nanoTime();
        JobExecutionResult result = execute(env, raw.size(), progress);
        progress.printf("job finished in %.1f s%n", (System.nanoTime() - start) / 1e9);

        List<EscalationDecision> all = decisions.drain();
        write(all, output);
        List<EscalationDecision> shadow = shadowDecisions.drain();
        if (shadowOutput != null) {
            write(shadow, shadowOutput);
        } else if (!shadow.isEmpty()) {
            progress.printf(
                    "%,d shadow-policy decisions not written (no --shadow-output)%n",
                    shadow.size());
        }
        Map<String, Integer> deadLetterReasons = new java.util.TreeMap<>();
        for (DeadLetter d : deadLetters.drain()) {
            deadLetterReasons.merge(d.reason.name(), 1, Integer::sum);
        }
        if (!deadLetterReasons.isEmpty()) {
            progress.printf(
                    "dead letters by reason: %s (the input breaks the contract: docs/contract.md)%n",
                    deadLetterReasons);
        }
        List<Insight> found = insights.drain();
        found.sort(Comparator.comparingLong((Insight i) -> i.ts).thenComparing(i -> i.id));
        if (insightsOutput != null) {
            try (BufferedWriter out =
                    Files.newBufferedWriter(insightsOutput, StandardCharsets.UTF_8)) {
                for (Insight i : found) {
                    out.write(JsonRecordSerializer.toJsonString(i, OutputJson::insight));
                    out.newLine();
                }
            }
        }
        return BacktestSummary.of(result, scores.drain(), all, summaries.drain(), outcomes, found);
    }

    /** Runs the job, printing how far it is every few seconds (read from its record counts). */
    private static JobExecutionResult execute(
            StreamExecutionEnvironment env, int records, PrintWriter progress) throws Exception {
        org.apache.flink.core.execution.JobClient job = env.executeAsync("switchboard-backtest");
        var done = job.getJobExecutionResult();
        while (true) {
            try {
                return done.get(PROGRESS_EVERY_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                Object in = job.getAccumulators().get().get(RecordCount.IN);
                if (in instanceof Long n) {
                    progress.printf(
                            "  %,d of %,d records in (%.0f%%)%n", n, records, 100.0 * n / records);
                    progress.flush();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    private static void write(List<EscalationDecision> decisions, Path file)
            throws java.io.IOException {
        decisions.sort(
                Comparator.comparingLong((EscalationDecision d) -> d.ts)
                        .thenComparing(d -> d.tenant)
                        .thenComparing(d -> d.conversationId)
                        .thenComparing(d -> d.level));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (EscalationDecision d : decisions) {
                out.write(JsonRecordSerializer.toJsonString(d, OutputJson::escalation));
                out.newLine();
            }
        }
    }

    /**
     * One line of the input, its conversation key and its event time. A line without a readable
     * time keeps the time of the line before it, so sorting leaves it where it was; the job then
     * dead-letters it as it would live.
     */
    private record RecordedLine(String text, String key, long ts) {
        static RecordedLine of(String line, long previousTs, Map<String, String> outcomes) {
            try {
                JsonNode j = JSON.readTree(line);
                String key = j.path("tenant").asText() + "/" + j.path("conversationId").asText();
                if ("conversation.ended".equals(j.path("type").asText())
                        && j.hasNonNull("outcome")) {
                    outcomes.put(key, j.get("outcome").asText());
                }
                return new RecordedLine(line, key, eventTime(j.path("ts"), previousTs));
            } catch (IOException notJson) {
                return new RecordedLine(line, "", previousTs);
            }
        }

        private static long eventTime(JsonNode ts, long otherwise) {
            if (ts.canConvertToLong()) {
                return ts.asLong();
            }
            if (ts.isTextual()) {
                try {
                    return java.time.Instant.parse(ts.asText()).toEpochMilli();
                } catch (java.time.format.DateTimeParseException notATime) {
                    return otherwise;
                }
            }
            return otherwise;
        }
    }
}
