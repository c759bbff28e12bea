package dev.switchboard.operators.accounting;

import dev.switchboard.operators.records.DeadLetterReason;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.Insight;
import java.util.EnumMap;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Switchboard's own metrics beside the {@link RecordCount}s, all in the group {@code switchboard}
 * of the operator that owns them. A Prometheus reporter names them {@code
 * flink_taskmanager_job_task_operator_switchboard_<name>}, with the keys of labelled groups in the
 * name too ({@code ..._switchboard_reason_deadLetters{reason="INVALID_JSON"}}); the list is in
 * docs/operations.md.
 */
public final class SwitchboardMetrics {
    /** Histogram window: the last this many values make the percentiles. */
    private static final int WINDOW = 10_000;

    private SwitchboardMetrics() {}

    private static MetricGroup group(RuntimeContext context) {
        return context.getMetricGroup().addGroup("switchboard");
    }

    /** {@code reason_deadLetters{reason="INVALID_JSON"}}, one counter per reason. */
    public static EnumMap<DeadLetterReason, Counter> deadLettersByReason(RuntimeContext context) {
        EnumMap<DeadLetterReason, Counter> counters = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            counters.put(
                    reason,
                    group(context).addGroup("reason", reason.name()).counter("deadLetters"));
        }
        return counters;
    }

    /** {@code mode_level_decisions{mode="live",level="ALERT"}}, one counter per level and mode. */
    public static EnumMap<EscalationLevel, Counter> decisionsByLevel(
            RuntimeContext context, String mode) {
        EnumMap<EscalationLevel, Counter> counters = new EnumMap<>(EscalationLevel.class);
        for (EscalationLevel level : EscalationLevel.values()) {
            if (level != EscalationLevel.NONE) {
                counters.put(
                        level,
                        group(context)
                                .addGroup("mode", mode)
                                .addGroup("level", level.name())
                                .counter("decisions"));
            }
        }
        return counters;
    }

    /** {@code phase_insights{phase="OPENED"}}, one counter per phase, of one insight kind. */
    public static EnumMap<Insight.Phase, Counter> insightsByPhase(RuntimeContext context) {
        EnumMap<Insight.Phase, Counter> counters = new EnumMap<>(Insight.Phase.class);
        for (Insight.Phase phase : Insight.Phase.values()) {
            counters.put(phase, group(context).addGroup("phase", phase.name()).counter("insights"));
        }
        return counters;
    }

    /** A counter of the operator's own, {@code switchboard_<name>}. */
    public static Counter counter(RuntimeContext context, String name) {
        return group(context).counter(name);
    }

    /** A counter that threads other than the task's may increment (the meaning tier's). */
    public static Counter threadSafeCounter(RuntimeContext context, String name) {
        return group(context).counter(name, new org.apache.flink.metrics.ThreadSafeSimpleCounter());
    }

    /** A histogram over the last {@value #WINDOW} values. */
    public static Histogram histogram(RuntimeContext context, String name) {
        return group(context).histogram(name, new DescriptiveStatisticsHistogram(WINDOW));
    }
}
