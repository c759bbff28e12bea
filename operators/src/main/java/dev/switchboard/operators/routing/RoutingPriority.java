package dev.switchboard.operators.routing;

import dev.switchboard.operators.records.EscalationLevel;
import java.util.Set;

/**
 * A conversation's routing priority, 1 (most urgent) to 5, from what the job knows of it. Plain
 * Java. Starts at 4 and moves up one step for each of: the customer's weighted sentiment at or
 * below -0.5, a premium tier ({@code gold}, {@code platinum}, {@code vip}), five minutes or more of
 * waiting so far, and a {@code watch} level; two steps for {@code alert}; an {@code escalate} level
 * is always 1. Clamped to 1..5.
 */
public final class RoutingPriority {
    static final Set<String> PREMIUM_TIERS = Set.of("gold", "platinum", "vip");

    private RoutingPriority() {}

    public static int of(
            double customerSentiment,
            EscalationLevel level,
            String customerTier,
            long waitedSeconds) {
        if (level == EscalationLevel.ESCALATE) {
            return 1;
        }
        int p = 4;
        if (customerSentiment <= -0.5) {
            p--;
        }
        if (customerTier != null
                && PREMIUM_TIERS.contains(customerTier.toLowerCase(java.util.Locale.ROOT))) {
            p--;
        }
        if (waitedSeconds >= 300) {
            p--;
        }
        if (level == EscalationLevel.WATCH) {
            p--;
        } else if (level == EscalationLevel.ALERT) {
            p -= 2;
        }
        return Math.max(1, Math.min(5, p));
    }

    /**
     * The factors that raised the priority, as reason codes, in the order {@link #of} weighs them.
     */
    public static java.util.List<String> factors(
            double customerSentiment,
            EscalationLevel level,
            String customerTier,
            long waitedSeconds) {
        java.util.List<String> reasons = new java.util.ArrayList<>(4);
        if (level == EscalationLevel.WATCH
                || level == EscalationLevel.ALERT
                || level == EscalationLevel.ESCALATE) {
            reasons.add("LEVEL_" + level.name());
        }
        if (customerSentiment <= -0.5) {
            reasons.add("NEGATIVE_SENTIMENT");
        }
        if (customerTier != null
                && PREMIUM_TIERS.contains(customerTier.toLowerCase(java.util.Locale.ROOT))) {
            reasons.add("PREMIUM_TIER");
        }
        if (waitedSeconds >= 300) {
            reasons.add("LONG_WAIT");
        }
        return reasons;
    }
}
