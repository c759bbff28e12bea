package dev.switchboard.pipeline.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.pipeline.config.JobOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backtest over recorded conversations with known outcomes, on a local MiniCluster. */
class BacktestTest {
    @TempDir Path tmp;

    /**
     * Angry customers (ending "escalated") and calm ones ("satisfied"), a message every 30 s, each
     * conversation ending 150 s after it starts: before the default long wait (3 min) without an
     * agent's reply, which would rightly watch a calm customer too, and whose timer would then race
     * the end record (which of them comes first depends on when the watermark is emitted).
     */
    private static List<String> conversations(int count) {
        String[] angry = {
            "This is ridiculous, nobody has helped me for two hours!!",
            "Worst service ever, I am furious.",
            "Unacceptable. Terrible, terrible service."
        };
        String[] calm = {
            "Thanks, that fixed it. Great help!",
            "Perfect, thank you so much!",
            "Thanks, you have been very helpful."
        };
        List<String> lines = new ArrayList<>();
        long t = 1_795_000_000_000L;
        for (int c = 0; c < count; c++) {
            boolean isAngry = c % 2 == 0;
            String head =
                    "\"v\":1,\"tenant\":\"bt\",\"conversationId\":\"c"
                            + c
                            + "\",\"customerId\":\"k"
                            + c
                            + "\",\"channel\":\"chat\"";
            for (int m = 0; m < 4; m++) {
                lines.add(
                        "{"
                                + head
                                + ",\"type\":\"message\",\"messageId\":\"m"
                                + m
                                + "\",\"role\":\"customer\",\"text\":\""
                                + (isAngry ? angry : calm)[m % 3]
                                + "\",\"ts\":"
                                + (t + c * 1_000 + m * 30_000)
                                + "}");
            }
            lines.add(
                    "{"
                            + head
                            + ",\"type\":\"conversation.ended\",\"ts\":"
                            + (t + c * 1_000 + 150_000)
                            + ",\"outcome\":\""
                            + (isAngry ? "escalated" : "satisfied")
                            + "\"}");
        }
        return lines;
    }

    @Test
    void measuresDecisionsLeadTimeFlapsAndPrecisionOnLabelledConversations() throws Exception {
        Path input = tmp.resolve("conversations.jsonl");
        Files.write(input, conversations(20), StandardCharsets.UTF_8);
        JobOptions options = JobOptions.defaults();
        options.runtime.checkpointDir = tmp.resolve("cp").toUri().toString();
        options.eventTime.heartbeatAfter = Duration.ZERO;
        Path output = tmp.resolve("decisions.jsonl");
        StringWriter progress = new StringWriter();

        BacktestSummary s =
                Backtest.run(
                        input, options.toConfig(), output, null, null, new PrintWriter(progress));

        assertEquals(100, s.records());
        assertEquals(80, s.scored());
        assertEquals(20, s.conversations());
        int decisions = s.decisionsByLevel().values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(decisions, Files.readAllLines(output).size(), "every decision written");
        assertEquals(
                10,
                s.decisionsByLevel().getOrDefault(EscalationLevel.ESCALATE, 0),
                "each angry conversation escalates once");
        assertEquals(0, s.flaps());
        assertEquals(20, s.labelledConversations());
        assertEquals(1.0, s.escalatePrecision());
        assertEquals(1.0, s.escalateRecall());
        BacktestSummary.OutcomeShares escalated = s.byOutcome().get("escalated");
        assertEquals(10, escalated.conversations());
        assertEquals(
                List.of(10, 10, 10, 0),
                List.of(
                        escalated.watch(),
                        escalated.alert(),
                        escalated.escalate(),
                        escalated.flaps()),
                "an escalated conversation counts as having reached watch and alert too");
        BacktestSummary.OutcomeShares satisfied = s.byOutcome().get("satisfied");
        assertEquals(
                List.of(10, 0, 0, 0),
                List.of(
                        satisfied.conversations(),
                        satisfied.watch(),
                        satisfied.alert(),
                        satisfied.escalate()));
        StringWriter printed = new StringWriter();
        s.print(new PrintWriter(printed));
        assertTrue(
                printed.toString().contains("satisfied                 10      0   0.0%"),
                printed.toString());
        assertNotNull(s.medianLeadTimeSeconds());
        assertTrue(
                s.medianLeadTimeSeconds() <= 30.0, "alerted by the second message at the latest");
        assertTrue(progress.toString().contains("job finished"));

        // The same file gives the same decisions.
        Path again = tmp.resolve("again.jsonl");
        Backtest.run(
                input, options.toConfig(), again, null, null, new PrintWriter(new StringWriter()));
        assertEquals(
                withoutDecidedAt(Files.readAllLines(output)),
                withoutDecidedAt(Files.readAllLines(again)));
    }

    @Test
    void theDefaultPolicysCooldownCoversTheFlapWindow() {
        assertTrue(
                dev.switchboard.operators.escalation.EscalationPolicy.defaults().cooldownMs
                        >= BacktestSummary.FLAP_WINDOW_MS,
                "sentiment alone must not start an episode that the backtest counts as a flap");
    }

    private static List<String> withoutDecidedAt(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll("\"decidedAt\":\"[^\"]*\"", "")).toList();
    }
}
