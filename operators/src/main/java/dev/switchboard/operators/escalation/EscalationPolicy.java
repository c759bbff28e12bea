package dev.switchboard.operators.escalation;

import dev.switchboard.operators.insights.InsightPolicy;
import dev.switchboard.operators.records.ConversationUpdate;
import java.io.Serializable;
import java.time.Duration;

/**
 * One tenant's escalation thresholds, named and versioned: what {@link EscalationRules} reads to
 * move a conversation between levels (the rules are described there). {@link #observe} and {@link
 * #evaluate} apply those rules under this policy.
 *
 * <p>A Flink POJO, because tenants' policies live in broadcast state (they arrive on the policies
 * topic); {@link #validate()} checks one before it is used. Evolution rule as for state: add fields
 * with a default, never rename, retype or remove one.
 */
public class EscalationPolicy implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int EVIDENCE_SIZE = 3;

    public String name = "default";
    public int version = 1;
    public double watchBelow = -0.35;
    public int watchStreak = 2;
    public double alertBelow = -0.65;
    public int alertStreak = 3;
    public double escalateBelow = -0.75;
    public int escalateStreak = 5;
    public double recoverAbove = -0.05;
    public long cooldownMs = Duration.ofMinutes(10).toMillis();

    /**
     * Slope (score per customer message, over the trend window) at or below which a conversation is
     * watched.
     */
    public double trendSlopeBelow = -0.3;

    /**
     * A customer turn scored at or below this is negative; between this and the positive side,
     * unsure.
     */
    public double negativeTurnBelow = DEFAULT_NEGATIVE_TURN_BELOW;

    /**
     * Consecutive customer turns that are not negative before a conversation counts as recovered.
     */
    public int recoverTurns = DEFAULT_RECOVER_TURNS;

    /** Thresholds of complaint surges and agent strain; null in state from before they existed. */
    public InsightPolicy insights = new InsightPolicy();

    static final double DEFAULT_NEGATIVE_TURN_BELOW = -0.4;
    static final int DEFAULT_RECOVER_TURNS = 2;

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
        if (!(escalateBelow <= alertBelow
                && alertBelow <= watchBelow
                && watchBelow < recoverAbove)) {
            throw new IllegalArgumentException(
                    "thresholds must satisfy escalateBelow <= alertBelow <= watchBelow < recoverAbove");
        }
        if (!(-1 <= escalateBelow && recoverAbove <= 1)) {
            throw new IllegalArgumentException("thresholds must lie in [-1, 1], as scores do");
        }
        if (!(watchStreak <= alertStreak && alertStreak <= escalateStreak && watchStreak >= 1)) {
            throw new IllegalArgumentException(
                    "streaks must satisfy 1 <= watchStreak <= alertStreak <= escalateStreak");
        }
        if (cooldownMs < 0) {
            throw new IllegalArgumentException("cooldown must not be negative");
        }
        if (!(-1 <= negativeTurnBelow && negativeTurnBelow < 0)) {
            throw new IllegalArgumentException("negativeTurnBelow must be in [-1, 0)");
        }
        if (recoverTurns < 1) {
            throw new IllegalArgumentException("recoverTurns must be at least 1");
        }
        if (!(trendSlopeBelow < 0)) {
            throw new IllegalArgumentException(
                    "trendSlopeBelow must be negative (below -2 turns the trend rule off)");
        }
        if (insights != null) {
            insights.validate();
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

    /**
     * {@link #negativeTurnBelow}, or its default where it is 0, which {@link #validate()} never
     * lets through: a policy restored from the broadcast state of a release before the field
     * existed may come back with Java's default for it rather than the initialiser's.
     */
    double negativeTurnBelow() {
        return negativeTurnBelow == 0 ? DEFAULT_NEGATIVE_TURN_BELOW : negativeTurnBelow;
    }

    /**
     * A customer turn scored at or below this leans negative: it counts towards repeated negativity
     * ({@link EscalationRules}), as every negative turn does.
     */
    public double leanBelow() {
        return Math.max(watchBelow, negativeTurnBelow());
    }

    /** Whether a turn scored {@code score} is negative: it extends the run of negative turns. */
    public boolean isNegativeTurn(double score) {
        return score <= negativeTurnBelow();
    }

    /** {@link #recoverTurns}, or its default where it is 0, for the same reason. */
    int recoverTurns() {
        return recoverTurns == 0 ? DEFAULT_RECOVER_TURNS : recoverTurns;
    }

    /** {@link #insights}, or the defaults for a policy restored from before they existed. */
    public InsightPolicy insights() {
        return InsightPolicy.of(insights);
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

    /**
     * Counts the customer's turn in {@code state}; see {@link EscalationRules#observe}. Call it for
     * every customer message the model scored, before {@link #evaluate}.
     */
    public void observe(EscalationState state, ConversationUpdate u) {
        EscalationRules.observe(this, state, u);
    }

    /**
     * @return the transition this update causes from {@code state} under this policy, or null for
     *     none
     */
    public EscalationRules.Transition evaluate(EscalationState state, ConversationUpdate u) {
        return EscalationRules.evaluate(this, state, u);
    }

    @Override
    public String toString() {
        return "EscalationPolicy{" + label() + "}";
    }
}
