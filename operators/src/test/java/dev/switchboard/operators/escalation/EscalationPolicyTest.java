package dev.switchboard.operators.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.models.sentiment.SentimentLabel;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.Evidence;
import dev.switchboard.operators.records.ReasonCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationPolicyTest {
    private final EscalationPolicy policy = EscalationPolicy.defaults();

    static ConversationUpdate update(double sentiment, int customerMessages, long ts) {
        ConversationUpdate u = new ConversationUpdate();
        u.role = SpeakerRole.CUSTOMER;
        u.supported = true;
        u.customerSentiment = sentiment;
        u.customerMessages = customerMessages;
        u.ts = ts;
        return u;
    }

    /** An update as Track conversation sends it, with its own count of negative messages. */
    static ConversationUpdate update(
            double sentiment, int negativeStreak, int customerMessages, long ts) {
        ConversationUpdate u = update(sentiment, customerMessages, ts);
        u.negativeStreak = negativeStreak;
        return u;
    }

    private static EscalationState at(EscalationLevel level) {
        EscalationState s = new EscalationState();
        s.level = level;
        return s;
    }

    /**
     * Customer turns through the policy as {@link DecideEscalation} feeds them: evidence kept, the
     * turn observed, then evaluated, and the level taken; the weighted sentiment as Track
     * conversation computes it (newest message weighs 0.5).
     */
    private final class Conversation {
        final EscalationState state = new EscalationState();
        final List<EscalationRules.Transition> decisions = new ArrayList<>();
        double weighted;
        int messages;
        long ts;

        EscalationRules.Transition say(double score) {
            return say(score, EscalationRequest.NONE);
        }

        EscalationRules.Transition say(double score, EscalationRequest request) {
            weighted = messages == 0 ? score : 0.5 * score + 0.5 * weighted;
            messages++;
            ts += 20_000;
            ConversationUpdate u = update(weighted, messages, ts);
            u.score = score;
            u.escalationRequest = request;
            state.recent.add(
                    new Evidence(
                            "m" + messages,
                            ts,
                            score <= policy.negativeTurnBelow
                                    ? SentimentLabel.NEGATIVE
                                    : SentimentLabel.NEUTRAL,
                            score,
                            null,
                            false));
            if (state.recent.size() > EscalationPolicy.EVIDENCE_SIZE) {
                state.recent.remove(0);
            }
            policy.observe(state, u);
            EscalationRules.Transition t = policy.evaluate(state, u);
            if (t != null) {
                decisions.add(t);
                if (t.level() == EscalationLevel.RECOVERED) {
                    state.level = EscalationLevel.NONE;
                    state.recoveredAt = ts;
                } else {
                    state.level = t.level();
                }
            }
            return t;
        }

        List<EscalationLevel> levels() {
            return decisions.stream().map(EscalationRules.Transition::level).toList();
        }
    }

    @Test
    void oneAngryMessageAloneIsNotEnoughToBotherASupervisor() {
        assertNull(new Conversation().say(-0.95));
    }

    @Test
    void aSingleMisreadTurnAmongCalmOnesNeverStartsAnEpisode() {
        Conversation c = new Conversation();
        for (double score : new double[] {0.6, 0.1, -0.95, 0.0, 0.2, -0.9, 0.1}) {
            c.say(score);
        }
        assertEquals(
                List.of(),
                c.levels(),
                "one negative turn at a time, however strong and however fast the fall");
    }

    @Test
    void watchesTwoNegativeTurnsInARow() {
        Conversation c = new Conversation();
        c.say(0.0);
        assertNull(c.say(-0.6));
        var t = c.say(-0.6);
        assertEquals(EscalationLevel.WATCH, t.level());
        assertEquals(List.of(ReasonCode.NEGATIVE_TREND, ReasonCode.NEGATIVE_STREAK), t.reasons());
    }

    @Test
    void watchesRepeatedNegativityThatIsNotConsecutive() {
        Conversation c = new Conversation();
        c.say(-0.8);
        c.say(-0.1);
        var t = c.say(-0.8);
        assertEquals(EscalationLevel.WATCH, t.level());
        assertEquals(List.of(ReasonCode.NEGATIVE_TREND), t.reasons());
    }

    @Test
    void watchesAComplaintToldFlatlyAndThenAngrily() {
        Conversation c = new Conversation();
        c.say(-0.36);
        c.say(-0.3);
        var t = c.say(-0.93);
        assertEquals(
                EscalationLevel.WATCH,
                t.level(),
                "leaning negative, then negative: more than one turn");
        assertEquals(List.of(ReasonCode.NEGATIVE_TREND), t.reasons());
        Conversation calm = new Conversation();
        calm.say(0.2);
        calm.say(-0.3);
        assertNull(
                calm.say(-0.93),
                "one negative turn after calm and mildly unsure ones is still one turn");
    }

    @Test
    void turnsTheModelIsUnsureOfAreNotNegative() {
        Conversation c = new Conversation();
        for (int i = 0; i < 6; i++) {
            c.say(policy.negativeTurnBelow + 0.05);
        }
        assertEquals(List.of(), c.levels(), "scores just above negativeTurnBelow are not a run");
    }

    @Test
    void escalatesAStrongNegativeRun() {
        Conversation c = new Conversation();
        c.say(-0.9);
        var t = c.say(-0.9);
        assertEquals(EscalationLevel.ESCALATE, t.level());
        assertEquals(List.of(ReasonCode.NEGATIVE_TREND, ReasonCode.NEGATIVE_STREAK), t.reasons());
    }

    @Test
    void alertsOnALongRunEvenWhenTheAverageIsMild() {
        Conversation c = new Conversation();
        c.say(-0.52);
        c.say(-0.52);
        var t = c.say(-0.52);
        assertEquals(List.of(EscalationLevel.WATCH, EscalationLevel.ALERT), c.levels());
        assertEquals(List.of(ReasonCode.NEGATIVE_STREAK), t.reasons());
    }

    @Test
    void neverDecidesTheSameOrALowerLevelAgainWithinAnEpisode() {
        Conversation c = new Conversation();
        for (double score : new double[] {-0.52, -0.52, -0.52, -0.7, -0.6, -0.9, -0.6}) {
            c.say(score);
        }
        assertEquals(
                List.of(EscalationLevel.WATCH, EscalationLevel.ALERT, EscalationLevel.ESCALATE),
                c.levels());
    }

    @Test
    void recoveryNeedsSustainedCalm() {
        EscalationState s = at(EscalationLevel.WATCH);
        s.calmTurns = 1;
        assertNull(policy.evaluate(s, update(0.3, 5, 0)), "one calm turn is not yet a recovery");
        s.calmTurns = policy.recoverTurns;
        assertEquals(EscalationLevel.RECOVERED, policy.evaluate(s, update(0.3, 6, 0)).level());
        assertNull(
                policy.evaluate(s, update(-0.1, 6, 0)),
                "calm turns, but the weighted sentiment is still below recoverAbove");
    }

    @Test
    void doesNotFlapAroundTheWatchThreshold() {
        Conversation c = new Conversation();
        for (double score :
                new double[] {-0.52, -0.52, 0.0, -0.3, -0.55, -0.2, 0.0, -0.5, -0.1, -0.4}) {
            c.say(score);
        }
        assertEquals(
                List.of(EscalationLevel.WATCH),
                c.levels(),
                "hovering below recoverAbove is neither a recovery nor a new level");
    }

    @Test
    void aRecoveredConversationCoolsDownForTheFlapWindow() {
        assertEquals(Duration.ofMinutes(10), policy.cooldown());
        EscalationState s = at(EscalationLevel.NONE);
        s.recoveredAt = 10_000;
        s.negativeTurns = 2;
        long end = 10_000 + policy.cooldown().toMillis();
        assertNull(policy.evaluate(s, update(-0.52, 6, end - 1)));
        assertEquals(EscalationLevel.WATCH, policy.evaluate(s, update(-0.52, 6, end)).level());
    }

    private static ConversationUpdate asking(
            EscalationRequest request, double sentiment, int messages) {
        ConversationUpdate u = update(sentiment, messages, 0);
        u.escalationRequest = request;
        return u;
    }

    @Test
    void anExplicitRequestAlertsFromTheFirstMessage() {
        var t =
                policy.evaluate(
                        at(EscalationLevel.NONE), asking(EscalationRequest.MANAGER, 0.0, 1));
        assertEquals(EscalationLevel.ALERT, t.level());
        assertEquals(List.of(ReasonCode.ESCALATION_REQUEST), t.reasons());
        assertEquals(
                EscalationLevel.ESCALATE,
                policy.evaluate(at(EscalationLevel.NONE), asking(EscalationRequest.LEGAL, 0.5, 1))
                        .level());
        assertEquals(
                EscalationLevel.WATCH,
                policy.evaluate(at(EscalationLevel.NONE), asking(EscalationRequest.CANCEL, 0.0, 1))
                        .level());
    }

    @Test
    void aRequestFromANegativeCustomerEscalates() {
        Conversation c = new Conversation();
        c.say(-0.7);
        c.say(-0.7);
        var t = c.say(-0.7, EscalationRequest.MANAGER);
        assertEquals(EscalationLevel.ESCALATE, t.level());
        assertEquals(
                List.of(
                        ReasonCode.ESCALATION_REQUEST,
                        ReasonCode.NEGATIVE_TREND,
                        ReasonCode.NEGATIVE_STREAK),
                t.reasons());
    }

    @Test
    void aRequestIsNotHeldBackByTheCooldownAndBlocksRecovery() {
        EscalationState s = at(EscalationLevel.NONE);
        s.recoveredAt = 10_000;
        ConversationUpdate u = asking(EscalationRequest.MANAGER, 0.2, 5);
        u.ts = 10_001;
        assertEquals(EscalationLevel.ALERT, policy.evaluate(s, u).level());
        EscalationState alerted = at(EscalationLevel.ALERT);
        alerted.calmTurns = 5;
        assertNull(policy.evaluate(alerted, asking(EscalationRequest.CANCEL, 0.5, 6)));
    }

    @Test
    void aLongWaitIsWatchedAndAlertsWhenTheCustomerIsUnhappy() {
        ConversationUpdate wait = update(0.0, 2, 0);
        wait.waitTimer = true;
        var t = policy.evaluate(at(EscalationLevel.NONE), wait);
        assertEquals(EscalationLevel.WATCH, t.level());
        assertEquals(List.of(ReasonCode.LONG_WAIT), t.reasons());
        wait.customerSentiment = -0.5;
        assertEquals(
                EscalationLevel.ALERT, policy.evaluate(at(EscalationLevel.WATCH), wait).level());
        wait.customerSentiment = 0.9;
        EscalationState calm = at(EscalationLevel.WATCH);
        calm.calmTurns = 5;
        assertNull(policy.evaluate(calm, wait), "a timer never recovers a conversation");
    }

    @Test
    void rejectsThresholdsWithoutHysteresis() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new EscalationPolicy(
                                "bad", 1, -0.3, 2, -0.5, 3, -0.7, 5, -0.3, Duration.ZERO));
    }

    @Test
    void watchesASharpFallOnceTwoTurnsWereNegative() {
        EscalationState s = at(EscalationLevel.NONE);
        s.recent.add(new Evidence("m1", 0, SentimentLabel.NEGATIVE, -0.7, null, false));
        s.recent.add(new Evidence("m2", 0, SentimentLabel.POSITIVE, 0.9, null, false));
        s.recent.add(new Evidence("m3", 0, SentimentLabel.NEGATIVE, -0.8, null, false));
        ConversationUpdate u = update(-0.1, 4, 0);
        u.customerTrend = -0.6;
        var t = policy.evaluate(s, u);
        assertEquals(EscalationLevel.WATCH, t.level());
        assertEquals(List.of(ReasonCode.NEGATIVE_TREND), t.reasons());
        u.customerTrend = -0.1;
        assertNull(policy.evaluate(s, u), "above watchBelow and not falling fast");
    }

    @Test
    void aFallThatEndsAboveZeroIsNotAReason() {
        EscalationState s = at(EscalationLevel.NONE);
        s.recent.add(new Evidence("m1", 0, SentimentLabel.NEGATIVE, -0.7, null, false));
        s.recent.add(new Evidence("m2", 0, SentimentLabel.NEGATIVE, -0.7, null, false));
        ConversationUpdate u = update(0.2, 3, 0);
        u.customerTrend = -0.6;
        assertNull(policy.evaluate(s, u), "from delighted to content is no cause for a supervisor");
    }

    @Test
    void aPolicyRestoredWithoutTheNewerFieldsUsesTheirDefaults() {
        EscalationPolicy restored = new EscalationPolicy();
        restored.negativeTurnBelow = 0;
        restored.recoverTurns = 0;
        EscalationState s = at(EscalationLevel.WATCH);
        s.calmTurns = 1;
        assertNull(restored.evaluate(s, update(0.5, 5, 0)), "one calm turn does not recover");
        ConversationUpdate u = update(-0.1, 3, 0);
        u.score = -0.1;
        EscalationState fresh = new EscalationState();
        restored.observe(fresh, u);
        assertEquals(
                0,
                fresh.negativeTurns,
                "0 is read as the default -0.4, not as 'everything at or below 0'");
    }

    @Test
    void validationNamesTheBrokenRule() {
        EscalationPolicy p = new EscalationPolicy();
        p.trendSlopeBelow = 0.1;
        assertThrows(IllegalArgumentException.class, p::validate);
        EscalationPolicy q = new EscalationPolicy();
        q.escalateBelow = -1.5;
        q.alertBelow = -1.2;
        q.watchBelow = -1.1;
        var e = assertThrows(IllegalArgumentException.class, q::validate);
        assertTrue(e.getMessage().contains("[-1, 1]"), e.getMessage());
        EscalationPolicy r = new EscalationPolicy();
        r.negativeTurnBelow = 0.2;
        assertTrue(
                assertThrows(IllegalArgumentException.class, r::validate)
                        .getMessage()
                        .contains("negativeTurnBelow"));
        EscalationPolicy v = new EscalationPolicy();
        v.recoverTurns = 0;
        assertTrue(
                assertThrows(IllegalArgumentException.class, v::validate)
                        .getMessage()
                        .contains("recoverTurns"));
    }

    @Test
    void everyRiseOnSentimentComesOnATurnMarkedDecisive() {
        DecisiveTurns decisive = DecisiveTurns.of(policy, java.util.Map.of());
        java.util.Random random = new java.util.Random(7);
        int rises = 0;
        int decisiveTurns = 0;
        int turns = 0;
        for (int conversation = 0; conversation < 3_000; conversation++) {
            Conversation c = new Conversation();
            int recent = DecisiveTurns.CALM;
            int length = 2 + random.nextInt(12);
            for (int turn = 0; turn < length; turn++) {
                // Scores spread over the range, with many near the thresholds.
                double score =
                        random.nextBoolean()
                                ? random.nextDouble() * 2 - 1
                                : -0.3 - random.nextDouble() * 0.2;
                boolean marked = decisive.isDecisive("acme", score, recent);
                recent = decisive.after("acme", score, recent);
                EscalationLevel before = c.state.level;
                EscalationRules.Transition t = c.say(score);
                turns++;
                decisiveTurns += marked ? 1 : 0;
                if (t != null && t.level() != EscalationLevel.RECOVERED) {
                    rises++;
                    assertTrue(
                            marked,
                            "a rise from " + before + " to " + t.level() + " on an unmarked turn");
                }
            }
        }
        assertTrue(rises > 500, "the random conversations rise often enough to judge: " + rises);
        assertTrue(
                decisiveTurns < turns,
                "not every turn is decisive: " + decisiveTurns + " of " + turns);
    }
}
