package dev.switchboard.operators.escalation;

import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.Evidence;
import dev.switchboard.operators.records.ReasonCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that move a conversation between escalation levels, from the customer's explicit
 * requests, how long they have waited for an agent, their weighted sentiment ({@code s}), its slope
 * over the last customer messages ({@code trend}) and the run of negative turns. Plain Java: no
 * state of its own, no Flink; {@link #observe} and {@link #evaluate} read and update the {@link
 * EscalationState} the caller keeps, under one tenant's {@link EscalationPolicy} (its thresholds,
 * named below as the policy's fields).
 *
 * <ul>
 *   <li>A customer turn is <em>negative</em> when its score is at or below {@code
 *       negativeTurnBelow}; a turn the model is unsure of (scores between) is not. The policy
 *       counts consecutive negative turns ({@code run}) and consecutive other turns ({@code calm}).
 *   <li>One turn never starts an episode, however it reads: {@code watch} needs {@code run >=
 *       watchStreak}, or repeated negativity (two of the last {@value
 *       EscalationPolicy#EVIDENCE_SIZE} turns at or below {@code watchBelow}, one of them negative)
 *       while {@code s <= watchBelow} or the sentiment falls fast ({@code trend <= trendSlopeBelow}
 *       per message, with {@code s < 0}). The weighted sentiment counts only from the second
 *       customer message on.
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
 */
public final class EscalationRules {
    private EscalationRules() {}

    /** A level change and why; null fields never occur. */
    public record Transition(EscalationLevel level, List<ReasonCode> reasons) {}

    /**
     * Counts the customer's turn in {@code state}: the run of negative turns and of calm ones. Call
     * it for every customer message the model scored, before {@link #evaluate}.
     */
    static void observe(EscalationPolicy p, EscalationState state, ConversationUpdate u) {
        if (!u.supported) {
            return; // not scored (another language): neither negative nor calm
        }
        if (p.isNegativeTurn(u.score)) {
            state.negativeTurns++;
            state.calmTurns = 0;
        } else {
            state.calmTurns++;
            state.negativeTurns = 0;
        }
    }

    /**
     * Negativity that is more than one turn: among the latest customer messages the state keeps as
     * evidence, at least two lean negative (at or below {@code watchBelow}, or negative) and at
     * least one is negative. A complaint told flatly and then angrily ("i was charged twice", then
     * "i'm really frustrated nobody ever fixes it") is repeated; one angry line among calm ones is
     * not.
     */
    private static boolean repeatedNegativity(EscalationPolicy p, EscalationState state) {
        double leanBelow = p.leanBelow();
        int leaning = 0;
        int negative = 0;
        for (Evidence e : state.recent) {
            leaning += e.score <= leanBelow ? 1 : 0;
            negative += p.isNegativeTurn(e.score) ? 1 : 0;
        }
        return leaning >= 2 && negative >= 1;
    }

    /**
     * @return the transition this update causes from {@code state}, or null for none
     */
    static Transition evaluate(EscalationPolicy p, EscalationState state, ConversationUpdate u) {
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
            target = requestLevel(p, request, s);
            reasons.add(ReasonCode.ESCALATION_REQUEST);
        }
        if (u.waitTimer) {
            target = max(target, s <= p.watchBelow ? EscalationLevel.ALERT : EscalationLevel.WATCH);
            reasons.add(ReasonCode.LONG_WAIT);
        }

        boolean coolingDown =
                current == EscalationLevel.NONE && u.ts < safeAdd(state.recoveredAt, p.cooldownMs);
        if (!coolingDown && !u.waitTimer) {
            boolean fallingFast = u.customerTrend <= p.trendSlopeBelow && s < 0;
            boolean repeated = repeatedNegativity(p, state);
            EscalationLevel bySentiment = EscalationLevel.NONE;
            List<ReasonCode> sentimentReasons = new ArrayList<>(2);
            if (s <= p.escalateBelow && run >= 2 || run >= p.escalateStreak) {
                bySentiment = EscalationLevel.ESCALATE;
                addReasons(sentimentReasons, s <= p.escalateBelow, run >= 2);
            } else if (s <= p.alertBelow && run >= 2 || run >= p.alertStreak) {
                bySentiment = EscalationLevel.ALERT;
                addReasons(sentimentReasons, s <= p.alertBelow, run >= 2);
            } else if (run >= p.watchStreak || repeated && (s <= p.watchBelow || fallingFast)) {
                bySentiment = EscalationLevel.WATCH;
                addReasons(
                        sentimentReasons,
                        repeated && (s <= p.watchBelow || fallingFast),
                        run >= p.watchStreak);
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
                && u.customerSentiment >= p.recoverAbove
                && state.calmTurns >= p.recoverTurns()) {
            return new Transition(
                    EscalationLevel.RECOVERED, List.of(ReasonCode.SENTIMENT_RECOVERED));
        }
        return null;
    }

    /**
     * Legal threats escalate at once; a manager or a formal complaint is an alert (escalate when
     * the customer is also clearly negative); a wish to cancel is watched (an alert when negative).
     */
    private static EscalationLevel requestLevel(
            EscalationPolicy p, EscalationRequest request, double sentiment) {
        return switch (request) {
            case LEGAL -> EscalationLevel.ESCALATE;
            case MANAGER, COMPLAINT ->
                    sentiment <= p.alertBelow ? EscalationLevel.ESCALATE : EscalationLevel.ALERT;
            case CANCEL ->
                    sentiment <= p.watchBelow ? EscalationLevel.ALERT : EscalationLevel.WATCH;
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
}
