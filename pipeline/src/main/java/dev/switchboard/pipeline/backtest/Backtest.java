package dev.switchboard.pipeline.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.operators.kafka.JsonRecordSerializer;
import dev.switchboard.operators.kafka.OutputJson;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.DeadLetter;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
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
import java.util.EnumMap;
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
    /** A recovery followed by a new decision within this much event time counts as a flap. */
    public static final long FLAP_WINDOW_MS = 10 * 60_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Outcome labels of conversations that should have reached a supervisor: MELD's {@code
     * escalated} and USS's {@code dissatisfied}; precision and recall are computed against them.
     */
    static final java.util.Set<String> ESCALATION_OUTCOMES =
            java.util.Set.of("escalated", "dissatisfied");

    private Backtest() {}

    /** What the backtest found. */
    public record Summary(
            long records,
            long scored,
            long deadLetters,
            int conversations,
            Map<EscalationLevel, Integer> decisionsByLevel,
            Double medianLeadTimeSeconds,
            int conversationsWithLeadTime,
            int flaps,
            int labelledConversations,
            Double escalatePrecision,
            Double escalateRecall,
            Double alertPrecision,
            Double alertRecall,
            Map<String, OutcomeShares> byOutcome) {}

    /**
     * What the conversations of one outcome label reached: how many reached {@code watch} or
     * higher, {@code alert} or higher and {@code escalate} at any point, and their flaps.
     */
    public record OutcomeShares(int conversations, int watch, int alert, int escalate, int flaps) {
        public double share(int count) {
            return conversations == 0 ? Double.NaN : (double) count / conversations;
        }
    }

    /**
     * @param shadowOutput where the decisions of tenants' shadow policies go, or null
     */
    private static final int PROGRESS_EVERY_SECONDS = 5;

    public static Summary run(
            Path input,
            SwitchboardConfig config,
            Path output,
            Path shadowOutput,
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
                    progress.printf("read %,d records%\n", lines.size());
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

        Configuration conf = FlinkSettings.forJob(config);
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
                        s -> s.sinkTo(new LocalQueueSink<>())));
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
        return summarise(result, scores.drain(), all, summaries.drain(), outcomes);
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

    /** The record's conversation key (for partitioning), noting a labelled outcome on the way. */
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

    static Summary summarise(
            JobExecutionResult result,
            List<ScoredMessage> scores,
            List<EscalationDecision> decisions,
            List<ConversationSummary> summaries,
            Map<String, String> outcomes) {
        Map<EscalationLevel, Integer> byLevel = new EnumMap<>(EscalationLevel.class);
        Map<String, List<EscalationDecision>> byConversation = new HashMap<>();
        for (EscalationDecision d : decisions) {
            byLevel.merge(d.level, 1, Integer::sum);
            byConversation
                    .computeIfAbsent(d.tenant + "/" + d.conversationId, k -> new ArrayList<>())
                    .add(d);
        }
        Map<String, Long> firstNegative = new HashMap<>();
        for (ScoredMessage m : scores) {
            if (m.role == SpeakerRole.CUSTOMER && m.sentiment.label == SentimentLabel.NEGATIVE) {
                firstNegative.merge(m.conversationKey(), m.ts, Math::min);
            }
        }
        List<Long> leadTimes = new ArrayList<>();
        int flaps = 0;
        Map<String, Integer> flapsByConversation = new HashMap<>();
        for (Map.Entry<String, List<EscalationDecision>> e : byConversation.entrySet()) {
            Long negative = firstNegative.get(e.getKey());
            e.getValue().stream()
                    .filter(
                            d ->
                                    d.level == EscalationLevel.ALERT
                                            || d.level == EscalationLevel.ESCALATE)
                    .mapToLong(d -> d.ts)
                    .min()
                    .ifPresent(
                            alertTs -> {
                                if (negative != null && negative <= alertTs) {
                                    leadTimes.add(alertTs - negative);
                                }
                            });
            long recoveredAt = Long.MIN_VALUE;
            for (EscalationDecision d : e.getValue()) {
                if (d.level == EscalationLevel.RECOVERED) {
                    recoveredAt = d.ts;
                } else if (recoveredAt != Long.MIN_VALUE && d.ts - recoveredAt < FLAP_WINDOW_MS) {
                    flaps++;
                    flapsByConversation.merge(e.getKey(), 1, Integer::sum);
                    recoveredAt = Long.MIN_VALUE;
                }
            }
        }
        leadTimes.sort(null);
        Double median = leadTimes.isEmpty() ? null : leadTimes.get(leadTimes.size() / 2) / 1000.0;

        double[] escalate = precisionRecall(outcomes, byConversation, EscalationLevel.ESCALATE);
        double[] alert = precisionRecall(outcomes, byConversation, EscalationLevel.ALERT);
        Long in = result.getAccumulatorResult(RecordCount.IN);
        Long scored = result.getAccumulatorResult(RecordCount.SCORED);
        Long dead = result.getAccumulatorResult(RecordCount.DEAD_LETTERS);
        return new Summary(
                in == null ? 0 : in,
                scored == null ? 0 : scored,
                dead == null ? 0 : dead,
                summaries.size(),
                byLevel,
                median,
                leadTimes.size(),
                flaps,
                outcomes.size(),
                nanToNull(escalate[0]),
                nanToNull(escalate[1]),
                nanToNull(alert[0]),
                nanToNull(alert[1]),
                byOutcome(outcomes, byConversation, flapsByConversation));
    }

    private static Map<String, OutcomeShares> byOutcome(
            Map<String, String> outcomes,
            Map<String, List<EscalationDecision>> byConversation,
            Map<String, Integer> flaps) {
        Map<String, int[]> counts = new java.util.TreeMap<>();
        for (Map.Entry<String, String> o : outcomes.entrySet()) {
            int highest =
                    byConversation.getOrDefault(o.getKey(), List.of()).stream()
                            .filter(d -> d.level != EscalationLevel.RECOVERED)
                            .mapToInt(d -> d.level.ordinal())
                            .max()
                            .orElse(EscalationLevel.NONE.ordinal());
            int[] c = counts.computeIfAbsent(o.getValue(), k -> new int[5]);
            c[0]++;
            c[1] += highest >= EscalationLevel.WATCH.ordinal() ? 1 : 0;
            c[2] += highest >= EscalationLevel.ALERT.ordinal() ? 1 : 0;
            c[3] += highest >= EscalationLevel.ESCALATE.ordinal() ? 1 : 0;
            c[4] += flaps.getOrDefault(o.getKey(), 0);
        }
        Map<String, OutcomeShares> shares = new java.util.LinkedHashMap<>();
        counts.forEach(
                (outcome, c) ->
                        shares.put(outcome, new OutcomeShares(c[0], c[1], c[2], c[3], c[4])));
        return shares;
    }

    /**
     * Precision and recall, over the labelled conversations, of "reached {@code atLeast} or higher"
     * as a prediction of an {@link #ESCALATION_OUTCOMES escalation outcome}; NaN where undefined.
     */
    private static double[] precisionRecall(
            Map<String, String> outcomes,
            Map<String, List<EscalationDecision>> byConversation,
            EscalationLevel atLeast) {
        int truePositives = 0;
        int predicted = 0;
        int actual = 0;
        for (Map.Entry<String, String> o : outcomes.entrySet()) {
            boolean reached =
                    byConversation.getOrDefault(o.getKey(), List.of()).stream()
                            .anyMatch(
                                    d ->
                                            d.level != EscalationLevel.RECOVERED
                                                    && d.level.ordinal() >= atLeast.ordinal());
            boolean shouldHave = ESCALATION_OUTCOMES.contains(o.getValue());
            predicted += reached ? 1 : 0;
            actual += shouldHave ? 1 : 0;
            truePositives += reached && shouldHave ? 1 : 0;
        }
        return new double[] {
            predicted == 0 ? Double.NaN : (double) truePositives / predicted,
            actual == 0 ? Double.NaN : (double) truePositives / actual
        };
    }

    private static Double nanToNull(double x) {
        return Double.isNaN(x) ? null : x;
    }

    private static String figure(Double x) {
        return x == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.3f", x);
    }

    public static void print(Summary s, PrintWriter out) {
        out.printf(
                "records %,d   scored %,d   dead letters %,d   conversations %,d%n",
                s.records(), s.scored(), s.deadLetters(), s.conversations());
        out.print("decisions:");
        for (EscalationLevel level : EscalationLevel.values()) {
            if (level != EscalationLevel.NONE) {
                out.printf(
                        "  %s %d",
                        level.name().toLowerCase(java.util.Locale.ROOT),
                        s.decisionsByLevel().getOrDefault(level, 0));
            }
        }
        out.println();
        out.println(
                s.medianLeadTimeSeconds() == null
                        ? "lead time from first negative message to alert: no alert followed a negative message"
                        : String.format(
                                java.util.Locale.ROOT,
                                "median lead time from first negative message to alert: %.1f s (%d conversations)",
                                s.medianLeadTimeSeconds(),
                                s.conversationsWithLeadTime()));
        out.printf(
                "flaps (a new decision within %d min of a recovery): %d%n",
                FLAP_WINDOW_MS / 60_000, s.flaps());
        if (s.labelledConversations() > 0) {
            out.printf(
                    java.util.Locale.ROOT,
                    "labelled conversations %d   escalate precision %s   recall %s   (alert or above: precision %s   recall %s)%n",
                    s.labelledConversations(),
                    figure(s.escalatePrecision()),
                    figure(s.escalateRecall()),
                    figure(s.alertPrecision()),
                    figure(s.alertRecall()));
            out.printf(
                    "%-14s %13s %13s %13s %13s %6s%n",
                    "outcome", "conversations", "watch+", "alert+", "escalate", "flaps");
            s.byOutcome()
                    .forEach(
                            (outcome, o) ->
                                    out.printf(
                                            java.util.Locale.ROOT,
                                            "%-14s %13d %6d %5.1f%% %6d %5.1f%% %6d %5.1f%% %6d%n",
                                            outcome,
                                            o.conversations(),
                                            o.watch(),
                                            100 * o.share(o.watch()),
                                            o.alert(),
                                            100 * o.share(o.alert()),
                                            o.escalate(),
                                            100 * o.share(o.escalate()),
                                            o.flaps()));
        }
        out.flush();
    }
}
