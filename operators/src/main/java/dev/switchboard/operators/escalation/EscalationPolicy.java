package dev.switchboard.operators.escalation;

import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.ReasonCode;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that move a conversation between escalation levels, from the customer's weighted
 * sentiment ({@code s}) and negative streak. Plain Java: no state of its own, no Flink.
 *
 * <ul>
 *   <li>The weighted sentiment counts only from the second customer message on: one message is
 *       an anecdote, and a single misread line must not bother a supervisor.
 *   <li>Enter {@code watch} when {@code s <= watchBelow} or the streak reaches {@code watchStreak};
 *       {@code alert} when {@code s <= alertBelow} and the streak is at least 2, or the streak
 *       reaches {@code alertStreak}; {@code escalate} likewise with its own thresholds.
 *   <li>Levels only rise within an episode, so each level is decided at most once per episode.
 *   <li>{@code recovered} when, at {@code watch} or above, {@code s >= recoverAbove} and the latest
 *       customer message is not negative. {@code recoverAbove} is well above {@code watchBelow}
 *       (hysteresis), so a conversation hovering at a threshold does not flap.
 *   <li>After a recovery no new episode starts for {@code cooldown} of event time.
 * </ul>
 *
 * <p>This is the policy of the foundation; per-tenant policies, escalation requests and waiting
 * time come with the escalation issue.
 */
public final class EscalationPolicy implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int EVIDENCE_SIZE = 3;

    public final String name;
    public final int version;
    final double watchBelow;
    final int watchStreak;
    final double alertBelow;
    final int alertStreak;
    final double escalateBelow;
    final int escalateStreak;
    final double recoverAbove;
    final Duration cooldown;

    public EscalationPolicy(
            String name,
            int version,
            double watchBelow,
            int watchStreak,
            double alertBelow,
            int alertStreak,
            double escalateBelow,
            int escalateStreak,
            double recoverAbove,
            Duration cooldown) {
        if (!(escalateBelow <= alertBelow && alertBelow <= watchBelow && watchBelow < recoverAbove)) {
            throw new IllegalArgumentException(
                    "thresholds must satisfy escalateBelow <= alertBelow <= watchBelow < recoverAbove");
        }
        if (!(watchStreak <= alertStreak && alertStreak <= escalateStreak && watchStreak >= 1)) {
            throw new IllegalArgumentException("streaks must satisfy 1 <= watchStreak <= alertStreak <= escalateStreak");
        }
        this.name = name;
        this.version = version;
        this.watchBelow = watchBelow;
        this.watchStreak = watchStreak;
        this.alertBelow = alertBelow;
        this.alertStreak = alertStreak;
        this.escalateBelow = escalateBelow;
        this.escalateStreak = escalateStreak;
        this.recoverAbove = recoverAbove;
        this.cooldown = cooldown;
    }

    /** The default policy. */
    public static EscalationPolicy defaults() {
        return new EscalationPolicy("default", 1, -0.35, 2, -0.55, 3, -0.75, 5, -0.05, Duration.ofMinutes(2));
    }

    /** A level change and why; null fields never occur. */
    public record Transition(EscalationLevel level, List<ReasonCode> reasons) {}

    /**
     * @return the transition this customer update causes from {@code state}, or null for none
     */
    public Transition evaluate(EscalationState state, ConversationUpdate u) {
        // Above every threshold when there is only one customer message, so only streaks count then.
        double s = u.customerMessages >= 2 ? u.customerSentiment : Double.MAX_VALUE;
        int streak = u.negativeStreak;
        EscalationLevel current = state.level;
        if (current == EscalationLevel.NONE && u.ts < safeAdd(state.recoveredAt, cooldown.toMillis())) {
            return null;
        }
        EscalationLevel target = EscalationLevel.NONE;
        List<ReasonCode> reasons = new ArrayList<>(2);
        if (s <= escalateBelow && streak >= 2 || streak >= escalateStreak) {
            target = EscalationLevel.ESCALATE;
            addReasons(reasons, s <= escalateBelow, streak >= 2);
        } else if (s <= alertBelow && streak >= 2 || streak >= alertStreak) {
            target = EscalationLevel.ALERT;
            addReasons(reasons, s <= alertBelow, streak >= 2);
        } else if (s <= watchBelow || streak >= watchStreak) {
            target = EscalationLevel.WATCH;
            addReasons(reasons, s <= watchBelow, streak >= watchStreak);
        }
        if (target.ordinal() > current.ordinal()) {
            return new Transition(target, reasons);
        }
        if (current != EscalationLevel.NONE && u.customerSentiment >= recoverAbove && streak == 0) {
            return new Transition(EscalationLevel.RECOVERED, List.of(ReasonCode.SENTIMENT_RECOVERED));
        }
        return null;
    }

    private static void addReasons(List<ReasonCode> reasons, boolean trend, boolean streak) {
        if (trend) {
            reasons.add(ReasonCode.NEGATIVE_TREND);
        }
        if (streak) {
            reasons.add(ReasonCode.NEGATIVE_STREAK);
        }
    }

    private static long safeAdd(long a, long b) {
        return a == Long.MIN_VALUE ? Long.MIN_VALUE : a + b;
    }
}
