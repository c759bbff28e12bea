package dev.switchboard.operators.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.models.privacy.TenantRedactors;
import dev.switchboard.operators.insights.InsightPolicy;
import dev.switchboard.operators.records.AgentSignal;
import dev.switchboard.operators.records.ComplaintSignal;
import dev.switchboard.operators.records.ConversationClosed;
import dev.switchboard.operators.records.ConversationUpdate;
import dev.switchboard.operators.records.EscalationLevel;
import dev.switchboard.operators.records.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactSignalsTest {
    private final ContactSignals signals =
            new ContactSignals(new TenantRedactors(List.of(), Map.of()));
    private final InsightPolicy policy = new InsightPolicy();
    private final List<ComplaintSignal> complaints = new ArrayList<>();
    private final List<AgentSignal> agents = new ArrayList<>();
    private final ContactSignals.Out out =
            new ContactSignals.Out() {
                @Override
                public void complaint(ComplaintSignal c) {
                    complaints.add(c);
                }

                @Override
                public void agent(AgentSignal a) {
                    agents.add(a);
                }
            };
    private final EscalationState s = new EscalationState();

    private static ConversationUpdate customer(double score, long ts) {
        ConversationUpdate u = EscalationPolicyTest.update(score, 1, ts);
        u.tenant = "acme";
        u.conversationId = "c-1";
        u.score = score;
        u.excerpt = "refund please, mail jane@example.com";
        u.agentId = "agent-7";
        return u;
    }

    private void step(ConversationUpdate u, EscalationLevel level, ReasonCode reason) {
        EscalationRules.Transition t =
                level == null ? null : new EscalationRules.Transition(level, List.of(reason));
        signals.afterStep(s, u, t, true, policy, out);
        if (t != null) {
            ConversationEpisode.apply(s, t, u.ts);
        }
    }

    @Test
    void aConversationCountsAsOneComplaintUnderItsIntentWithARedactedExcerpt() {
        ConversationUpdate first = customer(-0.5, 1_000);
        first.intent = "request_refund";
        step(first, EscalationLevel.WATCH, ReasonCode.NEGATIVE_STREAK);
        step(customer(-0.8, 2_000), EscalationLevel.ALERT, ReasonCode.NEGATIVE_STREAK);
        assertEquals(1, complaints.size());
        ComplaintSignal c = complaints.get(0);
        assertEquals("request_refund", c.topic);
        assertEquals("acme/request_refund", c.surgeKey());
        assertEquals(1_000, c.ts);
        assertEquals("refund please, mail [EMAIL]", c.excerpt);
    }

    @Test
    void aComplaintWaitsForTheIntentThatIsStillBeingReadAndFallsBackToItsReasonAtTheClose() {
        ConversationUpdate u = customer(-0.6, 1_000);
        u.intentPending = true;
        step(u, EscalationLevel.WATCH, ReasonCode.NEGATIVE_STREAK);
        assertTrue(complaints.isEmpty());
        signals.intentSettled(s, "lost_card", "acme", "c-1", out);
        assertEquals("lost_card", complaints.get(0).topic);
        assertEquals(1_000, complaints.get(0).ts, "timed by the decision, not the intent");

        EscalationState other = new EscalationState();
        ConversationUpdate v = customer(-0.6, 5_000);
        v.intentPending = true;
        signals.afterStep(
                other,
                v,
                new EscalationRules.Transition(
                        EscalationLevel.ALERT, List.of(ReasonCode.ESCALATION_REQUEST)),
                true,
                policy,
                out);
        signals.closed(other, closed(9_000), out);
        assertEquals("escalation_request", complaints.get(1).topic);
    }

    @Test
    void anUnknownIntentOrNoIntentModelMakesTheReasonTheTopicAtOnce() {
        ConversationUpdate u = customer(-0.6, 1_000);
        u.intent = "unknown";
        step(u, EscalationLevel.WATCH, ReasonCode.NEGATIVE_TREND);
        assertEquals("negative_trend", complaints.get(0).topic);
    }

    @Test
    void belowTheTenantsSurgeLevelNothingCounts() {
        policy.surgeLevel = EscalationLevel.ALERT;
        step(customer(-0.5, 1_000), EscalationLevel.WATCH, ReasonCode.NEGATIVE_STREAK);
        assertTrue(complaints.isEmpty());
        step(customer(-0.8, 2_000), EscalationLevel.ALERT, ReasonCode.NEGATIVE_STREAK);
        assertEquals(1, complaints.size());
    }

    @Test
    void theAgentHearsOfHostileMessagesAnEscalationOnceAndTheContactsEnd() {
        step(customer(-0.9, 1_000), EscalationLevel.WATCH, ReasonCode.NEGATIVE_STREAK);
        step(customer(-0.5, 61_000), null, null);
        step(customer(-0.95, 121_000), EscalationLevel.ESCALATE, ReasonCode.NEGATIVE_STREAK);
        step(customer(-0.95, 181_000), null, null);
        step(customer(0.6, 241_000), EscalationLevel.RECOVERED, ReasonCode.SENTIMENT_RECOVERED);
        signals.closed(s, closed(301_000), out);
        assertEquals(
                List.of(
                        AgentSignal.Kind.HOSTILE_MESSAGE,
                        AgentSignal.Kind.HOSTILE_MESSAGE,
                        AgentSignal.Kind.ESCALATED,
                        AgentSignal.Kind.HOSTILE_MESSAGE,
                        AgentSignal.Kind.CONTACT_ENDED),
                agents.stream().map(a -> a.kind).toList());
        AgentSignal ended = agents.get(agents.size() - 1);
        assertEquals("agent-7", ended.agentId);
        assertTrue(ended.difficult);
        assertEquals(240_000, ended.negativeMs, "from the watch to the recovery");
    }

    @Test
    void aCalmContactEndsNotDifficultAndAConversationWithoutAnAgentTellsNoAgent() {
        step(customer(0.4, 1_000), null, null);
        signals.closed(s, closed(60_000), out);
        assertFalse(agents.get(0).difficult);
        assertEquals(0, agents.get(0).negativeMs);

        EscalationState botOnly = new EscalationState();
        ConversationUpdate u = customer(-0.9, 1_000);
        u.agentId = null;
        signals.afterStep(botOnly, u, null, true, policy, out);
        signals.closed(botOnly, closed(2_000), out);
        assertEquals(1, agents.size());
    }

    private static ConversationClosed closed(long ts) {
        ConversationClosed c = new ConversationClosed();
        c.tenant = "acme";
        c.conversationId = "c-1";
        c.ts = ts;
        return c;
    }
}
