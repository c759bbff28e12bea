package dev.switchboard.operators.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void rejectsThresholdsWithoutHysteresis() {
        assertThrows(IllegalArgumentException.class,
                () -> new EscalationPolicy("bad", 1, -0.3, 2, -0.5, 3, -0.7, 5, -0.3, Duration.ZERO));
    }
}
