package dev.switchboard.operators.escalation;

import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.Evidence;
import dev.switchboard.operators.records.ReasonCode;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that move a conversation between escalation levels, from the customer's explicit
 * requests, how long they have waited for an agent, their weighted sentiment ({@code s}), its slope
 * over the last customer messages ({@code trend}) and the run of negative turns. Plain Java: no
 * state of its own, no Flink; {@link #observe} and {@link #evaluate} read and update the {@link
 * EscalationState} the caller keeps.
 *
 * <ul>
 *   <li>A customer turn is <em>negative</em> when its score is at or below {@code
 *       negativeTurnBelow}; a turn the model is unsure of (scores between) is not. The policy
 *       counts consecutive negative turns ({@code run}) and consecutive other turns ({@code calm}).
 *   <li>One turn never starts an episode, however it reads: {@code watch} needs {@code run >=
 *       watchStreak}, or repeated negativity (two of the last {@value #EVIDENCE_SIZE} turns at or
 *       below {@code watchBelow}, one of them negative) while {@code s <= watchBelow} or the
 *       sentiment falls fast ({@code trend <= trendSlopeBelow} per message, with {@code s < 0}).
 *       The weighted sentiment counts only from the second customer message on.
 *   <li>{@code alert} when {@code s <= alertBelow} and {@code run >= 2}, or {@code run >=
 *       alertStreak}; {@code escalate} likewise with its own thresholds.
 *   <li>Levels only rise within an episode, so each level is decided at most once per episode.
 *   <li>{@code recovered} needs sustained evidence: at {@code watch} or above, {@code s >=
 *       recoverAbove} (well above {@code watchBelow}: hysteresis) and the last {@code recoverTurns}
 *       customer turns all not negative.
 *   <li>After a recovery no new episode starts for {@code cooldown} of event time on sentiment
 *       alone; explicit requests and long waits are not held back. The default cooldown equals the
 *       backtest's flap window (a new decision within 10 minutes of a recovery), so sentiment alone
 *       never makes a flap.
 *   <li>Requests: legal threats escalate; a manager or a formal complaint alerts (escalates when
 *       {@code s <= alertBelow}); cancelling is watched (alerts when {@code s <= watchBelow}).
 *   <li>Waiting: a long wait for an agent's reply is watched (alerts when {@code s <= watchBelow}).
 * </ul>
 *
 * <p>docs/escalation.md gives the backtests behind the defaults.
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

    /** {@link #recoverTurns}, or its default where it is 0, for the same reason. */
    int recoverTurns() {
        return recoverTurns == 0 ? DEFAULT_RECOVER_TURNS : recoverTurns;
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
     * Counts the customer's turn in {@code state}: the run of negative turns and of calm ones. Call
     * it for every customer message the model scored, before {@link #evaluate}.
     */
    public void observe(EscalationState state, ConversationUpdate u) {
        if (!u.supported) {
            return; // not scored (another language): neither negative nor calm
        }
        if (isNegative(u.score)) {
            state.negativeTurns++;
            state.calmTurns = 0;
        } else {
            state.calmTurns++;
            state.negativeTurns = 0;
        }
    }

    private boolean isNegative(double score) {
        return score <= negativeTurnBelow();
    }

    /**
     * Negativity that is more than one turn: among the latest customer messages the state keeps as
     * evidence, at least two lean negative (at or below {@code watchBelow}, or negative) and at
     * least one is negative. A complaint told flatly and then angrily ("i was charged twice", then
     * "i'm really frustrated nobody ever fixes it") is repeated; one angry line among calm ones is
     * not.
     */
    private boolean repeatedNegativity(EscalationState state) {
        double leanBelow = Math.max(watchBelow, negativeTurnBelow());
        int leaning = 0;
        int negative = 0;
        for (Evidence e : state.recent) {
            leaning += e.score <= leanBelow ? 1 : 0;
            negative += isNegative(e.score) ? 1 : 0;
        }
        return leaning >= 2 && negative >= 1;
    }

    /**
     * @return the transition this update causes from {@code state}, or null for none
     */
    public Transition evaluate(EscalationState state, ConversationUpdate u) {
        EscalationLevel current = state.level;
        EscalationLevel target = EscalationLevel.NONE;
        List<ReasonCode> reasons = new ArrayList<>(3);
        // Only from the second customer message on; before that, above every threshold.
        double s = u.customerMessages >= 2 ? u.customerSentiment : Double.MAX_VALUE;
        int run = state.negativeTurns;

        // Explicit signals first: they bypass the cooldown, since a customer who asks for a
        // manager right after recovering must still reach one.
        EscalationRequest request =
                u.escalationRequest == null ? EscalationRequest.NONE : u.escalationRequest;
        if (request != EscalationRequest.NONE) {
            target = requestLevel(request, s);
            reasons.add(ReasonCode.ESCALATION_REQUEST);
        }
        if (u.waitTimer) {
            target = max(target, s <= watchBelow ? EscalationLevel.ALERT : EscalationLevel.WATCH);
            reasons.add(ReasonCode.LONG_WAIT);
        }

        boolean coolingDown =
                current == EscalationLevel.NONE && u.ts < safeAdd(state.recoveredAt, cooldownMs);
        if (!coolingDown && !u.waitTimer) {
            boolean fallingFast = u.customerTrend <= trendSlopeBelow && s < 0;
            boolean repeated = repeatedNegativity(state);
            EscalationLevel bySentiment = EscalationLevel.NONE;
            List<ReasonCode> sentimentReasons = new ArrayList<>(2);
            if (s <= escalateBelow && run >= 2 || run >= escalateStreak) {
                bySentiment = EscalationLevel.ESCALATE;
                addReasons(sentimentReasons, s <= escalateBelow, run >= 2);
            } else if (s <= alertBelow && run >= 2 || run >= alertStreak) {
                bySentiment = EscalationLevel.ALERT;
                addReasons(sentimentReasons, s <= alertBelow, run >= 2);
            } else if (run >= watchStreak || repeated && (s <= watchBelow || fallingFast)) {
                bySentiment = EscalationLevel.WATCH;
                addReasons(
                        sentimentReasons,
                        repeated && (s <= watchBelow || fallingFast),
                        run >= watchStreak);
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
                && state.calmTurns >= recoverTurns()) {
            return new Transition(
                    EscalationLevel.RECOVERED, List.of(ReasonCode.SENTIMENT_RECOVERED));
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
            case MANAGER, COMPLAINT ->
                    sentiment <= alertBelow ? EscalationLevel.ESCALATE : EscalationLevel.ALERT;
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
                && Double.compare(negativeTurnBelow, p.negativeTurnBelow) == 0
                && recoverTurns == p.recoverTurns
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
