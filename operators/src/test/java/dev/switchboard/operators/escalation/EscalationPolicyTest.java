package dev.switchboard.operators.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.models.requests.EscalationRequest;
import dev.switchboard.models.sentiment.SpeakerRole;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.ReasonCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationPolicyTest {
    private final EscalationPolicy policy = EscalationPolicy.defaults();

    static ConversationUpdate update(double sentiment, int streak, int customerMessages, long ts) {
        ConversationUpdate u = new ConversationUpdate();
        u.role = SpeakerRole.CUSTOMER;
        u.supported = true;
        u.customerSentiment = sentiment;
        u.negativeStreak = streak;
        u.customerMessages = customerMessages;
        u.ts = ts;
        return u;
    }

    private static EscalationState at(EscalationLevel level) {
        EscalationState s = new EscalationState();
        s.level = level;
        return s;
    }

    @Test
    void oneAngryMessageAloneIsNotEnoughToBotherASupervisor() {
        assertNull(policy.evaluate(at(EscalationLevel.NONE), update(-0.95, 1, 1, 0)));
    }

    @Test
    void watchesANegativeTrendFromTheSecondMessage() {
        var t = policy.evaluate(at(EscalationLevel.NONE), update(-0.4, 1, 2, 0));
        assertEquals(EscalationLevel.WATCH, t.level());
        assertEquals(List.of(ReasonCode.NEGATIVE_TREND), t.reasons());
    }

    @Test
    void escalatesAfterAStrongNegativeTrendWithAStreak() {
        var t = policy.evaluate(at(EscalationLevel.WATCH), update(-0.8, 3, 3, 0));
        assertEquals(EscalationLevel.ESCALATE, t.level());
        assertEquals(List.of(ReasonCode.NEGATIVE_TREND, ReasonCode.NEGATIVE_STREAK), t.reasons());
    }

    @Test
    void alertsOnALongStreakEvenWhenTheAverageIsMild() {
        var t = policy.evaluate(at(EscalationLevel.WATCH), update(-0.3, 3, 3, 0));
        assertEquals(EscalationLevel.ALERT, t.level());
        assertEquals(List.of(ReasonCode.NEGATIVE_STREAK), t.reasons());
    }

    @Test
    void neverDecidesTheSameOrALowerLevelAgainWithinAnEpisode() {
        assertNull(policy.evaluate(at(EscalationLevel.ALERT), update(-0.6, 2, 4, 0)));
        assertNull(policy.evaluate(at(EscalationLevel.ALERT), update(-0.4, 0, 4, 0)));
    }

    @Test
    void doesNotFlapAtTheThreshold() {
        // Just above the watch threshold is still far below recovery: no recovered decision.
        assertNull(policy.evaluate(at(EscalationLevel.WATCH), update(-0.3, 0, 3, 0)));
        assertNull(policy.evaluate(at(EscalationLevel.WATCH), update(-0.1, 0, 4, 0)));
        var t = policy.evaluate(at(EscalationLevel.WATCH), update(0.1, 0, 5, 0));
        assertEquals(EscalationLevel.RECOVERED, t.level());
    }

    @Test
    void aRecoveredConversationCoolsDownBeforeANewEpisode() {
        EscalationState s = at(EscalationLevel.NONE);
        s.recoveredAt = 10_000;
        assertNull(policy.evaluate(s, update(-0.5, 1, 6, 10_000 + Duration.ofMinutes(2).toMillis() - 1)));
        assertEquals(EscalationLevel.WATCH, policy.evaluate(s, update(-0.5, 1, 6, 10_000 + Duration.ofMinutes(2).toMillis())).level());
    }

    private static ConversationUpdate asking(EscalationRequest request, double sentiment, int messages) {
        ConversationUpdate u = update(sentiment, 0, messages, 0);
        u.escalationRequest = request;
        return u;
    }

    @Test
    void anExplicitRequestAlertsFromTheFirstMessage() {
        var t = policy.evaluate(at(EscalationLevel.NONE), asking(EscalationRequest.MANAGER, 0.0, 1));
        assertEquals(EscalationLevel.ALERT, t.level());
        assertEquals(List.of(ReasonCode.ESCALATION_REQUEST), t.reasons());
        assertEquals(EscalationLevel.ESCALATE, policy.evaluate(at(EscalationLevel.NONE), asking(EscalationRequest.LEGAL, 0.5, 1)).level());
        assertEquals(EscalationLevel.WATCH, policy.evaluate(at(EscalationLevel.NONE), asking(EscalationRequest.CANCEL, 0.0, 1)).level());
    }

    @Test
    void aRequestFromANegativeCustomerEscalates() {
        var t = policy.evaluate(at(EscalationLevel.WATCH), asking(EscalationRequest.MANAGER, -0.6, 3));
        assertEquals(EscalationLevel.ESCALATE, t.level());
        assertEquals(List.of(ReasonCode.ESCALATION_REQUEST, ReasonCode.NEGATIVE_TREND), t.reasons());
    }

    @Test
    void aRequestIsNotHeldBackByTheCooldownAndBlocksRecovery() {
        EscalationState s = at(EscalationLevel.NONE);
        s.recoveredAt = 10_000;
        ConversationUpdate u = asking(EscalationRequest.MANAGER, 0.2, 5);
        u.ts = 10_001;
        assertEquals(EscalationLevel.ALERT, policy.evaluate(s, u).level());
        assertNull(policy.evaluate(at(EscalationLevel.ALERT), asking(EscalationRequest.CANCEL, 0.5, 6)));
    }

    @Test
    void aLongWaitIsWatchedAndAlertsWhenTheCustomerIsUnhappy() {
        ConversationUpdate wait = update(0.0, 0, 2, 0);
        wait.waitTimer = true;
        var t = policy.evaluate(at(EscalationLevel.NONE), wait);
        assertEquals(EscalationLevel.WATCH, t.level());
        assertEquals(List.of(ReasonCode.LONG_WAIT), t.reasons());
        wait.customerSentiment = -0.5;
        assertEquals(EscalationLevel.ALERT, policy.evaluate(at(EscalationLevel.WATCH), wait).level());
        wait.customerSentiment = 0.9;
        assertNull(policy.evaluate(at(EscalationLevel.WATCH), wait), "a timer never recovers a conversation");
    }

    @Test
    void rejectsThresholdsWithoutHysteresis() {
        assertThrows(IllegalArgumentException.class,
                () -> new EscalationPolicy("bad", 1, -0.3, 2, -0.5, 3, -0.7, 5, -0.3, Duration.ZERO));
    }

    @Test
    void watchesASharpFallBeforeTheAverageIsLow() {
        ConversationUpdate u = update(-0.1, 1, 3, 0);
        u.customerTrend = -0.6;
        var t = policy.evaluate(at(EscalationLevel.NONE), u);
        assertEquals(EscalationLevel.WATCH, t.level());
        assertEquals(List.of(ReasonCode.NEGATIVE_TREND), t.reasons());
    }

    @Test
    void aFallThatEndsAboveZeroIsNotAReason() {
        ConversationUpdate u = update(0.2, 0, 3, 0);
        u.customerTrend = -0.6;
        assertNull(policy.evaluate(at(EscalationLevel.NONE), u), "from delighted to content is no cause for a supervisor");
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
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("[-1, 1]"), e.getMessage());
    }
}
