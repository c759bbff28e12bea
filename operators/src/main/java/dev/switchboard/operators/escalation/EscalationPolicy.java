package dev.switchboard.operators.escalation;

import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.ReasonCode;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that move a conversation between escalation levels, from the customer's explicit
 * requests, how long they have waited for an agent, their weighted sentiment ({@code s}), its
 * slope over the last customer messages ({@code trend}) and the negative streak. Plain Java: no
 * state of its own, no Flink.
 *
 * <ul>
 *   <li>The weighted sentiment counts only from the second customer message on: one message is
 *       an anecdote, and a single misread line must not bother a supervisor.
 *   <li>Enter {@code watch} when {@code s <= watchBelow}, the streak reaches {@code watchStreak},
 *       or the sentiment falls fast ({@code trend <= trendSlopeBelow} per message, while
 *       {@code s < 0}); {@code alert} when {@code s <= alertBelow} and the streak is at least 2,
 *       or the streak reaches {@code alertStreak}; {@code escalate} likewise with its own
 *       thresholds.
 *   <li>Levels only rise within an episode, so each level is decided at most once per episode.
 *   <li>{@code recovered} when, at {@code watch} or above, {@code s >= recoverAbove} and the latest
 *       customer message is not negative. {@code recoverAbove} is well above {@code watchBelow}
 *       (hysteresis), so a conversation hovering at a threshold does not flap.
 *   <li>After a recovery no new episode starts for {@code cooldown} of event time on sentiment
 *       alone; explicit requests and long waits are not held back.
 *   <li>Requests: legal threats escalate; a manager or a formal complaint alerts (escalates when
 *       {@code s <= alertBelow}); cancelling is watched (alerts when {@code s <= watchBelow}).
 *   <li>Waiting: a long wait for an agent's reply is watched (alerts when {@code s <= watchBelow}).
 * </ul>
 *
 * <p>A Flink POJO, because tenants' policies live in broadcast state (they arrive on the policies
 * topic); {@link #validate()} checks one before it is used. Evolution rule as for state: add
 * fields with a default, never rename, retype or remove one.
 */
public class EscalationPolicy implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int EVIDENCE_SIZE = 3;

    public String name = "default";
    public int version = 1;
    public double watchBelow = -0.35;
    public int watchStreak = 2;
    public double alertBelow = -0.55;
    public int alertStreak = 3;
    public double escalateBelow = -0.75;
    public int escalateStreak = 5;
    public double recoverAbove = -0.05;
    public long cooldownMs = Duration.ofMinutes(2).toMillis();
    /** Slope (score per customer message, over the trend window) at or below which a conversation is watched. */
    public double trendSlopeBelow = -0.3;

    /** The default policy; see {@link #defaults()}. */
    public EscalationPolicy() {}

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
        this.name = name;
        this.version = version;
        this.watchBelow = watchBelow;
        this.watchStreak = watchStreak;
        this.alertBelow = alertBelow;
        this.alertStreak = alertStreak;
        this.escalateBelow = escalateBelow;
        this.escalateStreak = escalateStreak;
        this.recoverAbove = recoverAbove;
        this.cooldownMs = cooldown.toMillis();
        validate();
    }

    /**
     * Checks the thresholds against each other.
     *
     * @return this
     * @throws IllegalArgumentException naming the rule that is broken
     */
    public EscalationPolicy validate() {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
        if (!(escalateBelow <= alertBelow && alertBelow <= watchBelow && watchBelow < recoverAbove)) {
            throw new IllegalArgumentException(
                    "thresholds must satisfy escalateBelow <= alertBelow <= watchBelow < recoverAbove");
        }
        if (!(-1 <= escalateBelow && recoverAbove <= 1)) {
            throw new IllegalArgumentException("thresholds must lie in [-1, 1], as scores do");
        }
        if (!(watchStreak <= alertStreak && alertStreak <= escalateStreak && watchStreak >= 1)) {
            throw new IllegalArgumentException("streaks must satisfy 1 <= watchStreak <= alertStreak <= escalateStreak");
        }
        if (cooldownMs < 0) {
            throw new IllegalArgumentException("cooldown must not be negative");
        }
        if (!(trendSlopeBelow < 0)) {
            throw new IllegalArgumentException("trendSlopeBelow must be negative (below -2 turns the trend rule off)");
        }
        return this;
    }

    public double watchBelow() {
        return watchBelow;
    }

    public double alertBelow() {
        return alertBelow;
    }

    public double escalateBelow() {
        return escalateBelow;
    }

    public double recoverAbove() {
        return recoverAbove;
    }

    public Duration cooldown() {
        return Duration.ofMillis(cooldownMs);
    }

    /** The default policy. */
    public static EscalationPolicy defaults() {
        return new EscalationPolicy();
    }

    /** "name v3", as decisions and logs name a policy. */
    public String label() {
        return name + " v" + version;
    }

    /** A level change and why; null fields never occur. */
    public record Transition(EscalationLevel level, List<ReasonCode> reasons) {}

    /**
     * @return the transition this update causes from {@code state}, or null for none
     */
    public Transition evaluate(EscalationState state, ConversationUpdate u) {
        EscalationLevel current = state.level;
        EscalationLevel target = EscalationLevel.NONE;
        List<ReasonCode> reasons = new ArrayList<>(3);
        // Only from the second customer message on; before that, above every threshold.
        double s = u.customerMessages >= 2 ? u.customerSentiment : Double.MAX_VALUE;
        int streak = u.negativeStreak;

        // Explicit signals first: they bypass the cooldown, since a customer who asks for a
        // manager right after recovering must still reach one.
        EscalationRequest request = u.escalationRequest == null ? EscalationRequest.NONE : u.escalationRequest;
        if (request != EscalationRequest.NONE) {
            target = requestLevel(request, s);
            reasons.add(ReasonCode.ESCALATION_REQUEST);
        }
        if (u.waitTimer) {
            target = max(target, s <= watchBelow ? EscalationLevel.ALERT : EscalationLevel.WATCH);
            reasons.add(ReasonCode.LONG_WAIT);
        }

        boolean coolingDown = current == EscalationLevel.NONE && u.ts < safeAdd(state.recoveredAt, cooldownMs);
        boolean fallingFast = u.customerTrend <= trendSlopeBelow && s < 0;
        if (!coolingDown && !u.waitTimer) {
            EscalationLevel bySentiment = EscalationLevel.NONE;
            List<ReasonCode> sentimentReasons = new ArrayList<>(2);
            if (s <= escalateBelow && streak >= 2 || streak >= escalateStreak) {
                bySentiment = EscalationLevel.ESCALATE;
                addReasons(sentimentReasons, s <= escalateBelow, streak >= 2);
            } else if (s <= alertBelow && streak >= 2 || streak >= alertStreak) {
                bySentiment = EscalationLevel.ALERT;
                addReasons(sentimentReasons, s <= alertBelow, streak >= 2);
            } else if (s <= watchBelow || streak >= watchStreak || fallingFast) {
                bySentiment = EscalationLevel.WATCH;
                addReasons(sentimentReasons, s <= watchBelow || fallingFast, streak >= watchStreak);
            }
            target = max(target, bySentiment);
            reasons.addAll(sentimentReasons);
        }

        if (target.ordinal() > current.ordinal()) {
            return new Transition(target, reasons);
        }
        if (current != EscalationLevel.NONE
                && !u.waitTimer
                && request == EscalationRequest.NONE
                && u.customerSentiment >= recoverAbove
                && streak == 0) {
            return new Transition(EscalationLevel.RECOVERED, List.of(ReasonCode.SENTIMENT_RECOVERED));
        }
        return null;
    }

    /**
     * Legal threats escalate at once; a manager or a formal complaint is an alert (escalate when
     * the customer is also clearly negative); a wish to cancel is watched (an alert when negative).
     */
    private EscalationLevel requestLevel(EscalationRequest request, double sentiment) {
        return switch (request) {
            case LEGAL -> EscalationLevel.ESCALATE;
            case MANAGER, COMPLAINT -> sentiment <= alertBelow ? EscalationLevel.ESCALATE : EscalationLevel.ALERT;
            case CANCEL -> sentiment <= watchBelow ? EscalationLevel.ALERT : EscalationLevel.WATCH;
            case NONE -> EscalationLevel.NONE;
        };
    }

    private static EscalationLevel max(EscalationLevel a, EscalationLevel b) {
        return a.ordinal() >= b.ordinal() ? a : b;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof EscalationPolicy p
                && version == p.version
                && Double.compare(watchBelow, p.watchBelow) == 0
                && watchStreak == p.watchStreak
                && Double.compare(alertBelow, p.alertBelow) == 0
                && alertStreak == p.alertStreak
                && Double.compare(escalateBelow, p.escalateBelow) == 0
                && escalateStreak == p.escalateStreak
                && Double.compare(recoverAbove, p.recoverAbove) == 0
                && cooldownMs == p.cooldownMs
                && Double.compare(trendSlopeBelow, p.trendSlopeBelow) == 0
                && java.util.Objects.equals(name, p.name);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, version);
    }

    @Override
    public String toString() {
        return "EscalationPolicy{" + label() + "}";
    }
}
