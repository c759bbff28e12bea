package dev.switchboard.pipeline.backtest;

import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.accounting.RecordCount;
import dev.switchboard.operators.records.ConversationSummary;
import dev.switchboard.operators.records.EscalationDecision;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.Insight;
import dev.switchboard.operators.records.ScoredMessage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * What a backtest found: records in, scored and dead-lettered; decisions per level; the lead time
 * from a customer's first negative message to the alert; flaps; and, over the conversations whose
 * {@code conversation.ended} record carries an outcome, the precision and recall of {@code alert}
 * and {@code escalate} and what the conversations of each outcome reached; the insights (complaint
 * surges, agents under strain) the run published; and, from the conversations' summaries, how many
 * customer messages the meaning tier's second opinion re-scored.
 */
public record BacktestSummary(
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
        Map<String, OutcomeShares> byOutcome,
        List<Insight> insights,
        int customerMessages,
        int customerSecondOpinions) {
    /** A recovery followed by a new decision within this much event time counts as a flap. */
    public static final long FLAP_WINDOW_MS = 10 * 60_000;

    /**
     * Outcome labels of conversations that should have reached a supervisor: MELD's {@code
     * escalated} and USS's {@code dissatisfied}; precision and recall are computed against them.
     */
    static final java.util.Set<String> ESCALATION_OUTCOMES =
            java.util.Set.of("escalated", "dissatisfied");

    /**
     * What the conversations of one outcome label reached: how many reached {@code watch} or
     * higher, {@code alert} or higher and {@code escalate} at any point, and their flaps.
     */
    public record OutcomeShares(int conversations, int watch, int alert, int escalate, int flaps) {
        public double share(int count) {
            return conversations == 0 ? Double.NaN : (double) count / conversations;
        }
    }

    /** The figures of a finished run, from its record counts and what its sinks collected. */
    static BacktestSummary of(
            JobExecutionResult result,
            List<ScoredMessage> scores,
            List<EscalationDecision> decisions,
            List<ConversationSummary> summaries,
            Map<String, String> outcomes,
            List<Insight> insights) {
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
        return new BacktestSummary(
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
                byOutcome(outcomes, byConversation, flapsByConversation),
                List.copyOf(insights),
                summaries.stream().mapToInt(s -> s.customerMessages).sum(),
                summaries.stream().mapToInt(s -> s.customerSecondOpinions).sum());
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

    /** The summary as the backtest command prints it. */
    public void print(PrintWriter out) {
        out.printf(
                "records %,d   scored %,d   dead letters %,d   conversations %,d%n",
                records(), scored(), deadLetters(), conversations());
        out.print("decisions:");
        for (EscalationLevel level : EscalationLevel.values()) {
            if (level != EscalationLevel.NONE) {
                out.printf(
                        "  %s %d",
                        level.name().toLowerCase(java.util.Locale.ROOT),
                        decisionsByLevel().getOrDefault(level, 0));
            }
        }
        out.println();
        out.println(
                medianLeadTimeSeconds() == null
                        ? "lead time from first negative message to alert: no alert followed a negative message"
                        : String.format(
                                java.util.Locale.ROOT,
                                "median lead time from first negative message to alert: %.1f s (%d conversations)",
                                medianLeadTimeSeconds(),
                                conversationsWithLeadTime()));
        out.printf(
                "flaps (a new decision within %d min of a recovery): %d%n",
                FLAP_WINDOW_MS / 60_000, flaps());
        if (customerSecondOpinions() > 0) {
            out.printf(
                    java.util.Locale.ROOT,
                    "second opinion: %,d of %,d customer messages re-scored (%.1f%%)%n",
                    customerSecondOpinions(),
                    customerMessages(),
                    100.0 * customerSecondOpinions() / customerMessages());
        }
        if (labelledConversations() > 0) {
            out.printf(
                    java.util.Locale.ROOT,
                    "labelled conversations %d   escalate precision %s   recall %s   (alert or above: precision %s   recall %s)%n",
                    labelledConversations(),
                    figure(escalatePrecision()),
                    figure(escalateRecall()),
                    figure(alertPrecision()),
                    figure(alertRecall()));
            out.printf(
                    "%-14s %13s %13s %13s %13s %6s%n",
                    "outcome", "conversations", "watch+", "alert+", "escalate", "flaps");
            byOutcome()
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
        printInsights(out);
        out.flush();
    }

    /** How many surges and strained agents opened, then every insight record, in event time. */
    private void printInsights(PrintWriter out) {
        long surges = opened(Insight.Kind.COMPLAINT_SURGE);
        long strained = opened(Insight.Kind.AGENT_STRAIN);
        out.printf(
                "insights: %d complaint surges opened, %d agents under strain (%d records)%n",
                surges, strained, insights().size());
        for (Insight i : insights().subList(0, Math.min(insights().size(), MAX_INSIGHT_LINES))) {
            out.println("  " + describe(i));
        }
        if (insights().size() > MAX_INSIGHT_LINES) {
            out.printf(
                    "  ... %d more (--insights-output writes them all)%n",
                    insights().size() - MAX_INSIGHT_LINES);
        }
    }

    private long opened(Insight.Kind kind) {
        return insights().stream()
                .filter(i -> i.kind == kind && i.phase == Insight.Phase.OPENED)
                .count();
    }

    static final int MAX_INSIGHT_LINES = 40;

    /** One insight as a line a person can read beside the decisions. */
    static String describe(Insight i) {
        String when = java.time.Instant.ofEpochMilli(i.ts).toString();
        String phase = i.phase.name().toLowerCase(java.util.Locale.ROOT);
        return i.kind == Insight.Kind.COMPLAINT_SURGE
                ? String.format(
                        java.util.Locale.ROOT,
                        "%s  surge   %-8s %s/%s: %d complaints in %d min, %.1f expected (x%.1f)",
                        when,
                        phase,
                        i.tenant,
                        i.topic,
                        i.count,
                        (i.windowEnd - i.windowStart) / 60_000,
                        i.expected,
                        i.factor)
                : String.format(
                        java.util.Locale.ROOT,
                        "%s  strain  %-8s %s/%s: %s %s",
                        when,
                        phase,
                        i.tenant,
                        i.agentId,
                        i.level.name().toLowerCase(java.util.Locale.ROOT),
                        i.reasons);
    }
}
